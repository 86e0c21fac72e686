package dev.intake.core.csv;

import dev.intake.core.report.ImportError;
import java.util.List;

/** Receives a file's header and rows from {@link CsvFileReader}, in order. */
public interface CsvVisitor {

    /**
     * Called once with the header cells. Returns the file-level problems found in the header;
     * when there are any, reading stops.
     */
    List<ImportError> header(List<String> names);

    /** Called for each non-blank row that has no structural problem. */
    void row(CsvRow row);

    /** Called for a row the reader itself rejects (more cells than the header, a cell too long). */
    void rejected(CsvRow row, ImportError error);

    /**
     * Called before the header where the file begins with a UTF-8 byte order mark, as Excel's
     * "CSV UTF-8" save writes it and its legacy "CSV (Comma delimited)" save never does.
     */
    default void byteOrderMark() {}

    /**
     * How an error names the header's column at {@code index}: a standard column by its standard
     * name, whatever the header's spelling. Null where the visitor has no name for it: the reader
     * then uses the header's.
     */
    default String columnName(int index) {
        return null;
    }
}
