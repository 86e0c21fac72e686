package dev.intake.local;

import java.util.List;

/**
 * What an export writes: a header and rows of cells, each row as long as the header, and notes
 * for the user about what it had to leave out.
 */
record CsvTable(List<String> header, List<List<String>> rows, List<String> notes) {

    CsvTable {
        header = List.copyOf(header);
        rows = List.copyOf(rows);
        notes = List.copyOf(notes);
    }
}
