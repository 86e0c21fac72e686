package dev.intake.core.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Refuses a row of too many cells, or a cell of too many characters, while the file is read: the
 * CSV parser builds every cell of a row before the row can be checked, and one line of a hundred
 * million commas (a file well under the size limit) ran the function out of memory with no report
 * (found by review). The bounds are twice the limits, so the checks after parsing still give their
 * precise messages for rows and cells just over them. Like {@link StrictUtf8Reader}, it delivers
 * the characters before the fault first, so the parser has read every earlier row and the error
 * names the row at fault.
 */
final class RowSizeGuard extends Reader {

    /** A row or a cell past the bounds. */
    static final class RowTooLargeException extends IOException {
        RowTooLargeException(String message) {
            super(message);
        }
    }

    private final Reader in;
    private final int maxCells;
    private final int maxCellChars;
    private boolean quoted;
    private boolean afterCarriageReturn;
    private int cells = 1;
    private int cellChars;
    private RowTooLargeException failure;
    /** What separates the first row's cells, outside quotes: commas, semicolons, tabs. */
    private boolean onFirstRow = true;
    private boolean firstRowCommas;
    private boolean firstRowSemicolons;
    private boolean firstRowTabs;

    RowSizeGuard(Reader in, CsvLimits limits) {
        this.in = in;
        this.maxCells = 2 * limits.maxColumns();
        this.maxCellChars = 2 * limits.maxCellLength() + 2; // and its quotes
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (failure != null) {
            throw failure;
        }
        int read = in.read(target, offset, length);
        for (int i = offset; i < offset + Math.max(read, 0); i++) {
            failure = take(target[i]);
            if (failure != null) {
                if (i > offset) {
                    return i - offset; // what comes before the fault first
                }
                throw failure;
            }
        }
        return read;
    }

    /** Follows one character through the quoting; the fault it makes, if any. */
    private RowTooLargeException take(char c) {
        boolean lineFeedOfCrLf = afterCarriageReturn && c == '\n';
        afterCarriageReturn = c == '\r';
        if (onFirstRow && !quoted) {
            firstRowSemicolons |= c == ';';
            firstRowTabs |= c == '\t';
            firstRowCommas |= c == ',';
        }
        if (c == '"') {
            quoted = !quoted; // a doubled quote inside a quoted cell toggles twice
        } else if (!quoted && c == ',') {
            cellChars = 0;
            if (++cells > maxCells) {
                return new RowTooLargeException("has more than " + maxCells + " cells; the limit is "
                        + maxCells / 2 + " columns (INTAKE_MAX_COLUMNS)");
            }
            return null;
        } else if (!quoted && (c == '\n' || c == '\r')) {
            if (!lineFeedOfCrLf) {
                cells = 1;
                cellChars = 0;
                onFirstRow = false;
            }
            return null;
        }
        if (++cellChars > maxCellChars) {
            return new RowTooLargeException("has a cell longer than " + (maxCellChars - 2)
                    + " characters; the limit is " + (maxCellChars - 2) / 2 + " (INTAKE_MAX_CELL_LENGTH)");
        }
        return null;
    }

    /**
     * "semicolons" or "tabs" when the first row (read so far) separates its cells by them and by no
     * comma, outside quotes: a file saved with another delimiter, whose quoted header cells the
     * parser refuses before it can be seen as one cell.
     */
    String foreignSeparator() {
        if (firstRowCommas) {
            return null;
        }
        return firstRowSemicolons ? "semicolons" : firstRowTabs ? "tabs" : null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
