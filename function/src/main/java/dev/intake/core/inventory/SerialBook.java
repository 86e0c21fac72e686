package dev.intake.core.inventory;

import dev.intake.core.commit.FewOfEachWriter;
import dev.intake.core.commit.Stamped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who holds a serial number as the rows of a file apply, in file order (SPEC §6): stored holders,
 * changed by every earlier row that gave a serial to a record or took one off it. Only the keys
 * that can matter are followed: those a stored record holds, and those the file may give twice.
 */
final class SerialBook {

    /** A holder: the record's id (null when an earlier row freed the serial) and the row that made it so (0: stored). */
    record Holder(Long id, int row) {}

    private final Map<SerialKey, Long> stored;
    private final Set<SerialKey> maybeRepeated;
    private final Map<SerialKey, Stamped<SerialClaim>> byUnfinished;
    private final Map<SerialKey, Holder> changed = new HashMap<>();
    private final FewOfEachWriter<SerialClaim> builtOn = new FewOfEachWriter<>();

    /** {@code byUnfinished}: the stored claims that imports which have not finished wrote. */
    SerialBook(Map<SerialKey, Long> stored, Set<SerialKey> maybeRepeated, Map<SerialKey, Stamped<SerialClaim>> byUnfinished) {
        this.stored = Map.copyOf(stored);
        this.maybeRepeated = Set.copyOf(maybeRepeated);
        this.byUnfinished = Map.copyOf(byUnfinished);
    }

    /**
     * Whether the stored claim that holds {@code key} was written by an import that has not
     * finished; if so, the file is noted as building on it ({@link #builtOn}). Such an import may
     * yet be undone, which frees the serial: the row is no duplicate until it has finished.
     */
    boolean buildsOnUnfinishedClaim(SerialKey key) {
        var claim = changed.containsKey(key) ? null : byUnfinished.get(key);
        if (claim == null) {
            return false;
        }
        builtOn.add(claim); // once a key: the row gives the serial, which is no longer the stored claim's
        return true;
    }

    /** The claims of unfinished imports that rows gave serials of (a few of each such import's). */
    List<Stamped<SerialClaim>> builtOn() {
        return builtOn.all();
    }

    /** The holder of {@code key} after the rows so far, or null when the serial is free. */
    Holder holder(SerialKey key) {
        var holder = changed.get(key);
        if (holder != null) {
            return holder.id() == null ? null : holder;
        }
        var id = stored.get(key);
        return id == null ? null : new Holder(id, 0);
    }

    /** Row {@code row} gives {@code key} to record {@code id}. */
    void give(SerialKey key, long id, int row) {
        if (followed(key)) {
            changed.put(key, new Holder(id, row));
        }
    }

    /**
     * Row {@code row} takes {@code key} off record {@code id}: later rows may give it again, in
     * either Unicode form where the record holds it decomposed (review "own56c": its composed form,
     * as files give it, still named the record).
     */
    void free(SerialKey key, long id, int row) {
        freeOne(key, id, row);
        var composed = key.composed();
        if (composed != key) {
            freeOne(composed, id, row);
        }
    }

    private void freeOne(SerialKey key, long id, int row) {
        var holder = holder(key);
        if (followed(key) && holder != null && holder.id() == id) {
            changed.put(key, new Holder(null, row));
        }
    }

    private boolean followed(SerialKey key) {
        return stored.containsKey(key) || maybeRepeated.contains(key);
    }
}
