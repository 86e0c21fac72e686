package dev.intake.core.inventory;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A set of record ids held as a sorted {@code long[]}: 8 bytes an id. A file that relocates a
 * million records names a million roots of installation trees, held through its commit; as a
 * {@code HashSet<Long>} they took some 50 bytes each, about 40 bytes a row more for every file of
 * moves (found by the memory check on 6 December 2026). Immutable once built.
 */
final class RecordIds {

    static final RecordIds NONE = new RecordIds(new long[0]);

    private final long[] sorted;

    private RecordIds(long[] sorted) {
        this.sorted = sorted;
    }

    static RecordIds of(Collection<Long> ids) {
        var builder = new Builder();
        ids.forEach(builder::add);
        return builder.build();
    }

    boolean contains(long id) {
        return Arrays.binarySearch(sorted, id) >= 0;
    }

    int size() {
        return sorted.length;
    }

    boolean isEmpty() {
        return sorted.length == 0;
    }

    void forEach(LongConsumer action) {
        for (long id : sorted) {
            action.accept(id);
        }
    }

    /** The ids boxed, for the few hundred a tree walk asks about one by one. */
    List<Long> boxed() {
        return Arrays.stream(sorted).boxed().toList();
    }

    /** Ids in any order, repeats allowed. */
    static final class Builder {
        private long[] ids = new long[16];
        private int size;

        void add(long id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        RecordIds build() {
            if (size == 0) {
                return NONE;
            }
            var all = Arrays.copyOf(ids, size);
            Arrays.sort(all);
            int distinct = 1;
            for (int i = 1; i < all.length; i++) {
                if (all[i] != all[distinct - 1]) {
                    all[distinct++] = all[i];
                }
            }
            return new RecordIds(distinct == all.length ? all : Arrays.copyOf(all, distinct));
        }
    }
}
