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
 * <p>{@code readOnly} marks a before-state that does not say the import deleted the item: what
 * validation read, journaled before the first write whether the import goes on to write it or
 * not, and a delete that certainly did not land (its transaction failed on a condition, or it was
 * never sent), journaled again when the commit stops on a conflict. The undo puts an item that
 * is gone back only where the item's last entry is not read-only ({@link #mayBeGone}): if the
 * import did not delete it, someone else did, and it stays gone.
 *
 * <p>{@code traced} marks the entry of a {@linkplain Write.Delete#traced traced} delete: sent
 * or not, it is this import's only where the delete's trace is found. (Entries journaled before
 * deletes were traced have none, and keep the rule above alone.)
 */
public record JournalEntry(Stamped<?> state, boolean existed, boolean readOnly, boolean traced) {

    public JournalEntry(Stamped<?> state, boolean existed) {
        this(state, existed, false);
    }

    public JournalEntry(Stamped<?> state, boolean existed, boolean readOnly) {
        this(state, existed, readOnly, false);
    }

    /** An item as read, which the import has not deleted. */
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
            case Write.Delete delete -> new JournalEntry(delete.before(), true, false, delete.traced());
            case Write.Insert insert -> new JournalEntry(Stamped.unstored(insert.item()), false);
            case Write.Create create -> throw new IllegalArgumentException("creates are undone by their id range, not journaled");
        };
    }

    /**
     * The identities of the journal's items that the undo may find gone because the import
     * itself deleted them: those whose last entry is not read-only. (A journal written before
     * entries were marked has none marked, so all of its items are in.)
     */
    public static Set<String> mayBeGone(List<JournalEntry> journal) {
        var identities = new HashSet<String>();
        for (var entry : journal) {
            if (entry.readOnly()) {
                identities.remove(entry.item().identity());
            } else {
                identities.add(entry.item().identity());
            }
        }
        return identities;
    }

    /**
     * Of {@link #mayBeGone}, the identities whose last entry is a traced delete's: gone, they are
     * this import's deletes only where the store finds their trace.
     */
    public static Set<String> tracedDeletes(List<JournalEntry> journal) {
        var identities = new HashSet<String>();
        for (var entry : journal) {
            if (entry.traced() && !entry.readOnly()) {
                identities.add(entry.item().identity());
            } else {
                identities.remove(entry.item().identity());
            }
        }
        return identities;
    }
}
