package dev.intake.core.imports;

import java.time.Duration;

/**
 * The invocation began with less time than an import needs before its deadline stop: the
 * function's timeout is set too short (SAM's default is 3 seconds). Every retry would stop at
 * once as this one would, and say that the next resumes it; so nothing is claimed, and the
 * setting is named. Once it is fixed, the event sent again imports the file (review "misconfig",
 * 7 December 2026).
 */
public final class TimeoutTooShortException extends IllegalStateException {

    TimeoutTooShortException(Duration atStart, Duration margin, Duration least) {
        super("the function's timeout is shorter than an import needs: the invocation began with " + seconds(atStart)
                + ", and Intake stops " + seconds(margin) + " before the timeout, so it needs a timeout of at least "
                + seconds(least) + "; set the function's Timeout to 900 seconds, as template.yaml does");
    }

    private static String seconds(Duration duration) {
        return duration.toSeconds() + " s";
    }
}
