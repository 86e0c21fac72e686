package dev.intake.core.csv;

import dev.intake.core.report.ImportError;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the errors CSV: each failing row's original cells, then its {@code row} number and its
 * {@code errors}, then any cells the row has past the header's, as a {@link SpreadsheetCsv} (cells a spreadsheet would run as a formula get the {@link FormulaGuard}).
 */
public final class FailedRowsCsv implements AutoCloseable {

    /** The columns after the file's own: the row's number and its errors. */
    public static final List<String> ADDED_COLUMNS = List.of("row", "errors");

    /** The most characters a cell of Excel's holds. */
    static final int SPREADSHEET_CELL_CHARS = 32_767;

    private final SpreadsheetCsv csv;
    private final int width;
    private int rows;

    public FailedRowsCsv(Writer out, List<String> header) {
        this.csv = new SpreadsheetCsv(out);
        this.width = header.size();
        var names = new ArrayList<>(header);
        names.addAll(ADDED_COLUMNS);
        csv.write(names);
    }

    public void write(CsvRow row, List<ImportError> errors) {
        var cells = new ArrayList<String>(width + 2);
        for (int i = 0; i < width; i++) {
            cells.add(row.cell(i));
        }
        cells.add(Integer.toString(row.row()));
        cells.add(errorsCell(errors));
        // Cells past the header's (the row's MALFORMED_CSV) come last, so that row and errors stay
        // in their columns: the row keeps every original cell (SPEC §9). They were dropped until 4
        // December 2026, and with them what made the row wrong.
        for (int i = width; i < row.cells().size(); i++) {
            cells.add(row.cell(i));
        }
        csv.write(cells);
        rows++;
    }

    /**
     * The row's errors, joined, whole ones only within a spreadsheet's cell: Excel keeps 32,767
     * characters of a cell, and a row failing in many columns (500 attribute columns of the wrong
     * type) cut its last error off without a word (left by review "reportscale" on 7 December 2026).
     */
    static String errorsCell(List<ImportError> errors) {
        var texts = errors.stream().map(error -> error.code() + ": " + error.message()).toList();
        var whole = String.join("; ", texts);
        // the guard adds at most one apostrophe a character: a cell of half the limit fits as written
        if (whole.length() <= SPREADSHEET_CELL_CHARS / 2 || written(whole) <= SPREADSHEET_CELL_CHARS) {
            return whole;
        }
        // some are left out: room is kept for the note that says how many (review "own54b")
        var cell = new StringBuilder();
        int length = 0;
        for (int i = 0; i < texts.size(); i++) {
            var next = (i == 0 ? "" : "; ") + texts.get(i);
            if (length + written(next) + written(leftOut(texts.size() - i - 1, false)) > SPREADSHEET_CELL_CHARS) {
                return cell.append(leftOut(texts.size() - i, i == 0)).toString();
            }
            cell.append(next);
            length += written(next);
        }
        return cell.toString();
    }

    /**
     * The length of a piece of the cell as the file holds it: the {@link FormulaGuard} puts an
     * apostrophe after a ";" before a formula character, as a message quoting "1;-2" has, and a
     * cell measured before it came out longer than Excel keeps (review "own54c"). The guard works
     * field by field between semicolons, so the pieces' lengths add up.
     */
    private static int written(String piece) {
        return FormulaGuard.guard(piece).length();
    }

    private static String leftOut(int count, boolean alone) {
        return (alone ? "" : "; ") + "and " + count + " more errors of this row (a spreadsheet cell holds no more)";
    }

    public int rows() {
        return rows;
    }

    @Override
    public void close() {
        csv.close();
    }
}
