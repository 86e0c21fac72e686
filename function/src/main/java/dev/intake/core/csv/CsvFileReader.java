package dev.intake.core.csv;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.CellValues;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * Streams a CSV file (SPEC §4) to a {@link CsvVisitor}: UTF-8 with or without BOM, RFC 4180
 * quoting, blank rows skipped but counted, cells trimmed and without the apostrophe of a
 * {@link FormulaGuard} (a file Intake wrote reads back as the values it holds). Structural problems come back as a
 * {@link CsvReadResult.Stopped} value; only a broken stream (a retry may help) throws.
 */
public final class CsvFileReader {

    /**
     * The double quotes Smart Quotes type, by the Mac's language (Keyboard, Text, "for double
     * quotes"): English, German and Swiss, Swedish and Finnish, French. Opening, closing.
     */
    private static final char[][] SMART_QUOTES = {{'\u201C', '\u201D'}, {'\u201E', '\u201C'}, {'\u201D', '\u201D'},
        {'\u00AB', '\u00BB'}};

    /** Immutable, so shared. Blank lines are kept as records so that row numbers match a spreadsheet. */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setIgnoreEmptyLines(false)
            .setTrim(true)
            // `a, "b, c"`, as people type CSV: the quote opens a quoted cell after the space (trimmed,
            // quoted or not). Without it the quotes were read as characters, the cell split at its
            // comma, and the rest of the row moved a column right.
            .setIgnoreSurroundingSpaces(true)
            .get();

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final CsvLimits limits;

    public CsvFileReader(CsvLimits limits) {
        this.limits = limits;
    }

    public CsvLimits limits() {
        return limits;
    }

    public CsvReadResult read(InputStream input, CsvVisitor visitor) throws IOException {
        var bounded = new PushbackInputStream(new BoundedInputStream(input, limits.maxBytes()), FileSignature.LONGEST);
        try {
            var head = bounded.readNBytes(FileSignature.LONGEST);
            var notCsv = FileSignature.problemOf(head);
            if (notCsv.isPresent()) {
                return stopped(null, ErrorCode.MALFORMED_CSV, notCsv.get());
            }
            // the file's bytes go back, past a UTF-8 byte order mark (which Excel writes): one peek serves both
            int bom = FileSignature.startsWith(head, UTF8_BOM) ? UTF8_BOM.length : 0;
            if (bom > 0) {
                visitor.byteOrderMark();
            }
            bounded.unread(head, bom, head.length - bom);
            var guard = new RowSizeGuard(new StrictUtf8Reader(bounded));
            try (var parser = FORMAT.parse(guard)) {
                return new Pass(parser.iterator(), visitor, guard).run();
            }
        } catch (FileTooLargeException e) {
            return stopped(null, ErrorCode.LIMIT_EXCEEDED,
                    "the file is larger than the limit of " + limits.maxBytes() + " bytes (INTAKE_MAX_FILE_BYTES)");
        }
    }

    /** One pass over one file; holds the row counter so that errors can name the row being read. */
    private final class Pass {
        private final Iterator<CSVRecord> records;
        private final CsvVisitor visitor;
        private final RowSizeGuard guard;
        private int lastRow;
        private int headerSize = -1;
        private List<String> headerNames = List.of();
        private int dataRows;

        Pass(Iterator<CSVRecord> records, CsvVisitor visitor, RowSizeGuard guard) {
            this.records = records;
            this.visitor = visitor;
            this.guard = guard;
        }

