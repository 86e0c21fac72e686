package dev.intake.core.commit;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an item was before an import first changed it, written before the change (write-ahead):
 * {@code existed} false means the import made it ({@code state} then only names it), true means
 * {@code state} is the item as read, stamp included, to put back. An import's journal is what its
 * undo restores.
 *
 * <p>{@code upFront} marks the before-state of something validation read, journaled before the
 * first write whether the import goes on to write it or not. The undo puts such an item back only
 * where the import is its last writer: if it is gone, someone else deleted it, and it stays gone.
 * When the import itself deletes it, the delete journals it again, not up front, and then the
 * undo does put it back (see {@link #mayBeGone}).
 */
public record JournalEntry(Stamped<?> state, boolean existed, boolean upFront) {

    public JournalEntry(Stamped<?> state, boolean existed) {
        this(state, existed, false);
    }

    /** Something validation read, journaled before the first write. */
    static JournalEntry read(Stamped<?> state) {
        return new JournalEntry(state, true, true);
    }

    /** The item the entry is about. */
    public Stored item() {
        return state.item();
    }

    /** The before-state of a write: the stored item it replaces or deletes, or absence for an insert. */
    static JournalEntry before(Write write) {
        return switch (write) {
            case Write.Replace replace -> new JournalEntry(replace.before(), true);
            case Write.Delete delete -> new JournalEntry(delete.before(), true);
            case Write.Insert insert -> new JournalEntry(Stamped.unstored(insert.item()), false);
            case Write.Create create -> throw new IllegalArgumentException("creates are undone by their id range, not journaled");
        };
    }

    /**
     * The identities of the journal's items that the undo may find gone because the import
     * itself deleted them: every item journaled other than up front. (A journal written before
     * up-front entries were marked has none marked, so all of its items are in.)
     */
    public static Set<String> mayBeGone(List<JournalEntry> journal) {
        var identities = new HashSet<String>();
        journal.stream().filter(entry -> !entry.upFront()).forEach(entry -> identities.add(entry.item().identity()));
        return identities;
    }
}
