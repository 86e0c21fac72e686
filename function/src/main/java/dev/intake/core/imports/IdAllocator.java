package dev.intake.core.imports;

/** Port: per-org sequences of positive ids (inventory ids are typed into spreadsheets, so small integers). */
public interface IdAllocator {

    /**
     * The sequences, one counter each per org: inventory ids (records of both importers, seeded
     * ones too) and purchase order ids. Named once, here: the check of a block against the
     * highest stored id looks each up by its name, and a misspelling would check nothing.
     */
    String INVENTORY_IDS = "inventory";
    String PURCHASE_ORDER_IDS = "purchase-order";

    /**
     * The highest id handed out: the most a file's {@code id} can name
     * ({@link dev.intake.core.values.CellValues#MAX_ID_DIGITS} digits).
     */
    long MAX_ID = 999_999_999_999_999_999L;

    /**
     * Reserves {@code count} consecutive ids of {@code sequence} and returns the first; throws
     * {@link IdsUsedUpException} where they would pass the highest id a file can name.
     */
    long allocate(String org, String sequence, int count);

    /** The id the counter would hand out next, without reserving it. */
    long peek(String org, String sequence);

    /**
     * The id {@link #allocate} would hand out first now, without reserving it: for a dry run,
     * which must predict the ids (and generated serials) a commit gets. As {@link #peek} where
     * the allocator checks nothing else.
     */
    default long predict(String org, String sequence) {
        return peek(org, sequence);
    }
}
