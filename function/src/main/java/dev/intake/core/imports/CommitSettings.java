package dev.intake.core.imports;

import java.util.concurrent.Executor;

/**
 * How a commit runs: the threads its units (and lookups) run on, created once per execution
 * environment, how many slots of a hundred writes it keeps out at once (INTAKE_WRITE_CONCURRENCY; a
 * unit of 300 creates takes three), and how many bytes of stored records an import may hold at once
 * ({@code heldRecordBytes}: read to validate the rows that update them, and kept until they are
 * written; {@link HeldRecords}).
 */
public record CommitSettings(Executor executor, int maxInFlight, long heldRecordBytes) {

    /**
     * Slots of a hundred writes: two units of 300 creates (16 or so BatchWriteItems) or eight
     * transactions out at once: several times what a new on-demand table can take. With 24, a
     * file of serial-numbered creates cost DynamoDB Local a fifth more CPU (docs/benchmarks.md,
     * "How many units out").
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 8;

    /**
     * The share of the JVM's heap an import's stored records may take: the rest is for what an
     * import holds besides (its units out, the SDK's buffers), for the collector, which the Lambda
     * runtime's serial GC needs to keep a young generation beside them, and for an undo: it reads
     * the journal of those records back, the records once more, while the commit that met a
     * conflict still holds them. Past it, an import of a million updates of records with twenty
     * custom attributes ran the function out of memory at 2,048 MB, with no report (found by review
     * on 6 December 2026). It was half the heap until a review of the same day found that a file
     * near that bound committed, but could not be undone or resumed: every delivery ran out of
     * memory, and the import stayed half written.
     */
    public static final double HELD_RECORDS_SHARE_OF_HEAP = 0.35;

    public CommitSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
        if (heldRecordBytes < 1) {
            throw new IllegalArgumentException("heldRecordBytes must be at least 1, got " + heldRecordBytes);
        }
    }

    /** With stored records held up to {@link #HELD_RECORDS_SHARE_OF_HEAP} of this JVM's heap. */
    public CommitSettings(Executor executor, int maxInFlight) {
        this(executor, maxInFlight, (long) (Runtime.getRuntime().maxMemory() * HELD_RECORDS_SHARE_OF_HEAP));
    }
}
