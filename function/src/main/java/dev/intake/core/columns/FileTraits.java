package dev.intake.core.columns;

import dev.intake.core.csv.CsvRow;
import java.util.regex.Pattern;

/**
 * What the first pass over a file learns of how it was saved, for the later passes' cells.
 *
 * <p>{@code decimalComma}: the file's first number written with a decimal comma (12,5; 1.234,5),
 * as a spreadsheet set to a German, French, Spanish, ... region saves every number as it shows it
 * (a Google Sheets download, LibreOffice's default CSV save). Such a file writes five thousand as
 * 5.000, a plain decimal that reads as 5: the refusal of "2,5" led the uploader to retype that
 * cell, and the next upload stored 5,000 bolts as 5, silently. With it, validation refuses the
 * numbers grouped by points ({@link FormattedNumbers#readAsThousands}).
 *
 * <p>{@code byteOrderMark}: whether the file begins with a UTF-8 byte order mark, as Excel's "CSV
 * UTF-8" save writes it and its legacy "CSV (Comma delimited)" save never does. Then a "?" over a
 * stored "✓" is the user's edit, not a lost character ({@link LostCharacters}): it was refused,
 * told to save as CSV UTF-8, which the file was (found by review "attrs" on 6 December 2026).
 * Not "any character beyond ASCII": a legacy save's Windows-1252 bytes may pair into valid UTF-8
 * ("Ø½" is "ؽ"), and a file so saved had its question marks let through (review "own48c").
 *
 * <p>{@code dayFirst}: the file's first date written with numbers only whose first number is above
 * 12 (15/01/2027), as Excel on a British computer saves every date. Dates written so are read
 * month first (SPEC §5), so such a file's 03/04/2027, meant as 3 April, reads as 4 March: the
 * refusal of 15/01/2027 led the uploader to retype that cell, and the next upload stored the
 * others as other days (found by review "spreadsheetapps" on 7 December 2026, as the decimal
 * comma was for numbers). With it, validation refuses the dates that read either way.
 */
public record FileTraits(DecimalComma decimalComma, boolean byteOrderMark, DayFirst dayFirst) {

    /** What a pass that had no first pass before it knows: nothing. */
    public static final FileTraits UNKNOWN = new FileTraits(null, false, null);

    /** The first number cell of the file written with a decimal comma (a fee's value: the value). */
    public record DecimalComma(int row, String column, String text) {}

    /** The first date cell of the file written day first. */
    public record DayFirst(int row, String column, String text) {}

    /** A number in brackets, as a fees cell writes each fee's value (Freight[12,50][currency]). */
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\[\\]]*)\\]");

    /** Learns a file's traits as its first pass reads it: the byte order mark, the header, row by row. */
    public static final class Scanner {
        private Layout layout;
        private int[] numberColumns = new int[0];
        private int[] dateColumns = new int[0];
        private DecimalComma decimalComma;
        private DayFirst dayFirst;
        private boolean byteOrderMark;

        /** The file's header, resolved: the number columns are looked at. */
        public void header(Layout resolved) {
            layout = resolved;
            numberColumns = resolved.columns().stream().filter(column -> column.type().numeric())
                    .mapToInt(resolved::indexOf).toArray();
            dateColumns = resolved.columns().stream().filter(column -> column.type().date())
                    .mapToInt(resolved::indexOf).toArray();
        }

        public void scan(CsvRow row) {
            if (decimalComma == null) {
                decimalComma = decimalComma(row);
            }
            if (dayFirst == null) {
                dayFirst = dayFirst(row);
            }
        }

        /** The row's first date written day first; null where none is. */
        private DayFirst dayFirst(CsvRow row) {
            for (int index : dateColumns) {
                var cell = row.cell(index);
                if (!cell.isEmpty() && NumericDates.dayFirst(cell)) {
                    return new DayFirst(row.row(), layout.columnAt(index).name(), cell);
                }
            }
            return null;
        }

        /** The file began with a UTF-8 byte order mark ({@link dev.intake.core.csv.CsvVisitor#byteOrderMark}). */
        public void byteOrderMark() {
            byteOrderMark = true;
        }

        public FileTraits traits() {
            return new FileTraits(decimalComma, byteOrderMark, dayFirst);
        }

        /** The row's first number written with a decimal comma, in a number cell or a fee's value; null where none. */
        private DecimalComma decimalComma(CsvRow row) {
            for (int index : numberColumns) {
                var cell = row.cell(index);
                var written = cell.indexOf(',') < 0 ? null : writtenWithADecimalComma(cell);
                if (written != null) {
                    return new DecimalComma(row.row(), layout.columnAt(index).name(), written);
                }
            }
            return null;
        }

        /** The cell, or the bracketed value in it, written with a decimal comma; null where none is. */
        private static String writtenWithADecimalComma(String cell) {
            if (FormattedNumbers.decimalComma(cell)) {
                return cell;
            }
            for (var bracketed = BRACKETED.matcher(cell); bracketed.find(); ) {
                var value = bracketed.group(1).strip();
                if (FormattedNumbers.decimalComma(value)) {
                    return value;
                }
            }
            return null;
        }
    }
}
