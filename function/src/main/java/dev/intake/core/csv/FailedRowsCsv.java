package dev.intake.core.csv;

import dev.intake.core.report.ImportError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes the errors CSV: each failing row's original cells, then its {@code row} number and its
 * {@code errors}. Cells that a spreadsheet would run as a formula get the {@link FormulaGuard}.
 */
public final class FailedRowsCsv implements AutoCloseable {

    private final CSVPrinter printer;
    private final int width;
    private int rows;

    public FailedRowsCsv(Writer out, List<String> header) {
        try {
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
            this.width = header.size();
            var names = new ArrayList<>(header);
            names.add("row");
            names.add("errors");
            printer.printRecord(names.stream().map(FormulaGuard::guard).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(CsvRow row, List<ImportError> errors) {
        var cells = new ArrayList<String>(width + 2);
        for (int i = 0; i < width; i++) {
            cells.add(FormulaGuard.guard(row.cell(i)));
        }
        cells.add(Integer.toString(row.row()));
        cells.add(FormulaGuard.guard(errors.stream().map(e -> e.code() + ": " + e.message()).collect(Collectors.joining("; "))));
        try {
            printer.printRecord(cells);
            rows++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int rows() {
        return rows;
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
