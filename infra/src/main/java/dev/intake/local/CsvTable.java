package dev.intake.local;

import java.util.List;
import java.util.stream.Stream;

/**
 * What an export writes: a header and rows of cells, each row as long as the header, and notes
 * for the user about what it had to leave out. The rows are read from the tables as they are
 * written, so an export holds one record at a time, whatever the org's size; they can be
 * consumed once, while the tables they come from are open.
 */
record CsvTable(List<String> header, Stream<List<String>> rows, List<String> notes) {

    CsvTable {
        header = List.copyOf(header);
        notes = List.copyOf(notes);
    }

    /** A header without rows: a template. */
    static CsvTable template(List<String> header, List<String> notes) {
        return new CsvTable(header, Stream.empty(), notes);
    }
}
