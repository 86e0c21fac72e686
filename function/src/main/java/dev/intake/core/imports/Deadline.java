package dev.intake.core.imports;

import java.time.Duration;

/** How long the current invocation has left (Lambda's {@code Context.getRemainingTimeInMillis}). */
@FunctionalInterface
public interface Deadline {

    Deadline NONE = () -> Duration.ofDays(365);

    Duration remaining();
}
