package dev.intake.core.imports;

import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.LeaseFence;
import dev.intake.core.commit.ResumePoint;
import dev.intake.core.report.Counts;
import dev.intake.core.report.CreatedLabels;
import dev.intake.core.report.CreatedSummary;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.csv.FailedRowsCsv;
import dev.intake.core.csv.SpreadsheetCsv;
import dev.intake.core.report.ImportError;
import dev.intake.core.report.ImportReport;
import dev.intake.core.report.ImportStatus;
import dev.intake.core.report.ReportJson;
import dev.intake.core.report.SourceObject;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The lifecycle of one import (SPEC §3): claim the object version, let the importer validate and
 * (if valid) commit, then write the report and the errors CSV and record the outcome. A duplicate
 * delivery finds the claim and does nothing; a delivery that finds an earlier attempt's lease
 * expired takes the import over and resumes it.
 */
public final class ImportRunner {

    private final Map<String, Importer> importers;
    private final ImportLedger ledger;
    private final IdAllocator ids;
    private final ReportSink reports;
    private final Clock clock;
    private final Duration lease;
    private final Duration renewAfter;
    /** How much of its lease a delivery keeps in hand when it sends a write: see {@link Job#checkLease}. */
    private final Duration sendMargin;
    private final long maxBytes;
    /** How soon a failed invocation is delivered again by itself: Lambda's retries; zero where nothing does. */
    private final Duration retriedWithin;
    private final ProgressListener listener;
    /**
     * Renews the leases of running imports; one daemon thread, shared by every import of this
     * runner, which ends when no import has run for a while: {@code ./intake serve} makes a runner
     * per delivery, and kept a thread per file it imported.
     */
    private final ScheduledThreadPoolExecutor leaseTimer = newLeaseTimer();

    public ImportRunner(List<Importer> importers, ImportLedger ledger, IdAllocator ids, ReportSink reports,
                        Clock clock, Duration lease, long maxBytes) {
        this(importers, ledger, ids, reports, clock, lease, maxBytes, ProgressListener.NONE);
    }

    public ImportRunner(List<Importer> importers, ImportLedger ledger, IdAllocator ids, ReportSink reports,
                        Clock clock, Duration lease, long maxBytes, ProgressListener listener) {
        this(importers, ledger, ids, reports, clock, lease, maxBytes, Duration.ZERO, listener);
    }

    public ImportRunner(List<Importer> importers, ImportLedger ledger, IdAllocator ids, ReportSink reports,
                        Clock clock, Duration lease, long maxBytes, Duration retriedWithin, ProgressListener listener) {
        this.importers = importers.stream().collect(java.util.stream.Collectors.toMap(Importer::name, i -> i));
        this.ledger = ledger;
        this.ids = ids;
        this.reports = reports;
        this.clock = clock;
        this.lease = lease;
        this.renewAfter = lease.dividedBy(4);
        this.sendMargin = lease.dividedBy(10);
        this.maxBytes = maxBytes;
        this.retriedWithin = retriedWithin;
        this.listener = listener;
    }

