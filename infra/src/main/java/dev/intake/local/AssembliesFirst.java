package dev.intake.local;

import dev.intake.core.inventory.InventoryRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Orders an export's records so that each installed item comes after every item it is installed
 * in, through the whole tree; the rest keep id order. Rows apply in file order: a changed location
 * moves what is installed in the item, and a later row of one of those items changes its location
 * again only where its cell differs from the location before the file. Written this way, both an
 * assembly's edited location and an edited location of an item inside it apply; an assembly after
 * the items installed in it (as exports of 5 December 2026 wrote it) undid theirs (found by review
 * on 5 December 2026).
 *
 * <p>Streams: parts are mostly received before the assembly they go into is built, so an assembly
 * often has a higher id than all that is installed in it. Those items are held back as ids only
 * (the installations index, held whole, has them already) and read again, a page at a time, once
 * their last assembly is written.
 */
final class AssembliesFirst {

    /** Held items read again at once: a BatchGetItem's worth. */
    static final int PAGE = 100;

    /** How deep an item sits, and the highest id among the items it is installed in. */
    private record Place(int depth, long lastAssembly) {
        static final Place TOP = new Place(0, Long.MIN_VALUE);
    }

    private final Map<Long, Long> parentOf = new HashMap<>();
    private final Map<Long, Place> places = new HashMap<>();
    private final Function<List<Long>, Map<Long, InventoryRecord>> readAgain;

    private AssembliesFirst(Map<Long, List<Long>> installed, Function<List<Long>, Map<Long, InventoryRecord>> readAgain) {
        installed.forEach((parent, children) -> children.forEach(child -> parentOf.put(child, parent)));
        this.readAgain = readAgain;
    }

    /**
     * {@code byId} (in id order) reordered; {@code installed}: the ids installed in each item, from
     * the installations index (one that lags only puts a row where id order would);
     * {@code readAgain}: the records of some ids (one gone meanwhile is left out).
     */
    static Stream<InventoryRecord> order(Stream<InventoryRecord> byId, Map<Long, List<Long>> installed,
                                         Function<List<Long>, Map<Long, InventoryRecord>> readAgain) {
        return new AssembliesFirst(installed, readAgain).reorder(byId);
    }

    private Stream<InventoryRecord> reorder(Stream<InventoryRecord> byId) {
        var held = new HashMap<Long, List<Long>>();
        var ordered = byId.flatMap(record -> {
            long until = lastAssembly(record.id());
            if (until > record.id()) {
                held.computeIfAbsent(until, id -> new ArrayList<>()).add(record.id());
                return Stream.empty();
            }
            var released = held.remove(record.id());
            return released == null ? Stream.of(record) : Stream.concat(Stream.of(record), readInOrder(released));
        });
        // an item whose last assembly was not listed (gone meanwhile) still gets its row, at the end
        return Stream.concat(ordered, Stream.of(held).flatMap(rest -> readInOrder(rest.values().stream().flatMap(List::stream).toList())));
    }

    /** The held items, shallower first, then by id, read again a page at a time as the stream reaches them. */
    private Stream<InventoryRecord> readInOrder(List<Long> ids) {
        var sorted = ids.stream().sorted(Comparator.comparingInt((Long id) -> placeOf(id).depth())
                .thenComparingLong(Long::longValue)).toList();
        return Stream.iterate(0, from -> from < sorted.size(), from -> from + PAGE).flatMap(from -> {
            var page = sorted.subList(from, Math.min(sorted.size(), from + PAGE));
            var records = readAgain.apply(page);
            return page.stream().map(records::get).filter(Objects::nonNull);
        });
    }

    /** The highest id among the items {@code id} is installed in, at any depth; its own id where none is higher. */
    private long lastAssembly(long id) {
        return parentOf.containsKey(id) ? Math.max(id, placeOf(id).lastAssembly()) : id;
    }

    /**
     * Where an installed item sits: how deep, and the highest id above it. Walked up once per
     * chain and kept, so a deep chain is not walked again for every item in it (a loop, which
     * loads refuse, is cut).
     */
    private Place placeOf(long id) {
        var path = new ArrayList<Long>();
        var onPath = new HashSet<Long>();
        Long at = id;
        while (at != null && !places.containsKey(at) && onPath.add(at)) {
            path.add(at);
            at = parentOf.get(at);
        }
        var above = at == null ? null : places.get(at);
        var place = above == null ? Place.TOP : new Place(above.depth() + 1, Math.max(at, above.lastAssembly()));
        for (int i = path.size() - 1; i >= 0; i--) {
            places.put(path.get(i), place);
            place = new Place(place.depth() + 1, Math.max(place.lastAssembly(), path.get(i)));
        }
        return places.get(id);
    }
}
