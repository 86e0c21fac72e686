package dev.intake.core.report;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * How Intake writes a moment: ISO-8601 in UTC with nine fractional digits, always. {@code
 * Instant.toString()} writes as many as the moment needs (none, 3, 6 or 9), so a start at
 * {@code .123Z} sorted after one at {@code .123000001Z}, which came later: the imports history is
 * ordered by that text.
 */
public final class Timestamps {

    private static final DateTimeFormatter FIXED = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();

    private Timestamps() {}

    public static String text(Instant instant) {
        return FIXED.format(instant);
    }
}
