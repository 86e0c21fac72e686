package dev.intake.core.imports;

import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.FailedRowsCsv;
import dev.intake.core.report.ImportError;
import dev.intake.core.report.ImportReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Every error of one import. Keeps the first {@link ImportReport#MAX_ERRORS} for the report and
 * counts the rest; sends each failing row with all its errors to the errors CSV, which is opened
 * only when the first row fails.
 */
public final class ErrorLog {

    private final Function<List<String>, FailedRowsCsv> openFailedRows;
    private List<String> header = List.of();
    private final List<ImportError> kept = new ArrayList<>();
    private FailedRowsCsv failedRows;
    private int total;

    /** {@code openFailedRows} opens the errors CSV for a file with the given header. */
    public ErrorLog(Function<List<String>, FailedRowsCsv> openFailedRows) {
        this.openFailedRows = openFailedRows;
    }

    /** The file's header, repeated at the top of the errors CSV. */
    public void header(List<String> names) {
        header = List.copyOf(names);
    }

    public void add(ImportError error) {
        total++;
        if (kept.size() < ImportReport.MAX_ERRORS) {
            kept.add(error);
        }
    }

    public void addAll(List<ImportError> errors) {
        errors.forEach(this::add);
    }

    /** Records a failing row: its errors go to the report, the row itself to the errors CSV. */
    public void row(CsvRow row, List<ImportError> errors) {
        row(row, errors, List.of());
    }

    /**
     * Records a failing row whose {@code summarised} errors reach the report as one summary error
     * elsewhere (a PO header conflict names all its rows once): they go to the errors CSV only.
     */
    public void row(CsvRow row, List<ImportError> errors, List<ImportError> summarised) {
        addAll(errors);
        if (failedRows == null) {
            failedRows = openFailedRows.apply(header);
        }
        var all = new ArrayList<>(errors);
        all.addAll(summarised);
        failedRows.write(row, all);
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
        if (failedRows == null) {
            return false;
        }
        failedRows.close();
        return failedRows.rows() > 0;
    }
}
