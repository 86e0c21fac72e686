package dev.intake.core.report;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One problem found in a file. {@code row} is the spreadsheet row (header = 1) or null for a
 * file-level problem; {@code column} is null when no single column is at fault. {@code value}
 * echoes only the offending cell, shortened, never the whole row.
 */
public record ImportError(Integer row, String column, String value, ErrorCode code, String message, List<Integer> rows) {

    public static final int MAX_ECHOED_VALUE = 100;
    /** The longest message a report carries; a longer one is cut, ending in an ellipsis. */
    public static final int MAX_MESSAGE = 400;
    /** The most rows an error's {@code rows} names (the report stays small; the errors CSV has every row). */
    public static final int MAX_ROWS_NAMED = 1_000;

    /**
     * Reports never echo more of a row than the error needs: a long value is shortened, in
     * {@code value} and wherever the message quotes it, and a message is capped as a backstop.
     */
    public ImportError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        var shortened = shorten(value);
        if (value != null && !value.equals(shortened)) {
            message = message.replace(value, shortened);
        }
        value = shortened;
        message = message.length() <= MAX_MESSAGE ? message : shorten(message, MAX_MESSAGE);
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /** This error naming only the first {@code count} of its rows; none past them, its {@code row} kept. */
    public ImportError withFirstRows(int count) {
        int keep = Math.max(0, count);
        return rows.size() <= keep ? this : new ImportError(row, column, value, code, message, rows.subList(0, keep));
    }

    public static ImportError file(ErrorCode code, String column, String message) {
        return new ImportError(null, column, null, code, message, null);
    }

    /**
     * A header cell's problem: the message ends naming the look-alike characters of the cell, as
     * a cell's does. "quantity" with a zero-width space after it failed as an unknown column
     * named "quantity", leaving the user nothing to fix.
     */
    public static ImportError header(ErrorCode code, String headerCell, String message) {
        return file(code, asWritten(headerCell), message + LookAlikeCharacters.note(headerCell, c -> true));
    }

    public static ImportError row(int row, String column, String value, ErrorCode code, String message) {
        return new ImportError(row, column, value, code, message, null);
    }

    /**
     * A cell's problem, found as the cell is read: the message ends naming the look-alike
     * characters of {@code value} ({@link LookAlikeCharacters}). Not a space in a name that was
     * not found: names match with any Unicode space as a plain one, so a space is never why.
     */
    public static ImportError cell(int row, String column, String value, ErrorCode code, String message) {
        var note = MATCHED.contains(code) ? ""
                : LookAlikeCharacters.note(value, c -> code != ErrorCode.UNKNOWN_REFERENCE || !Character.isSpaceChar(c));
        return new ImportError(row, column, value, code, message + note, null);
    }

    /**
     * Errors of a value that matched another as it is written: no look-alike character is why.
     * A duplicate serial "シリアル-０１" was told its full-width digits were not plain ones, though
     * the stored serial has the same.
     */
    private static final Set<ErrorCode> MATCHED = EnumSet.of(ErrorCode.DUPLICATE_SERIAL, ErrorCode.DUPLICATE_ID,
            ErrorCode.DUPLICATE_FEE, ErrorCode.PO_NUMBER_TAKEN);

    public static ImportError rows(List<Integer> rows, String column, ErrorCode code, String message) {
        return new ImportError(rows.isEmpty() ? null : rows.getFirst(), column, null, code, message, rows);
    }

    /**
     * A header cell as the file wrote it, to name a column the importer does not know (unknown,
     * repeated, ambiguous): shortened like a value, since a header cell may be as long as any cell
     * (found by review: a header of long names made a report of 600 KB). A known column is named
     * by its standard name or its attribute's key, whole.
     */
    public static String asWritten(String headerCell) {
        return shorten(headerCell);
    }

    /** A cell as a message quotes it: shortened as {@code value} is. */
    public static String shortened(String cell) {
        return shorten(cell);
    }

    /**
     * A value a message names in passing (a PO's number), shortened, in double quotes: quoted
     * whole, a PO numbered with 500 characters filled the message before it said what was wrong
     * (found by review "errorsdoc" on 7 December 2026).
     */
    public static String inQuotes(String value) {
        return "\"" + shorten(value) + "\"";
    }

    /** As {@link #inQuotes(String)}, cut to {@code max} characters: where a message names several values. */
    public static String inQuotes(String value, int max) {
        return "\"" + (value.length() <= max ? value : shorten(value, max)) + "\"";
    }

    /**
     * {@code value} as {@link #shortened} shows it, quoted, followed by the look-alike characters
     * it has, past the cut too (a no-break space at character 101 was named nowhere: review "own49c").
     */
    public static String quotedWithLookAlikes(String value) {
        return "\"" + shorten(value) + "\"" + lookAlikesOf(value);
    }

    /** The note naming the look-alike characters of {@code value}, " (U+00A0 ...)", or "". */
    public static String lookAlikesOf(String value) {
        return LookAlikeCharacters.note(value, c -> true);
    }


    /**
     * Values that differ, as {@link #shortened} shows them, quoted side by side: each followed by
     * the look-alike characters that not all of them have (one they all share is not what differs),
     * or, where it looks the same as another of them, by all of its own (they differ there:
     * "Acme Metals Inc" with a no-break space each, in other places, named neither; reviews
     * "own49" and "own49b").
     */
    public static List<String> quotedSideBySide(List<String> shown) {
        var shared = LookAlikeCharacters.sharedBy(shown);
        var looks = shown.stream().map(LookAlikeCharacters::asItLooks).toList();
        return java.util.stream.IntStream.range(0, shown.size()).mapToObj(i -> {
            var value = shown.get(i);
            boolean looksLikeAnother = looks.indexOf(looks.get(i)) != i || looks.lastIndexOf(looks.get(i)) != i;
            return "\"" + value + "\"" + LookAlikeCharacters.note(value, c -> looksLikeAnother || !shared.contains(c));
        }).toList();
    }

    private static String shorten(String value) {
        return value == null || value.length() <= MAX_ECHOED_VALUE ? value : shorten(value, MAX_ECHOED_VALUE);
    }

    private static String shorten(String text, int max) {
        // never cut between the two halves of a surrogate pair (an emoji, say)
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }
}
