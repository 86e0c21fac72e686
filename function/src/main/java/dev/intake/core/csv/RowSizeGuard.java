package dev.intake.core.csv;

import java.io.IOException;
import java.io.Reader;

/**
 * Refuses a row of absurdly many cells, or of absurdly many characters, while the file is read:
 * the CSV parser builds every cell of a row before the row can be checked, and one line of a
 * hundred million commas (a file well under the size limit) ran the function out of memory with no
 * report. The bounds are far above the limits, so that the checks after parsing
 * keep their precise, row-level answers for every row a spreadsheet could write (a cell of a
 * megabyte fails its row and the file goes on); only a row no spreadsheet writes stops the file
 * here. Like {@link StrictUtf8Reader}, it delivers the characters before the fault first, so the
 * parser has read every earlier row and the error names the row at fault.
 */
final class RowSizeGuard extends Reader {

    /** A row or a cell past the bounds. */
    static final class RowTooLargeException extends IOException {
        RowTooLargeException(String message) {
            super(message);
        }
    }

    /** Cells of one row: a blank row of this many commas is still skipped, past it the file stops. */
    static final int MAX_CELLS = 100_000;
    /** Characters of one row, its quotes included: 64 MB of the parser's memory at most. */
    static final int MAX_ROW_CHARS = 32 * 1024 * 1024;

    private final Reader in;
    private final int maxCells;
    private final int maxRowChars;
    private boolean quoted;
    /** In a quoted cell, a quote just read: the cell's end, or the first of a doubled quote. */
    private boolean quoteInQuoted;
    /** Nothing but spaces of the cell read yet: only there does a quote open a quoted cell (5" is an inch). */
    private boolean atCellStart = true;
    private boolean afterCarriageReturn;
    private int cells = 1;
    private int rowChars;
    private RowTooLargeException failure;
    /** What separates the first row's cells, outside quotes: commas, semicolons, tabs. */
    private boolean onFirstRow = true;
    /** Whether the line holds more than blanks, commas and quotes: the reader skips one that does not. */
    private boolean lineHasContent;
    private int firstRowCommas;
    private int firstRowSemicolons;
    private int firstRowTabs;

    RowSizeGuard(Reader in) {
        this(in, MAX_CELLS, MAX_ROW_CHARS);
    }

    /** With other bounds: for tests, which need not build rows of 32 million characters. */
    RowSizeGuard(Reader in, int maxCells, int maxRowChars) {
        this.in = in;
        this.maxCells = maxCells;
        this.maxRowChars = maxRowChars;
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

    /**
     * Follows one character through RFC 4180's quoting as the parser reads it (a quote opens a
     * quoted cell only at the cell's start, after spaces if any; a doubled one inside stands for a quote); the fault it
     * makes, if any.
     */
    private RowTooLargeException take(char c) {
        boolean lineFeedOfCrLf = afterCarriageReturn && c == '\n';
        afterCarriageReturn = c == '\r';
        lineHasContent |= c != '"' && c != ',' && !Character.isWhitespace(c);
        if (quoted && quoteInQuoted) {
            quoteInQuoted = false;
            quoted = c == '"'; // a doubled quote stays in the cell; anything else follows its end
        } else if (quoted) {
            quoteInQuoted = c == '"';
            return counted();
        }
        if (quoted) {
            return counted();
        }
        if (onFirstRow) {
            firstRowSemicolons += c == ';' ? 1 : 0;
            firstRowTabs += c == '\t' ? 1 : 0;
            firstRowCommas += c == ',' ? 1 : 0;
        }
        if (c == '\n' || c == '\r') {
            if (!lineFeedOfCrLf) {
                startFirstRowAgainAfterABlankLine();
                cells = 1;
                rowChars = 0;
                atCellStart = true;
            }
            return null;
        }
        if (c == ',') {
            atCellStart = true;
            if (++cells > maxCells) {
                return new RowTooLargeException("has more than " + maxCells + " cells, far past any limit on columns"
                        + " (INTAKE_MAX_COLUMNS): not a spreadsheet's row");
            }
            return counted();
        }
        quoted = c == '"' && atCellStart;
        atCellStart = atCellStart && c != '"' && Character.isWhitespace(c); // as the parser, a quote opens a cell after spaces
        return counted();
    }

    /**
     * A line the reader skips as blank (only blanks, commas, quotes) is no header: the header's
     * separators are the next line's (found by review: a line of spaces or commas before it hid a
     * semicolon header).
     */
    private void startFirstRowAgainAfterABlankLine() {
        if (onFirstRow && !lineHasContent) {
            firstRowCommas = 0;
            firstRowSemicolons = 0;
            firstRowTabs = 0;
        } else {
            onFirstRow = false;
        }
        lineHasContent = false;
    }

    private RowTooLargeException counted() {
        if (++rowChars > maxRowChars) {
            return new RowTooLargeException("has more than " + maxRowChars + " characters, far past any limit on"
                    + " a cell's length (INTAKE_MAX_CELL_LENGTH): not a spreadsheet's row");
        }
        return null;
    }

    /**
     * "semicolons" or "tabs" when the first row (read so far) has more of them than commas, outside
     * quotes: a file saved with another delimiter, whose quoted header cells the parser refuses
     * before it can be seen as one cell, or whose one cell holding a comma Excel left unquoted
     * (it quotes only cells holding its own separator): "Länge, mm", or a title line "Inventur,
     * Lager A;;" above the header, split the file at that comma into missing and unknown columns.
     * Counted outside quotes: a comma header's quoted "Dimensions L;W;H" holds no separator.
     */
    String foreignSeparator() {
        if (Math.max(firstRowSemicolons, firstRowTabs) <= firstRowCommas) {
            return null;
        }
        return firstRowSemicolons >= firstRowTabs ? "semicolons" : "tabs";
    }

    /** Whether the first row has a comma outside quotes. */
    boolean firstRowHasCommas() {
        return firstRowCommas > 0;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
