package dev.intake.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a CSV for people to open in a spreadsheet and import back: RFC 4180 (CRLF, a cell quoted
 * when it holds a comma, quote or line break), and every cell a spreadsheet would run as a formula
 * made inert with a leading apostrophe, as the errors CSV does (OWASP "CSV injection"). Plain
 * numbers such as -2 are left as they are.
 */
final class SpreadsheetCsv implements AutoCloseable {

    /** Excel reads a CSV as UTF-8 only when it starts with a byte order mark; Intake's importers accept one. */
    static final char BYTE_ORDER_MARK = '\uFEFF';

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");

    private final CSVPrinter printer;

    SpreadsheetCsv(Writer out) {
        try {
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(List<String> cells) {
        try {
            printer.printRecord(cells.stream().map(SpreadsheetCsv::inert).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Neutralises a cell a spreadsheet would evaluate (=, +, -, @, tab, CR first). */
    static String inert(String cell) {
        if (cell.isEmpty() || PLAIN_NUMBER.matcher(cell).matches()) {
            return cell;
        }
        return "=+-@\t\r".indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
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
