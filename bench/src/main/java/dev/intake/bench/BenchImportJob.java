package dev.intake.bench;

import dev.intake.core.report.CreatedLabels;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.ResumePoint;
import dev.intake.core.imports.IdBlock;
import dev.intake.core.imports.Rollback;
import java.util.Optional;
import dev.intake.core.imports.ErrorLog;
import dev.intake.core.csv.FailedRowsCsv;
import java.io.Writer;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A first-delivery commit job: ids from 1, the journal and the errors CSV discarded (in the
 * Lambda they go to DynamoDB and S3, not the heap). {@code onKeepAlive} runs on every keepAlive.
 */
final class BenchImportJob implements ImportJob {

    private final ErrorLog errors = new ErrorLog(header -> new FailedRowsCsv(Writer.nullWriter(), header));
    private final Runnable onKeepAlive;

    BenchImportJob(Runnable onKeepAlive) {
        this.onKeepAlive = onKeepAlive;
    }

    BenchImportJob() {
        this(() -> {});
    }

    @Override
    public String importId() {
        return "bench-import";
    }

    @Override
    public String org() {
        return InventoryCsv.ORG;
    }

    @Override
    public ImportMode mode() {
        return ImportMode.COMMIT;
    }

    @Override
    public boolean resuming() {
        return false;
    }

    @Override
    public ErrorLog errors() {
        return errors;
    }

    @Override
    public long peekIds(String sequence) {
        return 1;
    }

    @Override
    public long reserveIds(String sequence, int count) {
        return 1;
    }

    @Override
    public void beginWrites(String catalogFingerprint) {}

    @Override
    public Optional<String> catalogFingerprint() {
        return Optional.empty();
    }

    @Override
    public void journal(List<JournalEntry> entries) {}

    @Override
    public List<JournalEntry> journal() {
        return List.of();
    }

    @Override
    public Optional<IdBlock> reserved(String sequence) {
        return Optional.empty();
    }

    @Override
    public ResumePoint resumePoint() {
        return ResumePoint.NONE;
    }

    @Override
    public void commitProgress(ResumePoint point) {}

    /** The benchmark's imports run one at a time: every writer they meet has ended. */
    @Override
    public Set<String> unfinishedImports(Collection<String> importIds) {
        return Set.of();
    }

    @Override
    public void beginRollback(Rollback why) {}

    @Override
    public Rollback rollback() {
        return Rollback.UNKNOWN;
    }

    @Override
    public void recordCreatedLabels(CreatedLabels labels) {
        // a benchmark never resumes
    }

    @Override
    public CreatedLabels createdLabels() {
        return CreatedLabels.NONE;
    }

    @Override
    public void keepAlive() {
        onKeepAlive.run();
    }

    @Override
    public dev.intake.core.commit.LeaseFence leaseFence() {
        return dev.intake.core.commit.LeaseFence.NONE; // no lease: nothing another delivery could take over
    }

    @Override
    public void progress(dev.intake.core.imports.ImportProgress.Phase phase, long rowsDone) {}

    @Override
    public void undone(long items, long of) {}
}
