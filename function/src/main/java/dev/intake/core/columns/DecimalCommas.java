package dev.intake.core.columns;

import dev.intake.core.csv.CsvRow;
import java.util.regex.Pattern;

/**
 * Where a file writes numbers with a decimal comma (12,5; 1.234,5), as a spreadsheet set to a
 * German, French, Spanish, ... region saves every number as it shows it (a Google Sheets
 * download, LibreOffice's default CSV save): such a file writes five thousand as 5.000, a plain
 * decimal that reads as 5. The refusal of "2,5" led the uploader to retype that cell, and the
 * next upload stored 5,000 bolts as 5, silently. So the first pass over a file notes its first
 * decimal comma, and the second refuses with it the numbers grouped by points ({@link CellTypes}).
 */
public final class DecimalCommas {

    /** The first number cell of the file written with a decimal comma. */
    public record Sighting(int row, String column, String text) {}

    /** A decimal comma (12,5; 1.234,5; 1 234,5). */
    static final Pattern FORM = Pattern.compile("[+-]?(\\d{1,3}([.\u00A0\u202F ]\\d{3})+|\\d+),\\d+");

    /** Thousands grouped by commas (1,000): a decimal comma or not, only the writer knows. */
    private static final Pattern COMMA_THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+");

    /** Thousands grouped by points, no decimals (5.000, 1.250.000): a plain decimal too. */
    private static final Pattern POINT_THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(\\.\\d{3})+");

    private final Layout layout;
    private final int[] numberColumns;
    private Sighting first;

    public DecimalCommas(Layout layout) {
        this.layout = layout;
        this.numberColumns = layout.columns().stream().filter(column -> column.type().numeric())
                .mapToInt(layout::indexOf).toArray();
    }

    /**
     * Notes the row's first number cell written with a decimal comma, until the file has one;
     * 1,000 is not one: in a file from the US it is a thousand, and its 1.250 kg is 1.25.
     */
    public void scan(CsvRow row) {
        if (first != null) {
            return;
        }
        for (int index : numberColumns) {
            var cell = row.cell(index);
            if (cell.indexOf(',') >= 0 && FORM.matcher(cell).matches() && !COMMA_THOUSANDS.matcher(cell).matches()) {
                first = new Sighting(row.row(), layout.columnAt(index).name(), cell);
                return;
            }
        }
    }

    /** The file's first decimal comma; null where it has none. */
    public Sighting first() {
        return first;
    }

    /** Whether {@code text} groups thousands by points, as a file with decimal commas writes them. */
    static boolean pointThousands(String text) {
        return text.indexOf('.') >= 0 && POINT_THOUSANDS.matcher(text).matches();
    }
}
