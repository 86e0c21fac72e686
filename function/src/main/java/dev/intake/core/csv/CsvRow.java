package dev.intake.core.csv;

import java.util.List;

/**
 * One non-blank record of a CSV file. {@code row} is the row a spreadsheet shows (header = 1,
 * blank lines counted, a multi-line quoted cell counted once); cells are trimmed.
 */
public record CsvRow(int row, List<String> cells) {

    public CsvRow {
        cells = List.copyOf(cells);
    }

    /** The cell at {@code index}, or "" when the row is shorter than the header. */
    public String cell(int index) {
        return index < cells.size() ? cells.get(index) : "";
    }
}
