package dev.intake.core.columns;

import dev.intake.core.attributes.Attributed;
import dev.intake.core.attributes.CustomValue;
import dev.intake.core.report.ErrorCode;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Refuses a date that an update gives back as a spreadsheet on a day-first computer writes the
 * stored one: Excel on a British computer shows a stored 2026-12-01 as 01/12/2026 and saves it so,
 * and dates written with numbers only are read month first (SPEC §5), as 12 January. Read so, an
 * export edited in one cell moved every such date of the file (found by review "dates" on 7
 * December 2026). The cell read day first is exactly the stored date, as "R 10 k?" is the stored
 * "R 10 kΩ" with "?" for its character ({@link LostCharacters}). An edit that moves a date to its
 * day-and-month swap is refused too, told to write it year first: a file's month-first date
 * elsewhere (1/31/2026) is no proof, as a day-first spreadsheet keeps such a pasted date as text
 * (review "own52b" on 7 December 2026: waived so, every stored date of such a save moved again).
 */
public final class DayFirstDates {

    /** A date with numbers only, with a time or without. */
    private static final Pattern NUMERIC = Pattern.compile("\\d{1,2}/\\d{1,2}/\\d{4}([ Tt].*)?");

    private DayFirstDates() {}

    /** {@code holder} names the stored record in the message: "inventory 12", "PO \"PO-7\"". */
    public static void check(RowCells cells, String holder, String column, LocalDate stored, LocalDate written) {
        if (stored == null || written == null || !swapped(stored, written)) {
            return;
        }
        var text = cells.raw(column);
        if (numeric(text)) {
            cells.fail(column, text, ErrorCode.INVALID_DATE, column + " \"" + text + "\" is read month first, as " + written
                    + ", where " + holder + " holds " + stored + ", which a spreadsheet that writes dates day first"
                    + " saves so: format the column as a date, yyyy-mm-dd, and save again (or write " + written
                    + " year first, if that day is meant)");
        }
    }

    /** Whether {@code text} is a date written with numbers only, as a day-first spreadsheet saves one. */
    static boolean numeric(String text) {
        return NUMERIC.matcher(text).matches();
    }

    /** {@link #check} for each date custom attribute of {@code updated}, against {@code stored}'s. */
    public static void checkAttributes(RowCells cells, String holder, Attributed<?> stored, Attributed<?> updated) {
        if (updated.attributes().isEmpty()) {
            return; // most rows: nothing made per row
        }
        updated.attributes().forEach((key, value) -> {
            if (value instanceof CustomValue.Day written && stored.attributes().get(key) instanceof CustomValue.Day kept) {
                check(cells, holder, key, kept.value(), written.value());
            }
        });
    }

    /** Whether {@code written} is {@code stored} with its day and month swapped (and not the same day). */
    static boolean swapped(LocalDate stored, LocalDate written) {
        return !stored.equals(written) && stored.getYear() == written.getYear()
                && stored.getMonthValue() == written.getDayOfMonth() && stored.getDayOfMonth() == written.getMonthValue();
    }
}
