package dev.intake.core.columns;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.values.LegacyEncoding;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A stored value as a spreadsheet's save gives it back: a date day first ({@link DayFirstDates}),
 * a text with "?" for each character beyond ASCII ({@link LostCharacters}). Those checks refuse
 * such a cell against the stored line a row takes; this is how a row of a sorted export finds that
 * line at all (review "own55c", 7 December 2026: matched by place, each row was compared with
 * another line, nothing was refused, and the lines swapped their values).
 */
public final class SavedBack {

    private SavedBack() {}

    /**
     * What a row's cells show of such a save: "?" in a file without the byte order mark (where
     * {@link LostCharacters} may refuse them), and the date cells written with numbers only (the
     * ones {@link DayFirstDates} may refuse). A row showing neither gives nothing back: a date
     * meant and written year first, a "?" meant in a CSV UTF-8 file, is an edit (review "own56a",
     * 7 December 2026: a new row dated a line's swap, or labelled with its "?", took that line).
     */
    public record Traces(boolean questionMarks, Set<String> numericDates) {

        public static final Traces NONE = new Traces(false, Set.of());

        /** The traces in {@code cells} of the row's {@code columns}. */
        public static Traces of(RowCells cells, Collection<? extends Column<?, ?>> columns) {
            boolean questionMarks = LostCharacters.possibleIn(cells);
            Set<String> numericDates = Set.of();
            for (var column : columns) {
                if (column.type().date() && DayFirstDates.numeric(cells.raw(column))) {
                    numericDates = numericDates.isEmpty() ? new HashSet<>() : numericDates;
                    numericDates.add(column.name());
                }
            }
            return questionMarks || !numericDates.isEmpty() ? new Traces(questionMarks, numericDates) : NONE;
        }

        /** Whether the row's {@code written} value of {@code column} gives {@code stored} back. */
        public boolean givesBack(Column<?, ?> column, Object stored, Object written) {
            boolean date = written instanceof LocalDate || written instanceof CustomValue.Day;
            return (date ? numericDates.contains(column.name()) : questionMarks) && SavedBack.givesBack(stored, written);
        }
    }

    /** Whether {@code written} is {@code stored} as a day-first or legacy-encoded save writes it. */
    public static boolean givesBack(Object stored, Object written) {
        return switch (stored) {
            case LocalDate date when written instanceof LocalDate given -> DayFirstDates.swapped(date, given);
            case CustomValue.Day(var date) when written instanceof CustomValue.Day(var given) -> DayFirstDates.swapped(date, given);
            case String text when written instanceof String given -> LegacyEncoding.lostCharacters(text, given);
            case CustomValue.Text(var text) when written instanceof CustomValue.Text(var given) -> LegacyEncoding.lostCharacters(text, given);
            case List<?> names when written instanceof List<?> given -> eachGivesBack(names, given);
            case null, default -> false;
        };
    }

    /**
     * Refuses {@code column}'s cell, which gives {@code stored} back as {@link #givesBack} says,
     * as the check of its kind words it ({@link DayFirstDates}, {@link LostCharacters}); {@code
     * holder} names the stored record.
     */
    @SuppressWarnings("unchecked")
    public static void refuse(RowCells cells, String holder, String column, Object stored, Object written) {
        switch (stored) {
            case LocalDate date when written instanceof LocalDate given -> DayFirstDates.check(cells, holder, column, date, given);
            case CustomValue.Day(var date) when written instanceof CustomValue.Day(var given) ->
                    DayFirstDates.check(cells, holder, column, date, given);
            case String text when written instanceof String given -> LostCharacters.check(cells, holder, column, text, given);
            case CustomValue.Text(var text) when written instanceof CustomValue.Text(var given) ->
                    LostCharacters.check(cells, holder, column, text, given);
            case List<?> names when written instanceof List<?> given ->
                    LostCharacters.checkNames(cells, holder, column, (List<String>) names, (List<String>) given);
            case null, default -> { }
        }
    }

    private static boolean eachGivesBack(List<?> stored, List<?> written) {
        if (stored.size() != written.size()) {
            return false;
        }
        for (int i = 0; i < stored.size(); i++) {
            if (!stored.get(i).equals(written.get(i)) && !givesBack(stored.get(i), written.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A stored value as {@link #givenBackKey} looks it up: a date exactly, any other value as
     * {@link #key} leaves it.
     */
    public static String sourceKey(Object value, String cell) {
        var date = dateOf(value);
        return date != null ? date.toString() : key(value, cell);
    }

    /**
     * The {@link #sourceKey} of the stored value {@code written} may give back: a date's
     * day-and-month swap (null where there is none), any other value as {@link #key} leaves it.
     */
    public static String givenBackKey(Object written, String cell) {
        var date = dateOf(written);
        if (date == null) {
            return key(written, cell);
        }
        try {
            return LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue()).toString();
        } catch (java.time.DateTimeException noSuchDay) {
            return null;
        }
    }

    private static LocalDate dateOf(Object value) {
        return value instanceof CustomValue.Day(var day) ? day : value instanceof LocalDate day ? day : null;
    }

    /**
     * A value as both such saves leave it alike, for looking up the stored values a row may give
     * back: a date as its year with its day and month in either order, a cell as names match
     * ({@link NameIndex#key}) with one "?" for each run of characters beyond ASCII (a save writes
     * one or two for a character outside the BMP). {@code cell} is the value as a cell writes it.
     */
    public static String key(Object value, String cell) {
        var date = dateOf(value);
        if (date != null) {
            int month = date.getMonthValue();
            int day = date.getDayOfMonth();
            return date.getYear() + "-" + Math.min(month, day) + "-" + Math.max(month, day);
        }
        var marked = new StringBuilder();
        NameIndex.key(cell).chars().forEach(c -> {
            char mark = c < 128 ? (char) c : '?';
            if (mark != '?' || marked.isEmpty() || marked.charAt(marked.length() - 1) != '?') {
                marked.append(mark);
            }
        });
        return marked.toString();
    }
}
