package dev.intake.core.imports;

import java.util.concurrent.Executor;

/**
 * How a commit runs: the threads its units (and lookups) run on, created once per execution
 * environment, and how many slots of a hundred writes it keeps out at once (INTAKE_WRITE_CONCURRENCY; a
 * unit of 300 creates takes three).
 */
public record CommitSettings(Executor executor, int maxInFlight) {

    /**
     * Slots of a hundred writes: two units of 300 creates (16 or so BatchWriteItems) or eight
     * transactions out at once: several times what a new on-demand table can take. With 24, a
     * file of serial-numbered creates cost DynamoDB Local a fifth more CPU (docs/benchmarks.md,
     * "How many units out").
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 8;

    public CommitSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
    }
}
