package dev.intake.core.imports;

/** Port: per-org sequences of positive ids (inventory ids are typed into spreadsheets, so small integers). */
public interface IdAllocator {

    /**
     * Reserves {@code count} consecutive ids of {@code sequence} and returns the first; throws
     * {@link IdsUsedUpException} where they would pass the highest id a file can name.
     */
    long allocate(String org, String sequence, int count);

    /** The id the next reservation would start at, without reserving it (for validation-only runs). */
    long peek(String org, String sequence);
}
