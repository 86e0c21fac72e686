package dev.intake.core.commit;

/**
 * Ids an import reserved for what it creates, and so what its undo removes: the items under those
 * ids that the import still owns, with their claims. Creates are undone by range rather than
 * journaled one by one, so a million creates cost nothing in the journal.
 */
public record CreatedRange(Kind kind, long first, long count) {

    public enum Kind {
        /** Inventory records (ids of the org's inventory sequence), and their serial claims. */
        INVENTORY,
        /** Purchase orders (internal PO ids): headers and their lines. */
        PURCHASE_ORDERS
    }
}