        CsvReadResult run() throws IOException {
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException e) {
                    return malformed(e);
                }
                lastRow = (int) record.getRecordNumber();
                var cells = record.stream().map(CellValues::trimmed).map(FormulaGuard::unguard).toList();
                if (isBlank(cells)) {
                    continue;
                }
                var stop = headerSize < 0 ? header(cells) : row(new CsvRow(lastRow, cells));
                if (stop != null) {
                    return stop;
                }
            }
            if (headerSize < 0) {
                return stopped(null, ErrorCode.EMPTY_FILE, "the file is empty: expected a header row and at least one data row");
            }
            if (dataRows == 0) {
                return stopped(null, ErrorCode.EMPTY_FILE, "the file has a header row but no data rows");
            }
            return new CsvReadResult.Completed(dataRows);
        }

        private CsvReadResult header(List<String> names) {
            headerSize = names.size();
            headerNames = names;
            var separators = names.size() == 1 && names.getFirst().contains(";") ? "semicolons"
                    : names.size() == 1 && names.getFirst().contains("\t") ? "tabs" : null;
            if (separators != null) {
                return wrongDelimiter(separators, false);
            }
            if (names.size() > limits.maxColumns()) {
                return stopped(null, ErrorCode.LIMIT_EXCEEDED, "the header has " + names.size()
                        + " columns; the limit is " + limits.maxColumns() + " (INTAKE_MAX_COLUMNS)");
            }
            for (int column = 0; column < names.size(); column++) {
                if (names.get(column).length() > limits.maxCellLength()) {
                    // which one: in a header of hundreds of columns the user had to hunt for it (review "limits")
                    return stopped(null, ErrorCode.LIMIT_EXCEEDED, "the header cell of column " + (column + 1) + ", "
                            + ImportError.quotedWithLookAlikes(names.get(column)) + ", is longer than "
                            + limits.maxCellLength() + " characters (INTAKE_MAX_CELL_LENGTH)");
                }
            }
            var errors = visitor.header(names);
            if (errors.isEmpty()) {
                return null;
            }
            // More semicolons (or tabs) than commas, and columns the importer does not know: a file
            // saved with another delimiter, whose one cell holding a comma Excel left unquoted
            // ("Länge, mm"). Only then: a comma header whose attribute key holds semicolons
            // ("Size (L;W;H)") resolves, and was refused (found by review "attrs" on 6 December 2026).
            var foreign = guard.foreignSeparator();
            return foreign != null ? wrongDelimiter(foreign, guard.firstRowHasCommas()) : new CsvReadResult.Stopped(errors);
        }

        private CsvReadResult row(CsvRow row) {
            dataRows++;
            if (dataRows > limits.maxRows()) {
                return stopped(null, ErrorCode.LIMIT_EXCEEDED,
                        "the file has more than " + limits.maxRows() + " data rows (INTAKE_MAX_ROWS)");
            }
            var problem = structuralProblem(row);
            if (problem != null) {
                visitor.rejected(row, problem);
            } else {
                visitor.row(row);
            }
            return null;
        }

        private ImportError structuralProblem(CsvRow row) {
            var cells = row.cells();
            var curly = curlyQuotesSplitACell(row);
            if (curly != null) {
                return curly;
            }
            for (int i = headerSize; i < cells.size(); i++) {
                if (!cells.get(i).isEmpty()) {
                    // what to do, and that the row's cells wait for it: quoted, the cell's comma
                    // showed the row's other errors only on the next upload
                    return ImportError.row(row.row(), null, null, ErrorCode.MALFORMED_CSV, "the row has "
                            + cells.size() + " cells but the header has " + headerSize + ": put a cell that holds a"
                            + " comma in double quotes (\"Bolts, M3\"); the row's cells are checked once it fits the header");
                }
            }
            for (int i = 0; i < cells.size(); i++) {
                if (cells.get(i).length() > limits.maxCellLength()) {
                    var column = visitor.columnName(i) != null ? visitor.columnName(i)
                            : i < headerNames.size() && !headerNames.get(i).isEmpty() ? ImportError.asWritten(headerNames.get(i))
                            : null;
                    return ImportError.row(row.row(), column, null, ErrorCode.LIMIT_EXCEEDED, "cell " + (i + 1)
                            + " is " + cells.get(i).length() + " characters long; the limit is "
                            + limits.maxCellLength() + " (INTAKE_MAX_CELL_LENGTH); the row's other cells are checked once"
                            + " it fits"); // as an extra cell's: the next upload showed the row's other errors unannounced
                }
            }
            return null;
        }

            /**
         * A cell written in curly quotes that its comma split in two: Smart Quotes (TextEdit's, on by
         * default) type \u201CL-7, drum 2\u201D, which CSV does not read as quotes. With the row's
         * last cell blank the count still fit the header, and the row imported "\u201CL-7" and
         * "drum 2\u201D" in two columns (review "numbersmac", 7 December 2026). A cell that holds
         * a closing quote it does not open, after a cell that opens one it does not close, of any
         * pair a Mac's language types ({@link #SMART_QUOTES}; the quote need not begin the cell:
         * review "own55e"; nor end the other, as in \u201CL-7, blue\u201D drum: review "own55f"). A
         * cell holding both quotes of a pair is a whole value ("\u201CApollo\u201D retrofit", review
         * "own55d"). Only a cell holding such a quote costs a look back, and no cell is looked at
         * twice for one pair.
         */
        private ImportError curlyQuotesSplitACell(CsvRow row) {
            var cells = row.cells();
            int[] lookedBackTo = null; // most rows have no cell ending in a curly quote: nothing allocated
            for (int j = 1; j < cells.size(); j++) {
                var closing = cells.get(j);
                if (!holdsAClosingQuote(closing)) {
                    continue;
                }
                for (int pair = 0; pair < SMART_QUOTES.length; pair++) {
                    char open = SMART_QUOTES[pair][0];
                    char close = SMART_QUOTES[pair][1];
                    if (!closes(closing, close) || !unmatched(closing, close, open)) {
                        continue;
                    }
                    lookedBackTo = lookedBackTo == null ? new int[SMART_QUOTES.length] : lookedBackTo;
                    for (int i = j - 1; i >= lookedBackTo[pair]; i--) {
                        if (opens(cells.get(i), open, close)) {
                            return ImportError.row(row.row(), visitor.columnName(i), cells.get(i), ErrorCode.MALFORMED_CSV,
                                    "cell " + (i + 1) + " opens a curly quote (" + open + ") and cell " + (j + 1) + " closes it ("
                                            + close + "): curly quotes, as Smart Quotes type them, are no CSV quotes, so the"
                                            + " comma between split one cell in two. Write the cell in straight double quotes"
                                            + " (\"L-7, drum 2\"), or turn off Edit > Substitutions > Smart Quotes");
                        }
                    }
                    lookedBackTo[pair] = j;
                }
            }
            return null;
        }

        /** Whether {@code cell} holds a closing quote of {@link #SMART_QUOTES}: most cells hold none, and are read once. */
        private static boolean holdsAClosingQuote(String cell) {
            for (int k = 0; k < cell.length(); k++) {
                char c = cell.charAt(k);
                if (c >= '\u00BB' && (c == '\u201D' || c == '\u201C' || c == '\u00BB')) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether {@code cell} holds {@code close} where it may close a quote: at its end, or inside
         * it but not after a digit, where Smart Quotes type it as an inch mark ("Pipe 3\u201D sch 40",
         * German "Flansch 2\u201C DN50": review "own56c" found such cells refused once a quote
         * inside a cell counted).
         */
        private static boolean closes(String cell, char close) {
            var value = cell.strip();
            if (!value.isEmpty() && value.charAt(value.length() - 1) == close) {
                return true;
            }
            for (int k = value.indexOf(close); k >= 0; k = value.indexOf(close, k + 1)) {
                if (k == 0 || !Character.isDigit(value.charAt(k - 1))) {
                    return true;
                }
            }
            return false;
        }

        /**
         * Whether {@code cell} opens a quote it does not close. Where both quotes are one character
         * (Swedish), only at its start: "Flange 2\u201D" and "Pipe 3\u201D" are inch marks, as Smart
         * Quotes type them after a number, in two whole cells (review "own55f"). An English opening
         * quote in a cell with a German one is the German closing quote.
         */
        private static boolean opens(String cell, char open, char close) {
            if (open == '\u201C' && cell.indexOf('\u201E') >= 0) {
                // German quotes close with the English opening one: "\u201EPremium\u201C Flansch" is whole (review "own55f")
                return false;
            }
            return unmatched(cell, open, close) && (open != close || cell.strip().indexOf(open) == 0);
        }

        /**
         * Whether {@code cell} holds a {@code quote} its {@code other} does not pair: more of the one
         * than of the other, or, where both are one character (Swedish \u201D...\u201D), an odd count
         * in a cell without an English opening quote (whose closing quote it is too: "\u201CApollo\u201D
         * retrofit" is whole).
         */
        private static boolean unmatched(String cell, char quote, char other) {
            int quotes = 0;
            int others = 0;
            for (int k = 0; k < cell.length(); k++) {
                char c = cell.charAt(k);
                if (c == quote) {
                    quotes++;
                } else if (c == other) {
                    others++;
                }
            }
            return quote == other ? quotes % 2 == 1 && cell.indexOf('\u201C') < 0 : quotes > others;
        }

        private CsvReadResult malformed(UncheckedIOException e) throws IOException {
            int row = lastRow + 1;
            if (hasCause(e, StrictUtf8Reader.BinaryDataException.class)) {
                return stopped(row, ErrorCode.MALFORMED_CSV,
                        "the file holds binary data (a NUL byte on row " + row + "), not comma-separated text");
            }
            if (hasCause(e, CharacterCodingException.class)) {
                return stopped(row, ErrorCode.MALFORMED_CSV,
                        "the file is not valid UTF-8 (at or near row " + row + "): save it as \"CSV UTF-8\" in Excel, or in Numbers"
                                + " choose File > Export To > CSV, Advanced Options, Text Encoding \"Unicode (UTF-8)\"");
            }
            if (hasCause(e, FileTooLargeException.class)) {
                throw (FileTooLargeException) causeOf(e, FileTooLargeException.class);
            }
            if (hasCause(e, RowSizeGuard.RowTooLargeException.class)) {
                return stopped(row, ErrorCode.LIMIT_EXCEEDED, "row " + row + " "
                        + causeOf(e, RowSizeGuard.RowTooLargeException.class).getMessage());
            }
            if (!hasCause(e, CSVException.class)) {
                throw e.getCause();
            }
            if (headerSize < 0 && guard.foreignSeparator() != null) {
                // "id";"part_number": quoted cells, another delimiter
                return wrongDelimiter(guard.foreignSeparator(), guard.firstRowHasCommas());
            }
            var detail = String.valueOf(e.getMessage());
            var message = detail.contains("EOF reached before encapsulated token finished")
                    ? "a quoted cell that starts on row " + row + " is never closed (unterminated quote)"
                    : "row " + row + " has a character after a closing quote; quote the whole cell and double inner quotes (\"\")";
            // the errors above it are all there are so far: a list that looked whole took one more
            // upload for each such row
            return stopped(row, ErrorCode.MALFORMED_CSV, message + "; the rows from row " + row + " on were not read");
        }
    }

    /**
     * Semicolons are what Excel writes on a computer whose region uses a decimal comma, as "CSV
     * UTF-8 (Comma delimited)" too, so "save as comma-separated CSV" alone asked for what the user
     * had done.
     */
    private static CsvReadResult wrongDelimiter(String separators, boolean someCommas) {
        return stopped(null, ErrorCode.WRONG_DELIMITER, (someCommas ? "the header row has more " + separators
                + " than commas" : "the header row has no commas but has " + separators) + ": save the file as"
                + " comma-separated CSV (UTF-8)" + (separators.equals("semicolons")
                        ? "; Excel separates cells with the list separator of the computer's region settings, a semicolon"
                                + " where the decimal mark is a comma, even in \"CSV UTF-8 (Comma delimited)\":"
                                + " docs/csv-format.md says how to get commas"
                        : ""));
    }

    private static CsvReadResult stopped(Integer row, ErrorCode code, String message) {
        return new CsvReadResult.Stopped(List.of(new ImportError(row, null, null, code, message, null)));
    }

    private static boolean isBlank(List<String> cells) {
        return cells.stream().allMatch(String::isEmpty);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        return causeOf(e, type) != null;
    }

    private static Throwable causeOf(Throwable e, Class<? extends Throwable> type) {
        for (var t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        return null;
    }

    /** Fails the read once more than {@code max} bytes arrive, whatever the object's declared size. */
    private static final class BoundedInputStream extends FilterInputStream {
        private final long max;
        private long count;

        BoundedInputStream(InputStream in, long max) {
            super(in);
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws FileTooLargeException {
            count += n;
            if (count > max) {
                throw new FileTooLargeException();
            }
        }
    }

    private static final class FileTooLargeException extends IOException {}
}
