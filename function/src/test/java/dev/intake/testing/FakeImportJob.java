package dev.intake.testing;

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
import dev.intake.core.report.ImportError;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collection;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ImportJob} for importer tests: ids are reserved from a fixed first id (one per
 * sequence when set with {@link #firstId}), failed rows go to a string, and calls to {@link #beginWrites()} and {@link #keepAlive()} are counted.
 */
public final class FakeImportJob implements ImportJob {

    /** One {@link #reserveIds} call. */
    public record Reservation(String sequence, int count) {}

    private final String org;
    private final ImportMode mode;
    private final boolean resuming;
    private final long firstId;
    private final List<JournalEntry> journal = new ArrayList<>();
    private int rollbacks;
    private Rollback rollback = Rollback.UNKNOWN;
    private CreatedLabels createdLabels = CreatedLabels.NONE;
    private final StringWriter failedRows = new StringWriter();
    private final ErrorLog errors = new ErrorLog(header -> new FailedRowsCsv(failedRows, header));
    private final List<Reservation> reservations = new ArrayList<>();
    private final Map<String, Long> firstIdBySequence = new HashMap<>();
    private final Map<String, IdBlock> reservedBlocks = new HashMap<>();
    private ResumePoint resumePoint = ResumePoint.NONE;
    private final List<ResumePoint> progress = new ArrayList<>();
    private int beginWrites;
    private String catalogFingerprint;
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

    /**
     * Makes {@link #reserveIds} of {@code sequence} return {@code first}; other sequences keep the
     * job's first id. A resumed job given the same ids gets the same blocks, as a real retry does.
     */
    public FakeImportJob firstId(String sequence, long first) {
        firstIdBySequence.put(sequence, first);
        return this;
    }

    /** The ids reserved from {@code sequence}, summed over its {@link #reserveIds} calls. */
    public int reservedCount(String sequence) {
        return reservations.stream().filter(r -> r.sequence().equals(sequence)).mapToInt(Reservation::count).sum();
    }

    public List<ImportError> reportedErrors() {
        return errors.kept();
    }

    /** The errors CSV as written so far (closed first, so everything is flushed). */
    public String failedRowsCsv() {
        errors.closeFailedRows();
        return failedRows.toString();
    }

    /** Gives the job the id blocks {@code earlier} reserved and its catalog, as a retry finds them on the import. */
    public FakeImportJob reservedAs(FakeImportJob earlier) {
        reservedBlocks.putAll(earlier.reservedBlocks);
        catalogFingerprint = earlier.catalogFingerprint;
        return this;
    }

    /** Makes the job a retry of a commit that kept {@code recorded} as its catalog fingerprint (one an earlier Intake took, say). */
    public FakeImportJob fingerprint(String recorded) {
        catalogFingerprint = recorded;
        return this;
    }

    @Override
    public Optional<String> catalogFingerprint() {
        return Optional.ofNullable(catalogFingerprint);
    }

    /** Makes the job a retry of a commit that got this far. */
    public FakeImportJob resumeFrom(ResumePoint point) {
        this.resumePoint = point;
        return this;
    }

    /** Starts with a journal, as a retry of an interrupted commit does. */
    public FakeImportJob journaled(List<JournalEntry> entries) {
        journal.addAll(entries);
        return this;
    }

    /** The resume points the commit recorded, in order. */
    public List<ResumePoint> recordedProgress() {
        return List.copyOf(progress);
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
    public long peekIds(String sequence) {
        return firstIdBySequence.getOrDefault(sequence, firstId);
    }

    @Override
    public long reserveIds(String sequence, int count) {
        reservations.add(new Reservation(sequence, count));
        long first = firstIdBySequence.getOrDefault(sequence, firstId);
        reservedBlocks.put(sequence, new IdBlock(first, count));
        return first;
    }

    @Override
    public Optional<IdBlock> reserved(String sequence) {
        return Optional.ofNullable(reservedBlocks.get(sequence));
    }

    @Override
    public ResumePoint resumePoint() {
        return resumePoint;
    }

    @Override
    public synchronized void commitProgress(ResumePoint point) {
        progress.add(point);
    }

    /** Imports a test says have not ended; every other one has. */
    public final Set<String> unfinishedImports = ConcurrentHashMap.newKeySet();

    @Override
    public Set<String> unfinishedImports(Collection<String> importIds) {
        return importIds.stream().filter(unfinishedImports::contains).collect(Collectors.toSet());
    }

    @Override
    public synchronized void journal(List<JournalEntry> entries) {
        journal.addAll(entries);
    }

    @Override
    public synchronized List<JournalEntry> journal() {
        return List.copyOf(journal);
    }

    @Override
    public void beginRollback(Rollback why) {
        rollbacks++;
        rollback = why;
    }

    @Override
    public Rollback rollback() {
        return rollback;
    }

    @Override
    public void recordCreatedLabels(CreatedLabels labels) {
        createdLabels = labels;
    }

    @Override
    public CreatedLabels createdLabels() {
        return createdLabels;
    }

    public int rollbacks() {
        return rollbacks;
    }

    @Override
    public void beginWrites(String catalogFingerprint) {
        this.catalogFingerprint = catalogFingerprint;
        beginWrites++;
    }

    @Override
    public void keepAlive() {
        keepAlives++;
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
