package dev.intake.testing;

import dev.intake.core.report.CreatedLabels;
import dev.intake.core.imports.Claim;
import dev.intake.core.imports.IdBlock;
import dev.intake.core.imports.ImportLedger;
import dev.intake.core.imports.ImportTicket;
import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.ResumePoint;
import dev.intake.core.imports.LostClaimException;
import dev.intake.core.imports.Rollback;
import dev.intake.core.report.SourceObject;
import dev.intake.core.imports.UnfinishedUpload;
import dev.intake.core.imports.UploadSupersededException;
import dev.intake.core.imports.WrittenErrorsCsv;
import dev.intake.core.report.ImportReport;
import java.time.Instant;
import java.util.HashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * An {@link ImportLedger} with the claim semantics of the imports table: a finished import is
 * {@link Claim.Finished}; a live lease is {@link Claim.Busy}; an expired (or released) lease is
 * taken over, resuming the commit when the earlier owner had begun writing. Every change but a
 * claim requires the current owner, else {@link LostClaimException}.
 */
public final class InMemoryImportLedger implements ImportLedger {

    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "VALIDATED", "FAILED", "SUPERSEDED");

    /** One import's row in the ledger. */
    public static final class Entry {
        public String status = "RUNNING";
        public String owner;
        public Instant leaseUntil;
        public Instant retryDueBy;
        public Instant startedAt;
        /** The upload as its first delivery's event named it. */
        public SourceObject upload;
        public final Map<String, IdBlock> reserved = new HashMap<>();
        public ImportReport report;
        public String reportKey;
        public String errorsKey;
        public final List<WrittenErrorsCsv> errorsCsvs = new ArrayList<>();
        public int attempts;
        public final List<JournalEntry> journal = new ArrayList<>();
        public ResumePoint resume = ResumePoint.NONE;
        public String catalogFingerprint;
        /** The later upload's sequencer, when the import ended SUPERSEDED. */
        public String supersededBy;
        public Rollback rollback = Rollback.UNKNOWN;
        public CreatedLabels createdLabels = CreatedLabels.NONE;
        public int renewals;
        /** Calls to {@link #release}, by any owner. */
        public int releases;
        /** "renew" and "release", in the order they landed. */
        public final List<String> leaseChanges = java.util.Collections.synchronizedList(new ArrayList<>());
    }

    private final Map<String, Entry> entries = new HashMap<>();
    /** By {@link ImportTicket#keyId()}: the newest upload of each key that was claimed, as ImportsTable keeps it. */
    private final Map<String, NewestUpload> newestUploads = new HashMap<>();

    /** By {@link ImportTicket#keyId()}: the import of each key that last began writing, as DynamoImportLedger keeps it. */
    private final Map<String, String> writers = new java.util.concurrent.ConcurrentHashMap<>();

    private record NewestUpload(String order, String sequencer, SourceObject source) {}
    private volatile Runnable beforeRenewal = () -> { };
    private volatile Runnable beforeClaim = () -> { };

    public Entry entry(String importId) {
        return entries.get(importId);
    }

    public int size() {
        return entries.size();
    }

    /** Another delivery takes the import over behind the current owner's back. */
    public void takeOver(String importId, String newOwner) {
        entries.get(importId).owner = newOwner;
    }

    @Override
    public Claim claim(ImportTicket ticket, String owner, Instant now, Instant leaseUntil) {
        beforeClaim.run();
        var entry = entries.get(ticket.importId());
        var order = ticket.uploadOrder().orElse(null);
        var later = laterThan(ticket);
        if (entry == null && later != null) {
            return new Claim.Superseded(later.sequencer());
        }
        if (entry == null) {
            if (order != null) {
                newestUploads.put(ticket.keyId(), new NewestUpload(order, ticket.source().sequencer(), ticket.source()));
            }
            entry = new Entry();
            entry.owner = owner;
            entry.leaseUntil = leaseUntil;
            entry.startedAt = now;
            entry.attempts = 1;
            entry.upload = ticket.source();
            entries.put(ticket.importId(), entry);
            return new Claim.Acquired(owner, now, ticket.source());
        }
        if ("SUPERSEDED".equals(entry.status)) {
            return new Claim.Superseded(entry.supersededBy);
        }
        if (FINISHED.contains(entry.status)) {
            return new Claim.Finished(entry.status, entry.reportKey);
        }
        if (entry.leaseUntil.isAfter(now)) {
            return new Claim.Busy(entry.leaseUntil);
        }
        if ("RUNNING".equals(entry.status) && later != null) {
            // as DynamoImportLedger: an attempt that never wrote is not taken over past a later upload,
            // and its owner is fenced off
            superseded(entry, later);
            entry.owner = owner;
            return new Claim.Superseded(later.sequencer());
        }
        entry.owner = owner;
        entry.leaseUntil = leaseUntil;
        entry.attempts++;
        if ("RUNNING".equals(entry.status)) {
            entry.journal.clear(); // as DynamoImportLedger: a journal begun before COMMITTING starts over
        }
        return new Claim.Acquired(owner, "COMMITTING".equals(entry.status), "ROLLING_BACK".equals(entry.status),
                entry.reserved, entry.startedAt, entry.resume, entry.catalogFingerprint, entry.upload);
    }

    @Override
    public void renew(String importId, String owner, Instant leaseUntil) {
        beforeRenewal.run();
        owned(importId, owner).leaseUntil = leaseUntil;
        entries.get(importId).renewals++;
        entries.get(importId).leaseChanges.add("renew");
    }

    /** Runs before each claim lands: a claim slow to reach the table (tried again past conflicts, backing off). */
    public void beforeClaim(Runnable hook) {
        beforeClaim = hook;
    }

    /** Runs before each renewal lands, on the renewing thread: a renewal slow to reach the table. */
    public void beforeRenewal(Runnable hook) {
        beforeRenewal = hook;
    }

    @Override
    public void recordIds(String importId, String owner, String sequence, IdBlock block) {
        owned(importId, owner).reserved.put(sequence, block);
    }

    @Override
    public void markCommitting(ImportTicket ticket, String owner, String catalogFingerprint) {
        var entry = owned(ticket.importId(), owner);
        var later = laterThan(ticket);
        if (later != null) {
            // as DynamoImportLedger: a later upload of the key taken while this one validated
            superseded(entry, later);
            throw new UploadSupersededException(ticket.importId(), later.sequencer());
        }
        entry.status = "COMMITTING";
        entry.catalogFingerprint = catalogFingerprint;
        if (ticket.uploadOrder().isPresent()) {
            writers.put(ticket.keyId(), ticket.importId());
        }
    }

    @Override
    public synchronized Optional<String> writerOfTheKey(ImportTicket ticket) {
        return Optional.ofNullable(writers.get(ticket.keyId())).filter(id -> !id.equals(ticket.importId()));
    }

    @Override
    public void recordErrorsCsv(String importId, String owner, WrittenErrorsCsv written) {
        owned(importId, owner).errorsCsvs.add(written);
    }

    @Override
    public List<WrittenErrorsCsv> errorsCsvsWritten(String importId) {
        var entry = entries.get(importId);
        return entry == null ? List.of() : List.copyOf(entry.errorsCsvs);
    }

    @Override
    public void errorsCsvTakenBack(String importId) {
        entries.get(importId).errorsCsvs.clear();
    }

    @Override
    public Optional<String> endIfSuperseded(ImportTicket ticket, String owner) {
        var entry = owned(ticket.importId(), owner);
        var later = laterThan(ticket);
        if (later == null) {
            return Optional.empty();
        }
        superseded(entry, later);
        return Optional.of(later.sequencer());
    }

    private static void superseded(Entry entry, NewestUpload later) {
        entry.status = "SUPERSEDED";
        entry.supersededBy = later.sequencer();
    }

    @Override
    public synchronized Optional<SourceObject> lastUploadTaken(ImportTicket ticket, Supplier<Optional<String>> versionBefore) {
        var newest = ticket.uploadOrder().isEmpty() ? null : newestUploads.get(ticket.keyId());
        return newest == null ? Optional.empty() : Optional.of(newest.source());
    }

    @Override
    public synchronized boolean recordCopyOfLastUpload(ImportTicket copy, SourceObject copied) {
        var order = copy.uploadOrder().orElse(null);
        var newest = newestUploads.get(copy.keyId());
        if (newest != null && !ImportTicket.idOf(newest.source()).equals(ImportTicket.idOf(copied))) {
            return false; // as DynamoImportLedger: another upload was taken since the copy was compared
        }
        if (order != null && newest != null && newest.order().compareTo(order) < 0) {
            newestUploads.put(copy.keyId(), new NewestUpload(order, copy.source().sequencer(), newest.source()));
        }
        return true;
    }

    /** The key's newest upload, where it is later than the ticket's; null otherwise, or for an unordered ticket. */
    private NewestUpload laterThan(ImportTicket ticket) {
        var order = ticket.uploadOrder().orElse(null);
        var newest = newestUploads.get(ticket.keyId());
        // as DynamoImportLedger: a copy of this upload onto its key is no later upload for its own import
        return order != null && newest != null && newest.order().compareTo(order) > 0
                && !ImportTicket.idOf(newest.source()).equals(ticket.importId()) ? newest : null;
    }

    @Override
    public void markRollingBack(String importId, String owner, Rollback why) {
        owned(importId, owner).status = "ROLLING_BACK";
        owned(importId, owner).rollback = why;
    }

    @Override
    public Set<String> unfinished(Collection<String> importIds) {
        return importIds.stream().filter(id -> entries.get(id) != null && !FINISHED.contains(entries.get(id).status))
                .collect(Collectors.toSet());
    }

    @Override
    public synchronized Map<String, UnfinishedUpload> unfinishedOfTheKey(Collection<String> importIds, SourceObject source) {
        return unfinished(importIds).stream().filter(id -> entries.get(id).upload.bucket().equals(source.bucket())
                        && entries.get(id).upload.key().equals(source.key()))
                .collect(Collectors.toMap(id -> id, id -> new UnfinishedUpload(entries.get(id).leaseUntil, entries.get(id).retryDueBy)));
    }

    @Override
    public Rollback rollback(String importId) {
        return entries.get(importId).rollback;
    }

    @Override
    public synchronized void recordCreatedLabels(String importId, String owner, CreatedLabels labels) {
        owned(importId, owner).createdLabels = labels;
    }

    @Override
    public synchronized CreatedLabels createdLabels(String importId) {
        return entries.get(importId).createdLabels;
    }

    @Override
    public void appendJournal(String importId, String owner, String org, List<JournalEntry> entries) {
        owned(importId, owner).journal.addAll(entries);
    }

    @Override
    public void recordProgress(String importId, String owner, ResumePoint point) {
        owned(importId, owner).resume = point;
    }

    @Override
    public List<JournalEntry> journal(String importId) {
        var entry = entries.get(importId);
        return entry == null ? List.of() : List.copyOf(entry.journal);
    }

    @Override
    public void finish(String importId, String owner, ImportReport report, String reportKey, String errorsKey) {
        var entry = owned(importId, owner);
        entry.status = report.status().name();
        entry.report = report;
        entry.reportKey = reportKey;
        entry.errorsKey = errorsKey;
        entry.leaseUntil = Instant.EPOCH;
    }

    @Override
    public void release(String importId, String owner, Instant retryDueBy) {
        var entry = entries.get(importId);
        if (entry == null) {
            return;
        }
        entry.releases++;
        entry.leaseChanges.add("release");
        if (entry.owner.equals(owner)) {
            entry.leaseUntil = Instant.EPOCH;
            entry.retryDueBy = retryDueBy;
        }
    }

    private Entry owned(String importId, String owner) {
        var entry = entries.get(importId);
        if (entry == null || !entry.owner.equals(owner)) {
            throw new LostClaimException(importId);
        }
        return entry;
    }
}
