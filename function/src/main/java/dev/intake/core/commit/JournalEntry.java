package dev.intake.core.commit;

/**
 * What an item was before an import first changed it, written before the change (write-ahead):
 * {@code existed} false means the import made it ({@code state} then only names it), true means
 * {@code state} is the item as read, stamp included, to put back. An import's journal is what its
 * undo restores.
 */
public record JournalEntry(Stamped<?> state, boolean existed) {

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
}
