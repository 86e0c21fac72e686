package dev.intake.core.columns;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates written with numbers only, {@code 03/04/2027} with a time or without: read month first
 * (SPEC §5), as a US spreadsheet writes them; one on a British computer writes them day first.
 */
final class NumericDates {

    /** Two numbers and a year, with slashes, and a time or none (13/12/2026 14:30: review "dates"). */
    private static final Pattern FORM = Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})"
            + "([ Tt]\\d{1,2}:\\d{2}(:\\d{2}([.,]\\d+)?)?(\\s*[AaPp][Mm])?)?"); // t in either case, as CellValues reads it

    private NumericDates() {}

    /** Whether {@code text} can only be day first: its first number is above 12, and it is a day so. */
    static boolean dayFirst(String text) {
        return onlyDayFirst(text).isPresent();
    }

    /** The day {@code text} is where it can only be day first ({@link #dayFirst}); else empty. */
    static Optional<LocalDate> onlyDayFirst(String text) {
        if (text.indexOf('/') < 0) { // most dates: the first pass looks at every date cell until it finds one
            return Optional.empty();
        }
        var parts = FORM.matcher(text);
        return parts.matches() && number(parts, 1) > 12 ? day(parts, 2, 1) : Optional.empty();
    }

    /** The day {@code text} is read day first, where it is a day read either way and two different days; else empty. */
    static Optional<LocalDate> otherReading(String text) {
        if (text.indexOf('/') < 0) {
            return Optional.empty();
        }
        var parts = FORM.matcher(text);
        if (!parts.matches() || number(parts, 1) == number(parts, 2)) {
            return Optional.empty();
        }
        return day(parts, 1, 2).isPresent() ? day(parts, 2, 1) : Optional.empty();
    }

    /** The day of year 3, month {@code month}, day {@code day} (group numbers), if there is one. */
    private static Optional<LocalDate> day(Matcher parts, int month, int day) {
        try {
            var date = LocalDate.of(number(parts, 3), number(parts, month), number(parts, day));
            return date.getYear() < 1 ? Optional.empty() : Optional.of(date);
        } catch (DateTimeException noSuchDay) {
            return Optional.empty();
        }
    }

    private static int number(Matcher parts, int group) {
        return Integer.parseInt(parts.group(group));
    }
}
