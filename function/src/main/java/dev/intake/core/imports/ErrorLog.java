package dev.intake.core.imports;

import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.FailedRowsCsv;
import dev.intake.core.report.ImportError;
import dev.intake.core.report.ImportReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every error of one import. Keeps the first {@link ImportReport#MAX_ERRORS} for the report (their
 * rows named up to {@link ImportReport#MAX_ROWS_NAMED_IN_ALL} together) and counts the rest; sends
 * each failing row with all its errors to the errors CSV, which is opened only when the first row
 * fails.
 */
public final class ErrorLog {

    private final Function<List<String>, FailedRowsCsv> openFailedRows;
    private List<String> header = List.of();
    private final List<ImportError> kept = new ArrayList<>();
    private FailedRowsCsv failedRows;
    private int total;
    /** The rows the kept errors' {@code rows} name together, against {@link ImportReport#MAX_ROWS_NAMED_IN_ALL}. */
    private int rowsNamed;
    /** The row a file stopped at, for the errors CSV's last line; null if none. */
    private CsvRow stoppedAt;
    private List<ImportError> stopErrors = List.of();

    /** {@code openFailedRows} opens the errors CSV for a file with the given header. */
    public ErrorLog(Function<List<String>, FailedRowsCsv> openFailedRows) {
        this.openFailedRows = openFailedRows;
    }

    /** Takes the file's header, to repeat at the top of the errors CSV. */
    public void repeatHeader(List<String> names) {
        header = List.copyOf(names);
    }

    public void add(ImportError error) {
        total++;
        if (kept.size() < ImportReport.MAX_ERRORS) {
            var named = error.withFirstRows(rowsLeft());
            rowsNamed += named.rows().size();
            kept.add(named);
        }
    }

    public void addAll(List<ImportError> errors) {
        errors.forEach(this::add);
    }

    /** How many more errors the report keeps: a source of many need build no more than these. */
    public int room() {
        return ImportReport.MAX_ERRORS - kept.size();
    }

    /**
     * How many more rows the kept errors may name together: a source of errors naming many picks
     * which (a header conflict, the rows that differ first), else {@link #add} keeps the first.
     */
    public int rowsLeft() {
        return Math.max(0, ImportReport.MAX_ROWS_NAMED_IN_ALL - rowsNamed);
    }

    /** Counts {@code count} errors the report has no {@link #room} for, without their being built. */
    public void addUnkept(int count) {
        if (count > 0 && room() > 0) {
            throw new IllegalStateException(count + " errors counted unkept while the report has room for " + room());
        }
        total += count;
    }

    /** Records a failing row: its errors go to the report, the row itself to the errors CSV. */
    public void failedRow(CsvRow row, List<ImportError> errors) {
        failedRow(row, errors, List.of());
    }

    /**
     * Records a failing row whose {@code summarised} errors reach the report as one summary error
     * elsewhere (a PO header conflict names all its rows once): they go to the errors CSV only.
     */
    public void failedRow(CsvRow row, List<ImportError> errors, List<ImportError> summarised) {
        addAll(errors);
        if (failedRows == null) {
            failedRows = openFailedRows.apply(header);
        }
        var all = new ArrayList<>(errors);
        all.addAll(summarised);
        failedRows.write(row, all);
    }

    /**
     * The row the file stopped at (a quote never closed, binary data): its errors reach the report
     * now, ahead of those of the rows before it. Its line in the errors CSV, without cells (they
     * could not be read), comes last, after theirs: the CSV holds every failing row (SPEC §9), and it
     * used to leave this one out.
     */
    public void stoppedAt(int row, List<ImportError> errors) {
        addAll(errors);
        stoppedAt = new CsvRow(row, List.of());
        stopErrors = List.copyOf(errors);
    }

    public boolean isEmpty() {
        return total == 0;
    }

    public int total() {
        return total;
    }

    public List<ImportError> kept() {
        return List.copyOf(kept);
    }

    public boolean truncated() {
        return total > kept.size();
    }

    /** Whether an errors CSV was written; closes it. */
    public boolean closeFailedRows() {
        if (stoppedAt != null) {
            if (failedRows == null) {
                failedRows = openFailedRows.apply(header);
            }
            failedRows.write(stoppedAt, stopErrors);
            stoppedAt = null;
        }
        if (failedRows == null) {
            return false;
        }
        failedRows.close();
        return failedRows.rows() > 0;
    }
}
