package dev.intake.core.imports;

/** What claiming an import found. */
public sealed interface Claim {

    /**
     * This delivery owns the import. {@code committing} when an earlier attempt validated the file
     * and began writing: the owner must finish that commit rather than validate again.
     * {@code firstId} and {@code idCount} are the ids reserved by an earlier attempt (0 when none).
     */
    record Acquired(String owner, boolean committing, long firstId, int idCount, java.time.Instant startedAt)
            implements Claim {}

    /** The import already finished; this delivery is a duplicate and does nothing. */
    record Finished(String status, String reportKey) implements Claim {}

    /** Another delivery holds a live lease on this import right now; this one does nothing. */
    record Busy(String owner) implements Claim {}
}
