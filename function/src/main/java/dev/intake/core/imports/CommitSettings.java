package dev.intake.core.imports;

import java.util.concurrent.Executor;

/**
 * How a commit runs: the threads its units (and lookups) run on, created once per execution
 * environment, and how many units it keeps out at once (INTAKE_WRITE_CONCURRENCY).
 */
public record CommitSettings(Executor executor, int maxInFlight) {

    public static final int DEFAULT_MAX_IN_FLIGHT = 24;

    public CommitSettings {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, got " + maxInFlight);
        }
    }
}