    private static ScheduledThreadPoolExecutor newLeaseTimer() {
        var timer = new ScheduledThreadPoolExecutor(1, task -> {
            var thread = new Thread(task, "intake-lease");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a stopped import's renewal leaves the queue, so the thread can idle
        timer.setKeepAliveTime(1, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /** Time kept in hand at the deadline: enough to give the lease back and return. */
    static final Duration DEADLINE_MARGIN = Duration.ofSeconds(20);
    /** The least timeout an import can work in: the margin, and ten seconds of work. */
    static final Duration LEAST_TIMEOUT = DEADLINE_MARGIN.plusSeconds(10);
    /** What of the timeout is gone before the handler looks: a Timeout of 30 s begins with 29.9 (review "own53"). */
    private static final Duration START_SLACK = Duration.ofSeconds(1);
    /** Of that, what is kept after the stop waits for a renewal under way: the release, the return. */
    static final Duration STOP_MARGIN = Duration.ofSeconds(5);
    /** The least time a renewal is given before it is given up ({@link ImportLedger#renew(String, String, Instant, Duration)}). */
    static final Duration MIN_RENEWAL = Duration.ofSeconds(1);
    /** How long after a deadline stop the units out may still send: half the margin. */
    static final Duration FENCE_GRACE = DEADLINE_MARGIN.dividedBy(2);
    /** The longest an import waits for an earlier upload of its key that wrote what it read ({@link #waitWhileWorkedOn}). */
    static final Duration MAX_WAIT = Duration.ofMinutes(10);
    /** How often it asks the ledger whether they ended: a BatchGetItem of a few items. */
    static final Duration WAIT_POLL = Duration.ofSeconds(1);

    /**
     * Refuses an invocation that began with {@code atStart}, too little for any import to work
     * before its deadline stop: the function's timeout is set too short, and no retry fixes that.
     * No time at all is no timeout: a Lambda invocation never begins so, and ./intake's Ctrl-C
     * before a delivery began is a stop, which the deadline stop after the claim reports as one.
     *
     * @throws TimeoutTooShortException naming the timeout, before anything is claimed
     */
    public static void requireTimeToWork(Duration atStart) {
        if (atStart.isPositive() && atStart.plus(START_SLACK).compareTo(LEAST_TIMEOUT) < 0) {
            throw new TimeoutTooShortException(atStart, DEADLINE_MARGIN, LEAST_TIMEOUT);
        }
    }

    /**
     * Imports one uploaded object: the report it wrote, or why this delivery had nothing to do.
     * Throws {@link DeadlineReachedException} when it had to stop before {@code deadline}.
     */
    public Delivery run(ObjectKey.Upload upload, SourceObject source, ImportFile file, Deadline deadline)
            throws IOException {
        var ticket = ImportTicket.of(source, upload.org(), upload.importer(), upload.mode());
        var owner = UUID.randomUUID().toString();
        var now = clock.instant();
        var leaseUntil = now.plus(lease);
        return switch (ledger.claim(ticket, owner, now, leaseUntil)) {
            case Claim.Finished finished -> Delivery.NothingToDo.alreadyRan(finished);
            case Claim.Busy busy -> Delivery.NothingToDo.running(busy);
            case Claim.Superseded superseded -> superseded(ticket, superseded.laterSequencer());
            case Claim.TakenAs taken -> Delivery.NothingToDo.takenAs(taken);
            case Claim.Acquired acquired -> {
                try {
                    yield new Delivery.Reported(execute(upload, ticket.recordedAs(acquired.upload()), acquired, leaseUntil,
                            file, deadline), upload.reportKey());
                } catch (UploadSupersededException e) {
                    yield superseded(ticket, e.laterSequencer());
                }
            }
        };
    }

    /**
     * A CSV outside the key layout: a FAILED report tells the user where files go. The rejection
     * is claimed once per object version like any import, so a repeated delivery writes no second
     * report (nor, in the handler, a second event or metric: found by review, a key at the
     * bucket's root counted one more FAILED import per delivery). When the key's first segment is
     * a valid org, it is in that org's history; without an org it is in none. A repeat of a
     * delivery that already did that, or an older upload of the key than one claimed, does nothing.
     */
    public Delivery reject(ObjectKey.Misplaced misplaced, SourceObject source) {
        var error = ImportError.file(ErrorCode.UNKNOWN_IMPORTER, null, misplaced.reason() + ", got \"" + misplaced.key() + "\"");
        var ticket = ImportTicket.of(source, misplaced.org(), misplaced.importer(), ImportMode.COMMIT);
        return refuseOnce(ticket, error, report -> {
            reports.putReport(source.bucket(), misplaced.reportKey(), ReportJson.render(report));
            return misplaced.reportKey();
        }, Delivery.Reported::new);
    }

    /**
     * A CSV whose key leaves no room for a report beside it: nothing can tell the uploader, so it
     * is only recorded, FAILED with no report, in no org's history. Claimed once per object version
     * like any import, so that a repeated delivery does not count one more FAILED import (found
     * by review, as for a misplaced key before).
     */
    public Delivery refuseUnreportable(ObjectKey.TooLong tooLong, SourceObject source) {
        var error = ImportError.file(ErrorCode.LIMIT_EXCEEDED, null, "the key takes "
                + tooLong.key().getBytes(StandardCharsets.UTF_8).length + " bytes, more than the "
                + (ObjectKey.MAX_KEY_BYTES - ObjectKey.REPORT_SUFFIX.length()) + " that leave room for its report");
        var delivery = refuseOnce(ImportTicket.of(source, null, null, ImportMode.COMMIT), error, report -> null,
                (report, noKey) -> new Delivery.Unreportable());
        // No upload of such a key is ever imported, so a later one taken first changes nothing for
        // this one: it is told of like any other (found by review: it was "not imported, upload again").
        return delivery instanceof Delivery.Superseded ? new Delivery.Unreportable() : delivery;
    }

    /**
     * Claims a file that is refused before it is read, and records it FAILED with {@code error}:
     * {@code report} writes the report where there is one (returning its key, or null), and
     * {@code delivered} says what this delivery did, given the report and its key. A repeat of one
     * that did it does nothing.
     */
    private Delivery refuseOnce(ImportTicket ticket, ImportError error, Function<ImportReport, String> report,
                                BiFunction<ImportReport, String, Delivery> delivered) {
        var started = clock.instant();
        var owner = UUID.randomUUID().toString();
        return switch (ledger.claim(ticket, owner, started, started.plus(lease))) {
            case Claim.Finished finished -> Delivery.NothingToDo.alreadyRan(finished);
            case Claim.Busy busy -> Delivery.NothingToDo.running(busy);
            case Claim.Superseded superseded -> superseded(ticket, superseded.laterSequencer());
            case Claim.TakenAs taken -> Delivery.NothingToDo.takenAs(taken);
            case Claim.Acquired acquired -> {
                var refusal = refusal(ticket.recordedAs(acquired.upload()), acquired.startedAt(), error);
                var reportKey = report.apply(refusal);
                ledger.finish(ticket.importId(), owner, refusal, reportKey, null);
                yield delivered.apply(refusal, reportKey);
            }
        };
    }

    private ImportReport refusal(ImportTicket ticket, Instant started, ImportError error) {
        return new ImportReport(ticket.importId(), new ImportReport.Origin(ticket.org(), ticket.importer(),
                ImportMode.COMMIT.label(), ticket.source()), ImportStatus.FAILED, started, clock.instant(),
                new Counts(0, 0, 0, 1), new ImportReport.Problems(List.of(error), false), ImportReport.Results.NONE);
    }

    /** Writes the errors CSV beside the upload: its key. */
    private String writeErrorsCsv(ObjectKey.Upload upload, ImportTicket ticket, Claim.Acquired claim, Job job,
                                FailedRowsSpool failedRows) throws IOException {
        var errorsKey = upload.errorsKey();
        var version = reports.putErrorsCsv(ticket.source().bucket(), errorsKey, failedRows);
        if (!job.writing()) {
            if (version != null) {
                keepOnTheClaim(ticket, claim.owner(), new WrittenErrorsCsv(errorsKey, version));
            }
            // again: the errors CSV of a large file takes seconds, in which a later upload may have
            // been taken and reported, and this report would replace its
            endIfSuperseded(ticket, claim.owner());
        }
        return errorsKey;
    }

    private ImportReport execute(ObjectKey.Upload upload, ImportTicket ticket, Claim.Acquired claim,
                                 Instant leaseUntil, ImportFile file, Deadline deadline) throws IOException {
        var failedRows = FailedRowsSpool.create();
        Job job = null;
        try {
            var errors = new ErrorLog(header -> openFailedRows(failedRows, header));
            job = new Job(ticket, claim, leaseUntil, errors, deadline);
            var outcome = outcome(ticket, file, job, errors);
            if (!job.writing()) {
                endIfSuperseded(ticket, claim.owner());
            }
            var report = report(ticket, claim.startedAt(), outcome, errors);
            var errorsKey = errors.closeFailedRows() ? writeErrorsCsv(upload, ticket, claim, job, failedRows) : null;
            job.confirmClaim();
            reports.putReport(ticket.source().bucket(), upload.reportKey(), ReportJson.render(report));
            job.stopRenewing();
            ledger.finish(ticket.importId(), claim.owner(), report, upload.reportKey(), errorsKey);
            return report;
        } catch (LostClaimException | UploadSupersededException e) {
            throw e; // the claim is no longer this delivery's to give back
        } catch (RuntimeException | IOException e) {
            // Give the claim back so Lambda's retry can resume at once instead of waiting out the
            // lease. The timer stops first: a renewal landing after the release would take it back.
            if (job != null) {
                job.stopRenewing();
            }
            releaseQuietly(ticket.importId(), claim.owner(), retryDueBy(), e);
            throw e;
        } finally {
            if (job != null) {
                job.stopRenewing();
            }
            failedRows.close();
        }
    }

    /**
     * An import that wrote nothing (a failed file, a dry run, a refusal) reports at its key only
     * while it is the key's latest upload taken: a later upload's report stands.
     * Past this look a later upload has yet to validate, so its report still comes last.
     */
    private void endIfSuperseded(ImportTicket ticket, String owner) {
        ledger.endIfSuperseded(ticket, owner).ifPresent(later -> {
            throw new UploadSupersededException(ticket.importId(), later);
        });
    }

    /**
     * An errors CSV written may have replaced a later upload's, taken while this file validated:
     * both write the key's one errors CSV. Where the bucket
     * keeps versions (the template's does), the claim keeps each version written, for whichever
     * delivery finds the import superseded to delete ({@link #superseded}): this one at its look,
     * or a retry, where this one fails to or dies first. An owner that lost the claim meanwhile
     * deletes its version itself: the claim's new owner writes its own where it reports.
     */
    private void keepOnTheClaim(ImportTicket ticket, String owner, WrittenErrorsCsv written) {
        try {
            ledger.recordErrorsCsv(ticket.importId(), owner, written);
        } catch (LostClaimException e) {
            reports.deleteErrorsCsvVersion(ticket.source().bucket(), written.key(), written.version());
            throw e;
        }
    }

    /**
     * A delivery of an upload a later one superseded, found so at its claim or at any look: the
     * errors CSV versions its attempts wrote are deleted, and the key's errors CSV is the one
     * beneath, the later upload's or, where that has none, what was there before.
     */
    private Delivery superseded(ImportTicket ticket, String laterSequencer) {
        var written = ledger.errorsCsvsWritten(ticket.importId());
        if (!written.isEmpty()) {
            written.forEach(csv -> reports.deleteErrorsCsvVersion(ticket.source().bucket(), csv.key(), csv.version()));
            ledger.errorsCsvTakenBack(ticket.importId());
        }
        return new Delivery.Superseded(laterSequencer);
    }

    private ImportOutcome outcome(ImportTicket ticket, ImportFile file, Job job, ErrorLog errors) throws IOException {
        var importer = importers.get(ticket.importer());
        if (importer == null) {
            errors.add(ImportError.file(ErrorCode.UNKNOWN_IMPORTER, null, "unknown importer \"" + ticket.importer()
                    + "\": put files under <org>/part-inventory/ or <org>/purchase-orders/"));
            return new ImportOutcome.Failed(0);
        }
        if (job.claim.rollingBack()) {
            return importer.finishRollback(job);
        }
        awaitTheKeysWriter(job);
        if (ticket.source().size() > maxBytes) {
            return refused(job, importer, ImportError.file(ErrorCode.LIMIT_EXCEEDED, null, "the file is "
                    + ticket.source().size() + " bytes; the limit is " + maxBytes + " (INTAKE_MAX_FILE_BYTES)"));
        }
        try {
            return runWaitingForUnfinishedWriters(importer, file, job);
        } catch (SourceGoneException e) {
            // The commit reads the file again (and a retry once more), so it can go after writes began.
            var message = job.writing() ? e.whileImporting()
                    + ". Intake reads the file again to write it: everything this import had written was undone"
                    : e.getMessage();
            return refused(job, importer, ImportError.file(ErrorCode.FILE_UNAVAILABLE, null, message));
        } catch (IdsUsedUpException e) {
            return refused(job, importer, ImportError.file(ErrorCode.LIMIT_EXCEEDED, null, e.getMessage()));
        }
    }

    /**
     * Waits, before anything of the file is read or refused, for an earlier upload of its key that
     * began writing: that import's report, coming after this one's, would stand at the key though
     * the bucket holds this file (found by review "serveconc" on 7 December 2026: a replacement
     * touching none of the first file's records was imported beside it; review "own51": one over
     * the size limit was refused beside it).
     */
    private void awaitTheKeysWriter(Job job) {
        var writer = ledger.writerOfTheKey(job.ticket);
        if (writer.isPresent()) {
            awaitEarlierUploads(ledger.unfinishedOfTheKey(Set.of(writer.get()), job.ticket.source()), job);
        }
    }

    /**
     * Runs the importer; where what it validated on was written by imports that have not finished
     * ({@link UnfinishedWritersException}), the file is refused, unless one of them is another
     * upload of this file's key (one an earlier Intake marked without naming it the key's writer,
     * {@link #awaitTheKeysWriter}): then the earlier import's report, coming later, would replace
     * the refusal, and the upload would never be imported (found by review on 6 December 2026: a
     * corrected file dropped while the first was writing). So it waits for that import too, and
     * validates the file again from its first row once it has ended. A refusal over another key's
     * import stays at this key, where it is seen, and comes at once.
     */
    private ImportOutcome runWaitingForUnfinishedWriters(Importer importer, ImportFile file, Job job) throws IOException {
        while (true) {
            try {
                return importer.run(file, job);
            } catch (UnfinishedWritersException e) {
                var ofTheKey = ledger.unfinishedOfTheKey(e.writers(), job.ticket.source());
                if (ofTheKey.isEmpty()) {
                    return refused(job, importer, e.error());
                }
                awaitEarlierUploads(ofTheKey, job);
            }
        }
    }

    /**
     * Waits for {@code unfinished}, earlier uploads of the job's key, while a delivery works on
     * them or one is due to (Lambda's retry of one that gave its claim back); where one does not
     * end in this delivery (its own died, or no retry comes by itself, or it outlasts {@link
     * #MAX_WAIT} or half the time this invocation has left), this delivery gives the import back
     * for Lambda's retry ({@link EarlierUploadUnfinishedException}).
     */
    private void awaitEarlierUploads(Map<String, UnfinishedUpload> unfinished, Job job) {
        var left = waitWhileWorkedOn(unfinished, job);
        if (!left.isEmpty()) {
            // named as it stood at the last look: of two it waited for, one may have ended
            throw new EarlierUploadUnfinishedException(job.importId(), left.keySet().iterator().next());
        }
    }

    /**
     * Waits while a delivery works on one of {@code left}, unfinished uploads of the job's key, or
     * is due to ({@link UnfinishedUpload#workedOn}: a delivery renews its lease every quarter of it,
     * checked every eighth), and returns those still unfinished at the last look: none once they
     * have all ended. An upload of the key taken after this one ends this one SUPERSEDED as it
     * waits: the writer it waits for may be that later upload, and nothing of this one is to be
     * imported.
     */
    private Map<String, UnfinishedUpload> waitWhileWorkedOn(Map<String, UnfinishedUpload> left, Job job) {
        var budget = job.deadline.remaining().dividedBy(2);
        long polls = Math.min(MAX_WAIT.toMillis(), budget.toMillis()) / WAIT_POLL.toMillis();
        for (long poll = 0; poll < polls && !left.isEmpty(); poll++) {
            endIfSuperseded(job.ticket, job.claim.owner());
            var now = clock.instant();
            var renewedLately = now.plus(lease.dividedBy(2));
            if (left.values().stream().noneMatch(upload -> upload.workedOn(now, renewedLately))) {
                return left;
            }
            job.waiting();
            try {
                Thread.sleep(WAIT_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return left;
            }
            left = ledger.unfinishedOfTheKey(left.keySet(), job.ticket.source());
        }
        return left;
    }

    /**
     * Ends the import FAILED for {@code why}. What it had written, in this delivery or in one it
     * resumes (the limits may have been lowered in between), is undone first: never half a file.
     * The report counts the rows the import's passes read: none for a file refused before it was
     * read, all of them for one refused after validation (its ids used up, the file gone while the
     * commit read it again; until 5 December 2026 these said 0 too: found by review).
     */
    private static ImportOutcome refused(Job job, Importer importer, ImportError why) {
        if (!job.writing()) {
            job.errors().add(why);
            return new ImportOutcome.Failed(job.rowsRead());
        }
        job.beginRollback(new Rollback(List.of(why), job.rowsRead()));
        return importer.finishRollback(job);
    }

    private ImportReport report(ImportTicket ticket, Instant startedAt, ImportOutcome outcome, ErrorLog errors) {
        var status = switch (outcome) {
            case ImportOutcome.Failed f -> ImportStatus.FAILED;
            case ImportOutcome.Validated v -> ImportStatus.VALIDATED;
            case ImportOutcome.Committed c -> ImportStatus.SUCCEEDED;
        };
        var counts = switch (outcome) {
            case ImportOutcome.Failed f -> new Counts(f.rows(), 0, 0, errors.total());
            case ImportOutcome.Validated v -> new Counts(v.rows(), v.wouldCreate(), v.wouldUpdate(), errors.total());
            case ImportOutcome.Committed c -> new Counts(c.rows(), c.created().total(), c.updated(), errors.total());
        };
        var results = switch (outcome) {
            case ImportOutcome.Failed f -> ImportReport.Results.NONE;
            case ImportOutcome.Validated v -> new ImportReport.Results(CreatedSummary.NONE, v.wouldCreateLabels(), v.preview());
            case ImportOutcome.Committed c -> new ImportReport.Results(c.created(), c.createdLabels(), null);
        };
        return new ImportReport(ticket.importId(),
                new ImportReport.Origin(ticket.org(), ticket.importer(), ticket.mode().label(), ticket.source()),
                status, startedAt, clock.instant(), counts, new ImportReport.Problems(errors.kept(), errors.truncated()),
                results);
    }

    private static FailedRowsCsv openFailedRows(FailedRowsSpool spool, List<String> header) {
        try {
            var out = new OutputStreamWriter(spool.output(), StandardCharsets.UTF_8);
            out.write(SpreadsheetCsv.BYTE_ORDER_MARK); // so spreadsheet programs read the file as UTF-8
            return new FailedRowsCsv(out, header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * When the retry of a delivery that fails now is due, where one comes by itself (Lambda's);
     * null where none does. A later upload of the key waits until then for it, as it waits for a
     * delivery at work: given back beside it, it would race the retry, and after a deadline stop
     * spend its own attempts while the earlier one finishes (found by review "lambdaretries" on 7
     * December 2026: such a correction ended in the failure queue).
     */
    private Instant retryDueBy() {
        return retriedWithin.isZero() ? null : clock.instant().plus(retriedWithin);
    }

    private void releaseQuietly(String importId, String owner, Instant retryDueBy, Exception cause) {
        try {
            ledger.release(importId, owner, retryDueBy);
        } catch (RuntimeException releaseFailure) {
            cause.addSuppressed(releaseFailure);
        }
    }

    /** The running import as its importer sees it. */
    private final class Job implements ImportJob {
        private final ImportTicket ticket;
        private final Claim.Acquired claim;
        private final ErrorLog errors;
        private final Map<String, IdBlock> reserved;
        private final Deadline deadline;
        private final ProgressMeter meter;
        private final java.util.concurrent.ScheduledFuture<?> renewal;
        /** When the lease next needs renewing: a quarter of it after the last renewal. */
        private Instant renewalDue;
        /** Until when the lease last written holds: as the claim or the last renewal set it. */
        private volatile Instant leaseEnds;
        /**
         * Held while the lease is renewed. Not a monitor: the row thread passes over a renewal
         * under way rather than wait for it ({@link #keepAlive}).
         */
        private final java.util.concurrent.locks.ReentrantLock renewing = new java.util.concurrent.locks.ReentrantLock();
        private volatile boolean stopped;
        /**
         * Set as the import stops for its deadline: when the fence begins to refuse every write
         * attempt, {@link #FENCE_GRACE} on. The units out land as they would (ordinarily in
         * milliseconds); one a throttled table keeps backing off ends at its next try after.
         */
        private volatile Instant fenceClosesAt;
        private boolean writing;
        /** The journal as read in this delivery, with what it journaled since; null until read. */
        private List<JournalEntry> journalRead;
        private volatile LostClaimException lost;

        Job(ImportTicket ticket, Claim.Acquired claim, Instant leaseUntil, ErrorLog errors, Deadline deadline) {
            this.deadline = deadline;
            this.ticket = ticket;
            this.claim = claim;
            this.errors = errors;
            this.reserved = new java.util.concurrent.ConcurrentHashMap<>(claim.reserved());
            // As the claim wrote the lease, not from now: a claim tried again past conflicts (backing
            // off for a second or more) holds a lease partly spent, which the fence must not think
            // longer, and whose renewal may be due at once.
            this.leaseEnds = leaseUntil;
            this.renewalDue = leaseUntil.minus(lease).plus(renewAfter);
            this.meter = new ProgressMeter(ticket, listener, clock);
            long every = Math.max(1, lease.toMillis() / 8);
            this.renewal = leaseTimer.scheduleWithFixedDelay(this::renewOnTimer, every, every, TimeUnit.MILLISECONDS);
        }

        public String importId() {
            return ticket.importId();
        }

        public String org() {
            return ticket.org();
        }

        public ImportMode mode() {
            return ticket.mode();
        }

        public boolean resuming() {
            return claim.committing();
        }

        /** Whether this import has begun writing: in this delivery, or in an earlier one this one resumes. */
        boolean writing() {
            // an undo a retry finishes wrote too: it reports, superseded or not
            return writing || claim.committing() || claim.rollingBack();
        }

        public ErrorLog errors() {
            return errors;
        }

        public long peekIds(String sequence) {
            var earlier = reserved.get(sequence);
            if (earlier != null) {
                return earlier.first();
            }
            // a dry run predicts what a commit would get (review "dryrun"); a commit reserves, and
            // the reservation checks the stored ids itself: it need not read them twice (review "own52e")
            return ticket.mode() == ImportMode.VALIDATE ? ids.predict(ticket.org(), sequence) : ids.peek(ticket.org(), sequence);
        }

        public long reserveIds(String sequence, int count) {
            if (ticket.mode() == ImportMode.VALIDATE) {
                throw new IllegalStateException("a validation-only import reserves no ids");
            }
            var earlier = reserved.get(sequence);
            if (count == 0) {
                if (earlier != null && earlier.count() != 0) {
                    // an attempt that died before writing reserved some; this one, validated again, needs none
                    record(sequence, new IdBlock(earlier.first(), 0));
                }
                return 1;
            }
            if (earlier != null && earlier.count() == count) {
                return earlier.first();
            }
            return record(sequence, new IdBlock(ids.allocate(ticket.org(), sequence, count), count)).first();
        }

        private IdBlock record(String sequence, IdBlock block) {
            ledger.recordIds(ticket.importId(), claim.owner(), sequence, block);
            reserved.put(sequence, block);
            return block;
        }

        public Optional<IdBlock> reserved(String sequence) {
            return Optional.ofNullable(reserved.get(sequence));
        }

        public ResumePoint resumePoint() {
            return claim.resume();
        }

        public Optional<String> catalogFingerprint() {
            return Optional.ofNullable(claim.catalogFingerprint());
        }

        public void beginWrites(String catalogFingerprint) {
            ledger.markCommitting(ticket, claim.owner(), catalogFingerprint);
            writing = true;
        }

        public void journal(List<JournalEntry> entries) {
            ledger.appendJournal(ticket.importId(), claim.owner(), ticket.org(), entries);
            if (journalRead != null) {
                journalRead.addAll(entries);
            }
        }

        /**
         * Read once a delivery, and kept with what this delivery journals after: a resume reads it
         * to go on, and its undo read it again, the records twice in memory beside the held ones;
         * near the bound on what an import holds, every delivery of such an import ran out of
         * memory, and it stayed half written.
         */
        public List<JournalEntry> journal() {
            if (journalRead == null) {
                journalRead = new java.util.ArrayList<>(ledger.journal(ticket.importId()));
            }
            return java.util.Collections.unmodifiableList(journalRead);
        }

        public void commitProgress(ResumePoint point) {
            ledger.recordProgress(ticket.importId(), claim.owner(), point);
        }

        public Set<String> unfinishedImports(Collection<String> importIds) {
            return ledger.unfinished(importIds);
        }

        public void beginRollback(Rollback why) {
            ledger.markRollingBack(ticket.importId(), claim.owner(), why);
        }

        public Rollback rollback() {
            return ledger.rollback(ticket.importId());
        }

        public void recordCreatedLabels(CreatedLabels labels) {
            ledger.recordCreatedLabels(ticket.importId(), claim.owner(), labels);
        }

        public CreatedLabels createdLabels() {
            return ledger.createdLabels(ticket.importId());
        }

        /**
         * Stops the import when the invocation is about to time out or another delivery took it
         * over; renews the lease if the timer has not lately (cheap: a clock read, mostly).
         */
        public void keepAlive() {
            if (lost != null) {
                throw lost;
            }
            if (deadline.remaining().compareTo(DEADLINE_MARGIN) < 0) {
                // what is out still backing off then ends at its next attempt (a throttled
                // batch's retries wait seconds each), so the stop's wait for it ends within the margin
                if (fenceClosesAt == null) {
                    fenceClosesAt = clock.instant().plus(FENCE_GRACE);
                }
                throw new DeadlineReachedException(ticket.importId());
            }
            // A renewal under way on the timer (throttled, the SDK backing off) is not waited for:
            // the row thread goes on, and looks at the deadline again at its next row (found by
            // review "leasethrottle" on 7 December 2026: it waited half a minute, past the timeout).
            if (renewing.tryLock()) {
                try {
                    renewIfDue();
                } finally {
                    renewing.unlock();
                }
            }
        }

        public void progress(ImportProgress.Phase phase, long rowsDone) {
            meter.rowsDone(phase, rowsDone);
        }

        /** Waiting for other imports to finish ({@link #waitWhileWorkedOn}): still alive, and says so. */
        void waiting() {
            keepAlive();
            meter.rowsDone(ImportProgress.Phase.WAITING, 0); // no rows done, no rate: the total is what was read
        }

        @Override
        public void undone(long items, long of) {
            meter.undone(items, of);
        }

        public LeaseFence leaseFence() {
            return this::checkLease;
        }

        /**
         * The fence every write of this import passes as it goes out (each attempt of each
         * request): refused where another delivery took the import over, or where less of the lease
         * is left than the margin a request needs to land (a tenth of the lease; its renewals
         * failed, or the process stalled). Once the lease has run out a retry may take the import
         * over and undo it, and a write landing after that undo would stay: a FAILED import that
         * changed records (found by review on 5 December 2026: {@code StalledOwnerTest}). What
         * this cannot stop is a pause between this check and the request reaching DynamoDB
         * (docs/lifecycle.md).
         */
        private void checkLease() {
            if (lost != null) {
                throw lost;
            }
            var now = clock.instant();
            var closes = fenceClosesAt;
            if (closes != null && !now.isBefore(closes)) {
                throw new DeadlineReachedException(ticket.importId());
            }
            var ends = leaseEnds;
            if (!now.isBefore(ends.minus(sendMargin))) {
                throw new LeaseRunningOutException(ticket.importId(), ends);
            }
        }

        /**
         * The rows the import's passes read (the scan's count: every importer scans first), the
         * report's count where the import is refused.
         */
        int rowsRead() {
            return (int) meter.rowsScanned();
        }

        /**
         * Renews once a quarter of the lease has passed, so a live import never loses it, and its
         * writes keep well clear of the fence ({@link #checkLease}; a third until 5 December 2026,
         * when one-second test leases left a renewal 0.4 s to land). The timer calls this every
         * eighth of the lease, whatever the import is doing (waiting on writes included), and
         * keepAlive at every row, which mostly finds it due first. A renewal that fails (throttled
         * past the SDK's retries) is tried again a twentieth of the lease later, from either, while
         * a quarter of the lease is left; then the failure stops the import, which another delivery
         * may soon take over (until 5 December 2026 one failure on the row thread stopped it at
         * once: found by review).
         */
        /** Called holding {@link #renewing}. */
        private void renewIfDue() {
            if (stopped) {
                return;
            }
            // keepAlive calls this for every row: an instant compared, nothing computed
            var now = clock.instant();
            if (now.isBefore(renewalDue)) {
                return;
            }
            try {
                renewFrom(now);
            } catch (LostClaimException lostClaim) {
                lost = lostClaim; // for the fence too: writes on other threads must stop at once
                throw lostClaim;
            } catch (RuntimeException failure) {
                // the time now, not before the call: throttling past the SDK's retries takes a while
                var failedAt = clock.instant();
                if (!failedAt.isBefore(leaseEnds.minus(renewAfter))) {
                    throw failure;
                }
                renewalDue = failedAt.plus(renewAfter.dividedBy(5));
            }
        }

        private void renewOnTimer() {
            renewing.lock();
            try {
                renewIfDue();
            } catch (LostClaimException e) {
                renewal.cancel(false);
            } catch (RuntimeException leaseRunningOut) {
                // keepAlive meets the failure too, at the next row, and stops the import
            } finally {
                renewing.unlock();
            }
        }

        /**
         * Before the report: renews the lease once, on this delivery's claim, and throws
         * {@link LostClaimException} where another delivery took the import over. An owner stalled
         * past its lease after its commit put its report over the one of the delivery that took
         * over, or of a later upload, before its finish was refused.
         */
        void confirmClaim() {
            renewing.lock();
            try {
                if (lost != null) {
                    throw lost;
                }
                renewFrom(clock.instant());
            } finally {
                renewing.unlock();
            }
        }

        /**
         * What a renewal may take: a quarter of the lease (it is due again then, and a failed one
         * is tried again while a quarter is left: review "own52e" found half the lease left no
         * retry), and not into the deadline's margin, so that whoever waits on it (the row thread,
         * the stop) still sees the deadline in time; at least {@link #MIN_RENEWAL}.
         */
        private Duration renewalTimeout() {
            var timeout = deadline.remaining().minus(DEADLINE_MARGIN);
            if (timeout.compareTo(renewAfter) > 0) {
                timeout = renewAfter;
            }
            return timeout.compareTo(MIN_RENEWAL) < 0 ? MIN_RENEWAL : timeout;
        }

        /** Renews the lease from {@code now}: until when it holds, and when it is next due. */
        private void renewFrom(Instant now) {
            ledger.renew(ticket.importId(), claim.owner(), now.plus(lease), renewalTimeout());
            leaseEnds = now.plus(lease);
            // not before half a quarter from its answer: a renewal slower than a quarter of the
            // lease was due again as it returned, and every row renewed, holding the job's lock
            // (found by review on 5 December 2026: a 720-row import ran for twelve minutes)
            var answered = clock.instant().plus(renewAfter.dividedBy(2));
            renewalDue = answered.isAfter(now.plus(renewAfter)) ? answered : now.plus(renewAfter);
        }

        /**
         * Stops the timer, and returns once no renewal is under way: one landing after the release
         * that follows would take the lease back. A throttled renewal is waited for only while the
         * invocation has time; past that, a renewal that lands late holds the lease a little longer
         * (at most the lease: under a minute, less than Lambda's first retry waits).
         */
        void stopRenewing() {
            stopped = true;
            renewal.cancel(false);
            var wait = deadline.remaining().minus(STOP_MARGIN);
            try {
                if (renewing.tryLock(Math.max(0, wait.toMillis()), TimeUnit.MILLISECONDS)) {
                    renewing.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
