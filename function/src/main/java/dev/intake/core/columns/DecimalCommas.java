package dev.intake.core.columns;

import dev.intake.core.csv.CsvRow;
import java.util.regex.Pattern;

/**
 * Where a file writes numbers with a decimal comma (12,5; 1.234,5), as a spreadsheet set to a
 * German, French, Spanish, ... region saves every number as it shows it (a Google Sheets
 * download, LibreOffice's default CSV save): such a file writes five thousand as 5.000, a plain
 * decimal that reads as 5. The refusal of "2,5" led the uploader to retype that cell, and the
 * next upload stored 5,000 bolts as 5, silently. So the first pass over a file notes its first
 * decimal comma, and the second refuses with it the numbers grouped by points
 * ({@link FormattedNumbers#readAsThousands}).
 */
public final class DecimalCommas {

    /** The first number cell of the file written with a decimal comma. */
    public record Sighting(int row, String column, String text) {}

    /** A number in brackets, as a fees cell writes each fee's value (Freight[12,50][currency]). */
    private static final Pattern BRACKETED = Pattern.compile("\\[([^\\[\\]]*)\\]");

    private final Layout layout;
    private final int[] numberColumns;
    private Sighting first;

    public DecimalCommas(Layout layout) {
        this.layout = layout;
        this.numberColumns = layout.columns().stream().filter(column -> column.type().numeric())
                .mapToInt(layout::indexOf).toArray();
    }

    /** Notes the row's first number written with a decimal comma, in a number cell or a fee's value, until the file has one. */
    public void scan(CsvRow row) {
        if (first != null) {
            return;
        }
        for (int index : numberColumns) {
            var cell = row.cell(index);
            var written = cell.indexOf(',') < 0 ? null : writtenWithADecimalComma(cell);
            if (written != null) {
                first = new Sighting(row.row(), layout.columnAt(index).name(), written);
                return;
            }
        }
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

    /** The file's first decimal comma; null where it has none. */
    public Sighting first() {
        return first;
    }
}
