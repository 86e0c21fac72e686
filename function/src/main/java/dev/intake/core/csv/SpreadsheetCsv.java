package dev.intake.core.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a CSV for people to open in a spreadsheet and import back (the errors CSV, exports): RFC
 * 4180 (CRLF, a cell quoted when it holds a comma, quote or line break), every cell behind the
 * {@link FormulaGuard}, which the importers take off again when they read the file.
 */
public final class SpreadsheetCsv implements AutoCloseable {

    /** Excel reads a CSV as UTF-8 only when it starts with a byte order mark; Intake's importers accept one. */
    public static final char BYTE_ORDER_MARK = '\uFEFF';

    private final CSVPrinter printer;

    public SpreadsheetCsv(Writer out) {
        try {
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void write(List<String> cells) {
        try {
            printer.printRecord(cells.stream().map(FormulaGuard::guard).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
