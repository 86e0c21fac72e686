package dev.intake.testing;

import dev.intake.core.imports.ImportJob;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.report.ErrorLog;
import dev.intake.core.report.FailedRowsCsv;
import dev.intake.core.report.ImportError;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link ImportJob} for importer tests: ids are reserved from a fixed first id, failed rows go
 * to a string, and calls to {@link #beginWrites()} and {@link #keepAlive()} are counted.
 */
public final class FakeImportJob implements ImportJob {

    /** One {@link #reserveIds} call. */
    public record Reservation(String sequence, int count) {}

    private final String org;
    private final ImportMode mode;
    private final boolean resuming;
    private final long firstId;
    private final StringWriter failedRows = new StringWriter();
    private final ErrorLog errors = new ErrorLog(header -> new FailedRowsCsv(failedRows, header));
    private final List<Reservation> reservations = new ArrayList<>();
    private int beginWrites;
    private int keepAlives;

    public FakeImportJob(String org, ImportMode mode, boolean resuming, long firstId) {
        this.org = org;
        this.mode = mode;
        this.resuming = resuming;
        this.firstId = firstId;
    }

    public static FakeImportJob commit(String org) {
        return new FakeImportJob(org, ImportMode.COMMIT, false, 5000);
    }

    public static FakeImportJob validate(String org) {
        return new FakeImportJob(org, ImportMode.VALIDATE, false, 5000);
    }

    /** A retry that found the import already committing. */
    public static FakeImportJob resume(String org) {
        return new FakeImportJob(org, ImportMode.COMMIT, true, 5000);
    }

    public List<ImportError> reportedErrors() {
        return errors.kept();
    }

    /** The errors CSV as written so far (closed first, so everything is flushed). */
    public String failedRowsCsv() {
        errors.closeFailedRows();
        return failedRows.toString();
    }

    public List<Reservation> reservations() {
        return List.copyOf(reservations);
    }

    public int beginWritesCalls() {
        return beginWrites;
    }

    public int keepAliveCalls() {
        return keepAlives;
    }

    @Override
    public String importId() {
        return "import-1";
    }

    @Override
    public String org() {
        return org;
    }

    @Override
    public ImportMode mode() {
        return mode;
    }

    @Override
    public boolean resuming() {
        return resuming;
    }

    @Override
    public ErrorLog errors() {
        return errors;
    }

    @Override
    public long reserveIds(String sequence, int count) {
        reservations.add(new Reservation(sequence, count));
        return firstId;
    }

    @Override
    public void beginWrites() {
        beginWrites++;
    }

    @Override
    public void keepAlive() {
        keepAlives++;
    }
}
