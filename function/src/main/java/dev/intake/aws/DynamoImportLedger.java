package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.imports.Claim;
import dev.intake.core.imports.IdBlock;
import dev.intake.core.imports.ImportLedger;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.imports.ImportTicket;
import dev.intake.core.imports.LostClaimException;
import dev.intake.core.imports.Rollback;
import dev.intake.core.imports.UnfinishedUpload;
import dev.intake.core.imports.UploadSupersededException;
import dev.intake.core.imports.WrittenErrorsCsv;
import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.ResumePoint;
import dev.intake.core.report.CreatedLabels;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.report.ImportReport;
import dev.intake.core.report.SourceObject;
import dev.intake.core.report.Timestamps;
import dev.intake.core.report.Uploader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link ImportLedger} on ImportsTable. Every state change is a conditional write on the claim's
 * owner, so a delivery that lost its lease can never overwrite the one that took over.
 */
public final class DynamoImportLedger implements ImportLedger {

    /** An import that stopped before writing, and was not taken over because a later upload of its key was. */
    private static final String SUPERSEDED = "SUPERSEDED";
    private static final Set<String> FINISHED = Set.of("SUCCEEDED", "VALIDATED", "FAILED", SUPERSEDED);
    /** Ends an import SUPERSEDED, naming the later upload; each caller adds its own condition. */
    private static final String END_SUPERSEDED = "SET #status = :superseded, supersededBy = :later, finishedAt = :now";

    /** Journal items' keys: {@code <importId>/journal/<n>}; never a claim's key (claims are hex). */
    public static final String JOURNAL = "/journal/";
    /**
     * Key of the item per object key that holds its newest claimed upload:
     * {@code <digest of bucket and key>/newest-upload}.
     */
    public static final String NEWEST_UPLOAD = "/newest-upload";
    private static final String NEW_CLAIM = "attribute_not_exists(importId)";
    /**
     * On a key's newest-upload item, its upload's order ({@link ImportTicket#uploadOrder}). Named
     * anew when the order's padding was corrected (6 December 2026). An item an earlier Intake
     * wrote last has only the old, left-padded {@code uploadOrder}, or a rank of another sequencer:
     * it is ranked from its own sequencer where a claim, a mark COMMITTING or a copy meets it
     * ({@link #rankedIfNeeded}). Every write keeps {@code uploadOrder} beside it, for an earlier
     * version still running during a deploy compares that: removed, it let such a version commit an
     * older file over a later one.
     */
    private static final String ORDER = "uploadRank";
    /**
     * The sequencer {@link #ORDER} was computed from. An earlier version still running during a
     * deploy sets {@code sequencer} but not the rank: where the two differ, the rank is stale, and
     * is computed again before it is compared.
     */
    private static final String RANKED = "rankedSequencer";
    /** An item's rank, where it is of the item's own sequencer, is at most {@code :order}. */
    private static final String RANK_AT_MOST = "(" + ORDER + " <= :order AND " + RANKED + " = sequencer)";
    /** An item's rank, where it is of the item's own sequencer, is below {@code :order}. */
    private static final String RANK_BELOW = "(" + ORDER + " < :order AND " + RANKED + " = sequencer)";
    private static final String LEGACY_ORDER = "uploadOrder";
    /**
     * On a key's newest-upload item, for a copy of the upload {@code :copied} recorded over it: a later
     * upload stays the newest; and only over the upload compared: with another taken since, a restore of
     * the first let the other in. An item written before 4 December
     * 2026 names no import: there the upload compared is the one whose sequencer it holds, or it has none.
     * One an earlier Intake wrote last is ranked first ({@link #rankedIfNeeded}: found by review on 6
     * December 2026, the copy was not recorded, and an older upload's late event imported over it).
     */
    private static final String STILL_LAST_TAKEN = "(" + RANK_BELOW + " AND lastImportId = :copied)"
            + " OR (attribute_not_exists(lastImportId) AND (attribute_not_exists(sequencer)"
            + " OR (" + RANK_BELOW + " AND sequencer = :copiedSequencer)))";
    /**
     * On a key's newest-upload item: no upload of the key later than this one ({@code :order}) was taken. A copy of the last upload taken onto its
     * own key moves its order but not {@code lastImportId}: that upload's own import still
     * passes (found by review on 5 December 2026: it ended SUPERSEDED, imported by neither).
     */
    private static final String NO_LATER_UPLOAD =
            "attribute_not_exists(sequencer) OR " + RANK_AT_MOST + " OR lastImportId = :importId";
    /**
     * As {@link #NO_LATER_UPLOAD}, for a new claim that commits: nor one as late. S3 gives each
     * upload of a key its own sequencer, so an event of an upload already taken under another
     * import id is that upload named otherwise (a hand-written event without its versionId), and
     * would import the file a second time (found by review "lateredrive" on 7 December 2026). A
     * dry run may run again so: it writes nothing but its report (events/README.md replays one).
     */
    private static final String NO_UPLOAD_AS_LATE = "attribute_not_exists(sequencer) OR " + RANK_BELOW + " OR lastImportId = :importId";
    /**
     * On a key's newest-upload item, the import of the key that last began writing ({@link
     * #markCommitting}): a later upload waits while it has not ended, so that the key's last
     * report is the later file's. Until 7 December 2026 only an upload reading records that import
     * wrote waited; one touching none was imported beside it, and where the earlier finished last,
     * the key's report was the earlier file's (found by review "serveconc"). Absent where an
     * earlier Intake marked the import.
     */
    private static final String WRITER = "writingImportId";
    /** When the retry of a delivery that gave its claim back is due (epoch milliseconds), where one comes by itself. */
    private static final String RETRY_DUE_BY = "retryDueBy";
    private static final String CONDITION_FAILED = "ConditionalCheckFailed";
    /** A cancelled transaction's reason for an item that was not at fault. */
    private static final String NO_REASON = "None";
    /** Tries of a claim whose transaction conflicts with another delivery's on the same key. */
    private static final int CLAIM_TRIES = DynamoBatches.TRANSACTION_CONFLICT_ATTEMPTS;
    /** A journal item's entries, compressed into one binary value (PackedAttributes). */
    static final String PACKED_ENTRIES = "packedEntries";
    /** Before-states per journal item, at most: a few dozen KB of inventory once packed. */
    private static final int ENTRIES_PER_ITEM = 100;
    /**
     * Packed bytes per journal item, at most (DynamoDB takes 400 KB an item): a hundred pages of
     * PO lines with long descriptions pack to more, and are split over more items.
     */
    private static final int PACKED_BYTES_PER_ITEM = 300_000;
    /** Packed journal bytes an append holds before it writes them: eighty items at the least, a few rounds of batches. */
    private static final long JOURNAL_BYTES_PER_WRITE = 24L << 20;
    static final int JOURNAL_DAYS = 30;
    /**
     * Reasons for an undo kept on the claim: each names at most 1,000 rows and 400 characters of
     * message, so ten keep the claim well under DynamoDB's 400 KB.
     */
    private static final int ROLLBACK_REASONS_KEPT = 10;

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    private final String table;

    public DynamoImportLedger(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null);
    }

    /** With batched reads and writes sent on {@code executor}, several at a time (null: one at a time). */
    public DynamoImportLedger(DynamoDbClient dynamo, String table, java.util.concurrent.Executor executor) {
        this.dynamo = dynamo;
        this.batches = new DynamoBatches(dynamo, executor);
        this.table = table;
    }

    /** Whether an item of ImportsTable, by its key, is an import's (not a journal's, nor a key's newest upload). */
    public static boolean isImport(String importId) {
        return !importId.contains(JOURNAL) && !importId.endsWith(NEWEST_UPLOAD);
    }

    @Override
    public Claim claim(ImportTicket ticket, String owner, Instant now, Instant leaseUntil) {
        var order = ticket.uploadOrder();
        if (order.isPresent()) {
            return claimInOrder(ticket, order.get(), owner, now, leaseUntil);
        }
        try {
            dynamo.putItem(b -> b.tableName(table).item(newClaim(ticket, owner, now, leaseUntil))
                    .conditionExpression(NEW_CLAIM)
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return new Claim.Acquired(owner, now, ticket.source());
        } catch (ConditionalCheckFailedException e) {
            var existing = e.hasItem() ? e.item() : get(ticket.importId());
            return existingClaim(ticket, existing, owner, now, leaseUntil);
        }
    }

    /**
     * A new claim and the key's newest upload move together, in one transaction: the claim only
     * where no later upload of the key was claimed. An import already claimed goes the way it
     * always did ({@link #existingClaim}); it is looked up first, so that no transaction touches
     * a claim its owner is working on (DynamoDB refuses the owner's writes to an item in a
     * transaction). Two deliveries of one key at the same moment conflict; a few tries, backing
     * off as for every transaction, settle which came first.
     */
    private Claim claimInOrder(ImportTicket ticket, String order, String owner, Instant now, Instant leaseUntil) {
        var known = get(ticket.importId());
        if (known != null && !known.isEmpty()) {
            return existingClaim(ticket, known, owner, now, leaseUntil);
        }
        var claim = TransactWriteItem.builder().put(p -> p.tableName(table).item(newClaim(ticket, owner, now, leaseUntil))
                .conditionExpression(NEW_CLAIM)
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
        var newest = TransactWriteItem.builder().update(u -> u.tableName(table).key(key(newestUploadKey(ticket)))
                .updateExpression(newestUploadIs(":importId"))
                .conditionExpression(ticket.mode() == ImportMode.COMMIT ? NO_UPLOAD_AS_LATE : NO_LATER_UPLOAD)
                .expressionAttributeNames(NEWEST_UPLOAD_NAMES)
                .expressionAttributeValues(newestUploadValues(ticket, order, Map.of(":importId", s(ticket.importId()))))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
        return withNewestUpload(claim, newest, (claimed, later) -> {
            if (CONDITION_FAILED.equals(claimed.code())) {
                var existing = claimed.hasItem() ? claimed.item() : get(ticket.importId());
                return Optional.of(existingClaim(ticket, existing, owner, now, leaseUntil));
            }
            // only where the claim itself would have gone through (a conflict on it may hide a claim)
            if (CONDITION_FAILED.equals(later.code()) && NO_REASON.equals(claimed.code())) {
                var taken = sequencerOf(later);
                return Optional.<Claim>of(ImportTicket.orderOf(taken).equals(Optional.of(order))
                        ? new Claim.TakenAs(str(later.item(), "lastImportId")) : new Claim.Superseded(taken));
            }
            return Optional.empty();
        }).orElseGet(() -> new Claim.Acquired(owner, now, ticket.source()));
    }

    /**
     * Sends a transaction of an import's item and its key's newest-upload item, waiting out
     * conflicts with another delivery's. Empty when it went through; else what {@code cancelled}
     * makes of the two items' cancellation reasons, where it makes something of them (a
     * cancellation it does not, a conflict, is tried again, up to {@link #CLAIM_TRIES} times).
     */
    private <T> Optional<T> withNewestUpload(TransactWriteItem onImport, TransactWriteItem onNewest,
                                             BiFunction<CancellationReason, CancellationReason, Optional<T>> cancelled) {
        int ranked = 0;
        for (int attempt = 1; ; attempt++) {
            DynamoBatches.backOff(attempt - ranked);
            try {
                dynamo.transactWriteItems(b -> b.transactItems(onImport, onNewest));
                return Optional.empty();
            } catch (TransactionCanceledException e) {
                var reasons = e.cancellationReasons();
                // the key's item, as an earlier Intake left it, is ranked and the transaction sent again: no conflict
                if (NO_REASON.equals(reasons.get(0).code()) && ranked < CLAIM_TRIES && rankedNow(reasons.get(1))) {
                    ranked++;
                    continue;
                }
                var outcome = cancelled.apply(reasons.get(0), reasons.get(1));
                if (outcome.isPresent()) {
                    return outcome;
                }
                if (attempt - ranked >= CLAIM_TRIES) {
                    throw e;
                }
            }
        }
    }

    /** The sequencer of an upload of the ticket's key claimed after it was, if one was: why it was not imported (for tools). */
    public Optional<String> laterUploadThan(ImportTicket ticket) {
        var order = ticket.uploadOrder();
        if (order.isEmpty()) {
            return Optional.empty();
        }
        var item = get(newestUploadKey(ticket));
        // the item's own sequencer: its stored rank, for conditions, may be an earlier Intake's stale one
        var newest = item == null ? Optional.<String>empty() : ImportTicket.orderOf(str(item, "sequencer"));
        return newest.isEmpty() || newest.get().compareTo(order.get()) <= 0
                || ticket.importId().equals(str(item, "lastImportId")) // only a copy of this upload came after it
                ? Optional.empty() : Optional.of(str(item, "sequencer"));
    }

    /**
     * The import the ticket's upload was taken as, where its key's newest upload is this upload
     * under another import id ({@link Claim.TakenAs}; for tools): empty otherwise.
     */
    public Optional<String> takenAsAnother(ImportTicket ticket) {
        var order = ticket.uploadOrder();
        var item = order.isEmpty() ? null : get(newestUploadKey(ticket));
        if (item == null || !ImportTicket.orderOf(str(item, "sequencer")).equals(order)) {
            return Optional.empty();
        }
        var taken = str(item, "lastImportId");
        return ticket.importId().equals(taken) ? Optional.empty()
                : Optional.of(Objects.requireNonNullElse(taken, "one an earlier Intake did not record"));
    }

    @Override
    public Optional<SourceObject> lastUploadTaken(ImportTicket ticket, Supplier<Optional<String>> versionBefore) {
        if (ticket.uploadOrder().isEmpty()) {
            return Optional.empty();
        }
        var newest = get(newestUploadKey(ticket));
        var named = newest == null ? null : str(newest, "lastImportId");
        if (named != null) {
            return claimedUpload(named);
        }
        // Written before the evening of 4 December 2026, the item names no import (and before 4 December 09:57
        // there was none; until 5 December they expired a month on): found by review on 5 December 2026, such a
        // key's copy was imported again. The upload it replaced is found, and compared only where it is the one
        // the item last recorded.
        var recorded = newest == null ? null : str(newest, "sequencer");
        return importReplacedBy(ticket.source(), recorded, versionBefore).flatMap(this::claimedUpload)
                .filter(last -> recorded == null || recorded.equals(last.sequencer()));
    }

    /**
     * The import of the upload {@code copy} replaced: on a versioned bucket the version before it;
     * on an unversioned one the upload of the copy's eTag with the sequencer the key's item last
     * recorded (the only one a copy with that eTag can have copied).
     */
    private static Optional<String> importReplacedBy(SourceObject copy, String recorded, Supplier<Optional<String>> versionBefore) {
        if (copy.versionId() != null) {
            return versionBefore.get().map(version ->
                    ImportTicket.idOf(new SourceObject(copy.bucket(), copy.key(), version, null, null, 0)));
        }
        return Optional.ofNullable(recorded).map(sequencer ->
                ImportTicket.idOf(new SourceObject(copy.bucket(), copy.key(), null, copy.eTag(), sequencer, 0)));
    }

    private Optional<SourceObject> claimedUpload(String importId) {
        var claim = get(importId);
        if (claim == null || claim.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(recordedUpload(claim, new SourceObject(str(claim, "bucket"), str(claim, "key"),
                str(claim, "versionId"), null, null, 0)));
    }

    /** The object version a claim recorded; what it does not hold (a claim of an older Intake), as {@code delivered} says. */
    private static SourceObject recordedUpload(Map<String, AttributeValue> claim, SourceObject delivered) {
        var uploader = claim.containsKey("uploader") ? claim.get("uploader").m() : null;
        return new SourceObject(delivered.bucket(), delivered.key(), delivered.versionId(),
                Objects.requireNonNullElse(str(claim, "eTag"), delivered.eTag()),
                Objects.requireNonNullElse(str(claim, "sequencer"), delivered.sequencer()),
                claim.containsKey("size") ? Long.parseLong(claim.get("size").n()) : delivered.size(),
                uploader == null ? delivered.uploader() : new Uploader(str(uploader, "principalId"), str(uploader, "sourceIp")));
    }

    @Override
    public boolean recordCopyOfLastUpload(ImportTicket copy, SourceObject copied) {
        var order = copy.uploadOrder();
        if (order.isEmpty()) {
            return true;
        }
        var copiedImportId = ImportTicket.idOf(copied);
        rankedIfNeeded(get(newestUploadKey(copy)));
        // another delivery's claim transaction on the item, for a moment, is waited out
        return ConditionalWrite.applied(() -> dynamo.updateItem(u -> u.tableName(table).key(key(newestUploadKey(copy)))
                .updateExpression(newestUploadIs(":copied"))
                .conditionExpression(STILL_LAST_TAKEN)
                .expressionAttributeNames(NEWEST_UPLOAD_NAMES)
                .expressionAttributeValues(newestUploadValues(copy, order.get(), Map.of(":copied", s(copiedImportId),
                        ":copiedSequencer", s(Objects.requireNonNullElse(copied.sequencer(), "")))))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)), notRecorded -> {
            var newest = notRecorded.hasItem() ? notRecorded.item() : get(newestUploadKey(copy));
            return copiedImportId.equals(str(newest, "lastImportId")); // else another upload was taken since
        });
    }

    private static final Map<String, String> NEWEST_UPLOAD_NAMES = Map.of("#bucket", "bucket", "#key", "key");

    /**
     * The update that makes a key's newest upload the one whose values {@link #newestUploadValues}
     * gives, taken by the import {@code lastImport} (a value's placeholder): a claim's, or the
     * upload a copy onto the key repeats. No expiry (those written before 5 December 2026 had
     * one, a month on): a copy of the file onto its own key can come years later, and must still
     * be told from a new file.
     */
    private static String newestUploadIs(String lastImport) {
        return "SET " + ORDER + " = :order, " + RANKED + " = :sequencer, " + LEGACY_ORDER + " = :legacyOrder,"
                + " sequencer = :sequencer, #bucket = :bucket, #key = :key, lastImportId = " + lastImport + " REMOVE expiresAt";
    }

    /** The values {@link #newestUploadIs} names, for {@code upload} of {@code order}, and {@code more} its condition names. */
    private static Map<String, AttributeValue> newestUploadValues(ImportTicket upload, String order,
                                                                  Map<String, AttributeValue> more) {
        var sequencer = upload.source().sequencer();
        var values = new HashMap<>(Map.of(":order", s(order), ":sequencer", s(sequencer),
                ":legacyOrder", s(ImportTicket.leftPaddedOrderOf(sequencer)),
                ":bucket", s(upload.source().bucket()), ":key", s(upload.source().key())));
        values.putAll(more);
        return values;
    }

    /** Whether a cancelled transaction's condition on the key's item failed on a rank it lacked: ranked now, so try again. */
    private boolean rankedNow(CancellationReason onNewestUpload) {
        return CONDITION_FAILED.equals(onNewestUpload.code()) && onNewestUpload.hasItem()
                && rankedIfNeeded(onNewestUpload.item());
    }

    /**
     * Gives a newest-upload item that an earlier Intake wrote last (its order only the old,
     * left-padded {@code uploadOrder}, or a rank of a sequencer it has since replaced) the rank of
     * its own sequencer, unless another write came meanwhile: whether it needed one.
     */
    private boolean rankedIfNeeded(Map<String, AttributeValue> item) {
        var sequencer = item == null ? null : str(item, "sequencer");
        var rank = ImportTicket.orderOf(sequencer);
        if (rank.isEmpty() || str(item, ORDER) != null && sequencer.equals(str(item, RANKED))) {
            return false;
        }
        ConditionalWrite.applied(() -> dynamo.updateItem(u -> u.tableName(table).key(key(str(item, "importId")))
                .updateExpression("SET " + ORDER + " = :rank, " + RANKED + " = :sequencer")
                .conditionExpression("sequencer = :sequencer")
                .expressionAttributeValues(Map.of(":rank", s(rank.get()), ":sequencer", s(sequencer)))));
        return true;
    }

    /** The later upload's sequencer, from the newest-upload item a cancelled transaction's condition found. */
    private static String sequencerOf(CancellationReason onNewestUpload) {
        return onNewestUpload.hasItem() ? str(onNewestUpload.item(), "sequencer") : null;
    }

    /** The item holding the newest upload of a key that was claimed (a claim's key is hex only). */
    private static String newestUploadKey(ImportTicket ticket) {
        return ticket.keyId() + NEWEST_UPLOAD;
    }

    /** An earlier delivery claimed it: finished, still running, or abandoned and ours to take over. */
    private Claim existingClaim(ImportTicket ticket, Map<String, AttributeValue> existing, String owner, Instant now,
                                Instant leaseUntil) {
        var importId = ticket.importId();
        var status = str(existing, "status");
        if (SUPERSEDED.equals(status)) {
            return new Claim.Superseded(str(existing, "supersededBy"));
        }
        if (FINISHED.contains(status)) {
            return new Claim.Finished(status, str(existing, "reportKey"));
        }
        var heldUntil = Instant.ofEpochMilli(Long.parseLong(existing.get("leaseUntil").n()));
        if (heldUntil.isAfter(now)) {
            return new Claim.Busy(heldUntil);
        }
        // An attempt that stopped before writing has nothing to finish or undo: once a later
        // upload of the key was claimed, taking it over would import the older file over it.
        var later = "RUNNING".equals(status) ? laterUploadThan(ticket) : Optional.<String>empty();
        if (later.isPresent()) {
            return supersede(importId, existing, owner, later.get(), now);
        }
        return takeOver(ticket, existing, owner, leaseUntil);
    }

    /**
     * Takes over an abandoned claim, on the condition that nobody did meanwhile (same owner, lease
     * and status as read); a delivery that lost that race finds the claim busy.
     */
    private Claim takeOver(ImportTicket ticket, Map<String, AttributeValue> existing, String owner, Instant leaseUntil) {
        var importId = ticket.importId();
        var status = str(existing, "status");
        var previousOwner = str(existing, "owner");
        var previousLease = existing.get("leaseUntil");
        // An attempt that never began writing may have left part of its up-front journal: the
        // taker validates again and journals afresh, so its journal starts after the items
        // numbered so far. Numbers are never handed out twice: an old owner's late put lands
        // under a number the new journal does not read. The status read is part of the
        // condition, so an owner marking COMMITTING meanwhile keeps its journal.
        boolean neverWrote = "RUNNING".equals(status);
        var update = "SET #owner = :owner, leaseUntil = :lease"
                + (neverWrote ? ", journalFrom = if_not_exists(journalItems, :zero), journalSince = :since" : "")
                + " ADD attempts :one";
        var values = new HashMap<>(Map.of(":owner", s(owner), ":lease", n(leaseUntil.toEpochMilli()),
                ":one", n(1), ":previousOwner", s(previousOwner), ":previousLease", previousLease,
                ":previousStatus", s(status)));
        if (neverWrote) {
            values.put(":zero", n(0));
            values.put(":since", journalStart()); // the journal starts afresh: a month-old claim's is set aside
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(importId))
                    .updateExpression(update)
                    .conditionExpression("#owner = :previousOwner AND leaseUntil = :previousLease AND #status = :previousStatus")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#status", "status"))
                    .expressionAttributeValues(values));
        } catch (ConditionalCheckFailedException anotherDeliveryWon) {
            return new Claim.Busy(null);
        }
        return new Claim.Acquired(owner, "COMMITTING".equals(status), "ROLLING_BACK".equals(status),
                reserved(existing.get("ids")), Instant.parse(str(existing, "startedAt")), resumePoint(existing),
                str(existing, "catalogFingerprint"), recordedUpload(existing, ticket.source()));
    }

    /**
     * Ends an abandoned RUNNING import as SUPERSEDED, on the same condition as a take-over, and
     * fences off its owner as a take-over does (the owner becomes this delivery): one still
     * running past its lease can no longer write to the claim.
     */
    private Claim supersede(String importId, Map<String, AttributeValue> existing, String owner, String laterSequencer,
                            Instant now) {
        var previousOwner = str(existing, "owner");
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(importId))
                    .updateExpression(END_SUPERSEDED + ", #owner = :owner")
                    .conditionExpression("#owner = :previousOwner AND leaseUntil = :previousLease AND #status = :running")
                    .expressionAttributeNames(Map.of("#owner", "owner", "#status", "status"))
                    .expressionAttributeValues(Map.of(":superseded", s(SUPERSEDED), ":later", s(laterSequencer),
                            ":now", s(Timestamps.text(now)), ":owner", s(owner), ":previousOwner", s(previousOwner),
                            ":previousLease", existing.get("leaseUntil"), ":running", s("RUNNING"))));
        } catch (ConditionalCheckFailedException anotherDeliveryWon) {
            return new Claim.Busy(null);
        }
        return new Claim.Superseded(laterSequencer);
    }

    /** Appended, never replaced: each attempt's version must go where the import is superseded. */
    @Override
    public void recordErrorsCsv(String importId, String owner, WrittenErrorsCsv written) {
        update(importId, owner,
                "SET errorsCsvKey = :key, errorsCsvVersions = list_append(if_not_exists(errorsCsvVersions, :none), :version)",
                Map.of(":key", s(written.key()), ":none", AttributeValue.fromL(List.of()),
                        ":version", AttributeValue.fromL(List.of(s(written.version())))));
    }

    @Override
    public List<WrittenErrorsCsv> errorsCsvsWritten(String importId) {
        var claim = dynamo.getItem(b -> b.tableName(table).key(key(importId)).consistentRead(true)
                .projectionExpression("errorsCsvKey, errorsCsvVersions")).item();
        if (claim == null || !claim.containsKey("errorsCsvVersions")) {
            return List.of();
        }
        var key = str(claim, "errorsCsvKey");
        return claim.get("errorsCsvVersions").l().stream().map(version -> new WrittenErrorsCsv(key, version.s())).toList();
    }

    /** Not conditional on the owner: the delivery that ended the import may not be the one that wrote it. */
    @Override
    public void errorsCsvTakenBack(String importId) {
        dynamo.updateItem(b -> b.tableName(table).key(key(importId))
                .updateExpression("REMOVE errorsCsvKey, errorsCsvVersions"));
    }

    @Override
    public void renew(String importId, String owner, Instant leaseUntil) {
        update(importId, owner, "SET leaseUntil = :lease", Map.of(":lease", n(leaseUntil.toEpochMilli())));
    }

    @Override
    public void renew(String importId, String owner, Instant leaseUntil, Duration within) {
        update(importId, owner, "SET leaseUntil = :lease", Map.of(":lease", n(leaseUntil.toEpochMilli())), Map.of(),
                override -> override.apiCallTimeout(within));
    }

    /** Stored as {@code ids: {<sequence>: {first, count}}}, one entry per sequence. */
    @Override
    public void recordIds(String importId, String owner, String sequence, IdBlock block) {
        var value = AttributeValue.fromM(Map.of("first", n(block.first()), "count", n(block.count())));
        update(importId, owner, "SET ids.#sequence = :block", Map.of(":block", value), Map.of("#sequence", sequence));
    }

    private static Map<String, IdBlock> reserved(AttributeValue ids) {
        var blocks = new HashMap<String, IdBlock>();
        if (ids != null && ids.hasM()) {
            ids.m().forEach((sequence, block) -> blocks.put(sequence,
                    new IdBlock(longValue(block.m(), "first"), longValue(block.m(), "count").intValue())));
        }
        return blocks;
    }

    private static ResumePoint resumePoint(Map<String, AttributeValue> claim) {
        var done = longValue(claim, "doneThroughRow");
        var started = longValue(claim, "startedThroughRow");
        return done == null || started == null ? ResumePoint.NONE : new ResumePoint(done.intValue(), started.intValue());
    }

    /** Stored as {@code doneThroughRow} and {@code startedThroughRow} on the claim. */
    @Override
    public void recordProgress(String importId, String owner, ResumePoint point) {
        update(importId, owner, "SET doneThroughRow = :done, startedThroughRow = :started",
                Map.of(":done", n(point.doneThrough()), ":started", n(point.startedThrough())));
    }

    @Override
    public void markCommitting(ImportTicket ticket, String owner, String catalogFingerprint) {
        var order = ticket.uploadOrder();
        if (order.isEmpty()) {
            update(ticket.importId(), owner, "SET #status = :status, catalogFingerprint = :catalog",
                    Map.of(":status", s("COMMITTING"), ":catalog", s(catalogFingerprint)));
            return;
        }
        markCommittingInOrder(ticket, order.get(), owner, catalogFingerprint);
    }

    /**
     * COMMITTING only while no later upload of the key was taken: one may have been while this
     * import validated, and its file is the one the user means. Checked in
     * the transaction that marks the import, so no later upload is taken in between; the same
     * write names the import the key's writer ({@link #WRITER}), for a later upload to wait for.
     */
    private void markCommittingInOrder(ImportTicket ticket, String order, String owner, String catalogFingerprint) {
        var mark = TransactWriteItem.builder().update(u -> u.tableName(table).key(key(ticket.importId()))
                .updateExpression("SET #status = :status, catalogFingerprint = :catalog")
                .conditionExpression("#owner = :me")
                .expressionAttributeNames(Map.of("#owner", "owner", "#status", "status"))
                .expressionAttributeValues(Map.of(":status", s("COMMITTING"), ":catalog", s(catalogFingerprint),
                        ":me", s(owner)))).build();
        var noLater = TransactWriteItem.builder().update(c -> c.tableName(table).key(key(newestUploadKey(ticket)))
                .updateExpression("SET " + WRITER + " = :importId")
                .conditionExpression(NO_LATER_UPLOAD)
                .expressionAttributeValues(Map.of(":order", s(order), ":importId", s(ticket.importId())))
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)).build();
        withNewestUpload(mark, noLater, (marked, later) -> {
            if (CONDITION_FAILED.equals(marked.code())) {
                throw new LostClaimException(ticket.importId());
            }
            if (CONDITION_FAILED.equals(later.code()) && NO_REASON.equals(marked.code())) {
                var sequencer = sequencerOf(later);
                endSuperseded(ticket.importId(), owner, sequencer);
                throw new UploadSupersededException(ticket.importId(), sequencer);
            }
            return Optional.empty();
        });
    }

    @Override
    public Optional<String> endIfSuperseded(ImportTicket ticket, String owner) {
        var later = laterUploadThan(ticket);
        later.ifPresent(sequencer -> endSuperseded(ticket.importId(), owner, sequencer));
        return later;
    }

    /** This delivery's own RUNNING import, ended before it wrote: a later upload of its key was taken. */
    private void endSuperseded(String importId, String owner, String laterSequencer) {
        update(importId, owner, END_SUPERSEDED,
                Map.of(":superseded", s(SUPERSEDED), ":later", s(String.valueOf(laterSequencer)),
                        ":now", s(Timestamps.text(Instant.now()))));
    }

    @Override
    public void markRollingBack(String importId, String owner, Rollback why) {
        var kept = why.reasons().stream().limit(ROLLBACK_REASONS_KEPT).map(DynamoImportLedger::reasonItem).toList();
        update(importId, owner, "SET #status = :status, rollbackReasons = :why, rollbackRows = :rows",
                Map.of(":status", s("ROLLING_BACK"), ":why", AttributeValue.fromL(kept), ":rows", n(why.fileRows())));
    }

    /** One {@code BatchGetItem} of their statuses per hundred. */
    @Override
    public Set<String> unfinished(Collection<String> importIds) {
        return unfinishedItems(importIds, List.of()).map(item -> str(item, "importId")).collect(Collectors.toSet());
    }

    /** Those of {@code importIds} that have not ended, each with the S3 key of its file: what an operator knows it by. */
    public Map<String, String> unfinishedKeys(Collection<String> importIds) {
        return unfinishedItems(importIds, List.of("key"))
                .collect(Collectors.toMap(item -> str(item, "importId"), item -> String.valueOf(str(item, "key"))));
    }

    @Override
    public Map<String, UnfinishedUpload> unfinishedOfTheKey(Collection<String> importIds, SourceObject source) {
        return unfinishedItems(importIds, List.of("leaseUntil", RETRY_DUE_BY, "bucket", "key", "journalSince", "startedAt"))
                .filter(item -> source.bucket().equals(str(item, "bucket")) && source.key().equals(str(item, "key")))
                .filter(item -> !journalExpired(item)) // found by review "lambdaretries": it held every later upload
                .collect(Collectors.toMap(item -> str(item, "importId"), item -> new UnfinishedUpload(
                        Instant.ofEpochMilli(item.containsKey("leaseUntil") ? longValue(item, "leaseUntil") : 0),
                        item.containsKey(RETRY_DUE_BY) ? Instant.ofEpochMilli(longValue(item, RETRY_DUE_BY)) : null)));
    }

    @Override
    public Optional<String> writerOfTheKey(ImportTicket ticket) {
        if (ticket.uploadOrder().isEmpty()) {
            return Optional.empty();
        }
        var newest = get(newestUploadKey(ticket));
        return Optional.ofNullable(newest == null ? null : str(newest, WRITER)).filter(id -> !id.equals(ticket.importId()));
    }

    /** The items of those of {@code importIds} that have not ended, with their id, status and {@code more}. */
    private Stream<Map<String, AttributeValue>> unfinishedItems(Collection<String> importIds, List<String> more) {
        var keys = importIds.stream().distinct().map(DynamoImportLedger::key).toList();
        var attributes = new ArrayList<>(List.of("importId", "status"));
        attributes.addAll(more);
        return batches.getAttributes(table, keys, attributes).stream()
                .filter(item -> str(item, "status") != null && !FINISHED.contains(str(item, "status")));
    }

    @Override
    public Rollback rollback(String importId) {
        var item = get(importId);
        var kept = item.get("rollbackReasons");
        var rows = item.get("rollbackRows"); // absent where an Intake from before 4 December 2026 began the undo
        if (kept == null && rows == null) {
            return Rollback.UNKNOWN;
        }
        return new Rollback(kept == null ? List.of() : kept.l().stream().map(reason -> reasonOf(reason.m())).toList(),
                rows == null ? 0 : Integer.parseInt(rows.n()));
    }

    @Override
    public void recordCreatedLabels(String importId, String owner, CreatedLabels labels) {
        update(importId, owner, "SET createdLabels = :labels, createdLabelsTruncated = :truncated",
                Map.of(":labels", AttributeValue.fromL(labels.shown().stream().map(Attr::s).toList()),
                        ":truncated", AttributeValue.fromBool(labels.truncated())));
    }

    @Override
    public CreatedLabels createdLabels(String importId) {
        var item = get(importId);
        var kept = item.get("createdLabels");
        if (kept == null) {
            return CreatedLabels.NONE;
        }
        var labels = kept.l().stream().map(AttributeValue::s).toList();
        var truncated = item.get("createdLabelsTruncated"); // absent where an Intake from before 5 December 2026 kept them all
        return truncated == null ? CreatedLabels.of(labels) : new CreatedLabels(labels, truncated.bool());
    }

    /** A reason as the claim keeps it: code, message, and the column and rows where it has them. */
    private static AttributeValue reasonItem(ImportError error) {
        var item = new HashMap<String, AttributeValue>();
        item.put("code", s(error.code().name()));
        item.put("message", s(error.message()));
        putIfPresent(item, "column", error.column());
        var rows = error.rows().isEmpty() && error.row() != null ? List.of(error.row()) : error.rows();
        item.put("rows", AttributeValue.fromL(rows.stream().map(row -> n(row)).toList()));
        return AttributeValue.fromM(item);
    }

    private static ImportError reasonOf(Map<String, AttributeValue> item) {
        var rows = item.get("rows").l().stream().map(row -> Integer.parseInt(row.n())).toList();
        return ImportError.rows(rows, str(item, "column"), ErrorCode.valueOf(str(item, "code")), str(item, "message"));
    }

    /**
     * Journal items sit beside the claim, keyed {@code <importId>/journal/<n>}, at most
     * {@link #ENTRIES_PER_ITEM} entries and {@link #PACKED_BYTES_PER_ITEM} packed bytes each (items
     * are capped at 400 KB). Numbers are taken with an
     * atomic ADD on the claim before the items are written, so a crash in between leaves a gap,
     * never two chunks under one number. They expire after {@link #JOURNAL_DAYS} days (TTL).
     */
    @Override
    public void appendJournal(String importId, String owner, String org, List<JournalEntry> entries) {
        // Packed and written some megabytes at a time: packed whole first, the journal of a file of
        // updates of large records took two thirds of what the import held (the records themselves)
        // once more, and ran out of memory under the bound that holds them (found by review on 6
        // December 2026).
        var packed = new ArrayList<AttributeValue>();
        long packedBytes = 0;
        boolean written = false;
        for (int from = 0; from < entries.size(); from += ENTRIES_PER_ITEM) {
            int before = packed.size();
            packWithinLimit(org, entries.subList(from, Math.min(entries.size(), from + ENTRIES_PER_ITEM)), packed);
            for (int i = before; i < packed.size(); i++) {
                packedBytes += packed.get(i).b().asByteArrayUnsafe().length;
            }
            if (packedBytes >= JOURNAL_BYTES_PER_WRITE) {
                writeJournalItems(importId, owner, packed);
                written = true;
                packed.clear();
                packedBytes = 0;
            }
        }
        if (!packed.isEmpty() || !written) { // nothing to write still checks the claim is this owner's
            writeJournalItems(importId, owner, packed);
        }
    }

    /** Numbers {@code packed} after the journal's last item (an atomic ADD on the claim, held by {@code owner}), and puts them. */
    private void writeJournalItems(String importId, String owner, List<AttributeValue> packed) {
        long last;
        try {
            last = Long.parseLong(dynamo.updateItem(b -> b.tableName(table).key(key(importId))
                    .updateExpression("ADD journalItems :count")
                    .conditionExpression("#owner = :me")
                    .expressionAttributeNames(Map.of("#owner", "owner"))
                    .expressionAttributeValues(Map.of(":count", n(packed.size()), ":me", s(owner)))
                    .returnValues(ReturnValue.UPDATED_NEW)).attributes().get("journalItems").n());
        } catch (ConditionalCheckFailedException e) {
            throw new LostClaimException(importId);
        }
        var expires = n(Instant.now().plus(Duration.ofDays(JOURNAL_DAYS)).getEpochSecond());
        var items = new ArrayList<Map<String, AttributeValue>>();
        for (int i = 0; i < packed.size(); i++) {
            items.add(Map.of("importId", s(journalKey(importId, last - packed.size() + 1 + i)),
                    PACKED_ENTRIES, packed.get(i), "expiresAt", expires));
        }
        batches.putAll(table, items);
    }

    /** Packs {@code entries} as one journal item's value, or, past the size limit, halves them until each fits. */
    private static void packWithinLimit(String org, List<JournalEntry> entries, List<AttributeValue> packed) {
        var value = PackedAttributes.pack(entries.stream().map(entry -> journalEntry(org, entry)).toList());
        if (value.b().asByteArrayUnsafe().length <= PACKED_BYTES_PER_ITEM || entries.size() == 1) {
            packed.add(value);
            return;
        }
        int half = entries.size() / 2;
        packWithinLimit(org, entries.subList(0, half), packed);
        packWithinLimit(org, entries.subList(half, entries.size()), packed);
    }

    @Override
    public List<JournalEntry> journal(String importId) {
        var claim = get(importId);
        var count = claim == null ? null : longValue(claim, "journalItems");
        if (count == null) {
            return List.of();
        }
        // Items up to journalFrom belong to an attempt that never began writing (see existingClaim).
        long from = Objects.requireNonNullElse(longValue(claim, "journalFrom"), 0L);
        if (count > from) {
            refuseOnExpiredJournal(importId, claim);
        }
        // A hundred items at a time, each unpacked and dropped before the next hundred are read: read
        // whole, the packed items of a journal near the bound on what an import holds stayed in memory
        // beside every entry unpacked from them, and the undo or resume ran out of memory on every
        // delivery.
        var journal = new ArrayList<JournalEntry>();
        // the records' repeated values (attribute names, part numbers, locations) shared, as the
        // held records' are: read apart, the records read back took half as much again as they did
        // held, past what the bound on held records leaves for an undo
        var pool = new StringPool();
        for (long first = from + 1; first <= count; first += JOURNAL_ITEMS_READ_AT_ONCE) {
            var keys = new ArrayList<Map<String, AttributeValue>>();
            for (long n = first; n <= Math.min(count, first + JOURNAL_ITEMS_READ_AT_ONCE - 1); n++) {
                keys.add(Map.of("importId", s(journalKey(importId, n))));
            }
            var items = new ArrayList<>(batches.getAll(table, keys));
            items.sort(java.util.Comparator.comparing(item -> journalNumber(str(item, "importId"))));
            for (int i = 0; i < items.size(); i++) {
                entries(items.get(i)).forEach(value -> journal.add(journalEntry(value.m(), pool)));
                items.set(i, null);
            }
        }
        return journal;
    }

    /** Journal items a read asks for at once: one BatchGetItem's worth. */
    private static final int JOURNAL_ITEMS_READ_AT_ONCE = 100;

    /**
     * When a claim's journal begins ({@code journalSince}): set with the claim, before any item of
     * it, and again where a takeover sets an old journal aside; on the clock the items' expiry is
     * counted on ({@link #appendJournal}). Until a review of 5 December 2026 the first append set
     * it, which took a journal begun before an upgrade for a new one.
     */
    private static AttributeValue journalStart() {
        return n(Instant.now().getEpochSecond());
    }

    /**
     * A journal and its traces expire {@link #JOURNAL_DAYS} days after they are written, while an
     * import left unfinished waits for its event as long as nobody sends it again. Read once its
     * first item may have expired, the journal could be missing entries (a crash's gap in the
     * numbers looks the same): an undo from it would leave some of the file's writes while
     * reporting them undone, and a resume, which takes what
     * validation read from it, would go on from less. Refused instead: the import stays
     * unfinished, for people to repair (lifecycle.md, "A journal that expired").
     */
    private static void refuseOnExpiredJournal(String importId, Map<String, AttributeValue> claim) {
        if (journalExpired(claim)) {
            var since = journalSince(claim);
            throw new IllegalStateException("import " + importId + " cannot be finished or undone: its journal was begun on "
                    + Timestamps.text(since) + ", more than " + JOURNAL_DAYS + " days ago, and DynamoDB may have"
                    + " deleted some of it (TTL). The import stays unfinished, holding what it wrote; see docs/lifecycle.md,"
                    + " \"A journal that expired\"");
        }
    }

    /** Whether the claim's journal may have expired: see {@link #refuseOnExpiredJournal}. */
    private static boolean journalExpired(Map<String, AttributeValue> claim) {
        return !Instant.now().isBefore(journalSince(claim).plus(Duration.ofDays(JOURNAL_DAYS)));
    }

    private static Instant journalSince(Map<String, AttributeValue> claim) {
        return claim.containsKey("journalSince") ? Instant.ofEpochSecond(longValue(claim, "journalSince"))
                : Instant.parse(str(claim, "startedAt")); // claims made before 5 December 2026
    }

    /** A journal item's entries: packed, or, as journals written before December 2026 hold them, a list. */
    static List<AttributeValue> entries(Map<String, AttributeValue> item) {
        return item.containsKey(PACKED_ENTRIES) ? PackedAttributes.unpack(item.get(PACKED_ENTRIES)) : item.get("entries").l();
    }

    private static String journalKey(String importId, long n) {
        return importId + JOURNAL + n;
    }

    private static long journalNumber(String key) {
        return Long.parseLong(key.substring(key.lastIndexOf('/') + 1));
    }

    /**
     * {@code {existed, item}}: the item as read (with its {@code kind}), or, when it did not exist,
     * the one written; {@code readOnly} true where the entry does not say the import deleted the
     * item ({@link JournalEntry}; absent in journals written before December 2026, read as false);
     * {@code traced} true where it is a traced delete's (absent before it was, read as false).
     */
    private static AttributeValue journalEntry(String org, JournalEntry entry) {
        var map = new HashMap<String, AttributeValue>();
        map.put("existed", AttributeValue.fromBool(entry.existed()));
        map.put("item", StoredItems.journalForm(org, entry.state()));
        if (entry.readOnly()) {
            map.put("readOnly", AttributeValue.fromBool(true));
        }
        if (entry.traced()) {
            map.put("traced", AttributeValue.fromBool(true));
        }
        return AttributeValue.fromM(map);
    }

    private static JournalEntry journalEntry(Map<String, AttributeValue> map, StringPool pool) {
        return new JournalEntry(StoredItems.fromJournal(map.get("item").m(), pool), map.get("existed").bool(),
                flag(map, "readOnly"), flag(map, "traced"));
    }

    /** A flag of a journal entry, written only where true. */
    private static boolean flag(Map<String, AttributeValue> map, String name) {
        var value = map.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }

    @Override
    public void finish(String importId, String owner, ImportReport report, String reportKey, String errorsKey) {
        var values = new HashMap<String, AttributeValue>();
        values.put(":status", s(report.status().name()));
        values.put(":finished", s(Timestamps.text(report.finishedAt())));
        values.put(":rows", n(report.counts().rows()));
        values.put(":created", n(report.counts().created()));
        values.put(":updated", n(report.counts().updated()));
        values.put(":errors", n(report.counts().errors()));
        values.put(":lease", n(0));
        var expression = "SET #status = :status, finishedAt = :finished, #rows = :rows, created = :created, "
                + "updated = :updated, #errors = :errors, leaseUntil = :lease";
        if (reportKey != null) { // null: a key too long for a report beside it
            values.put(":report", s(reportKey));
            expression += ", reportKey = :report";
        }
        if (errorsKey != null) {
            values.put(":errorsKey", s(errorsKey));
            expression += ", errorsKey = :errorsKey";
        }
        update(importId, owner, expression, values);
    }

    @Override
    public void release(String importId, String owner, Instant retryDueBy) {
        try {
            if (retryDueBy == null) {
                update(importId, owner, "SET leaseUntil = :lease", Map.of(":lease", n(0)));
            } else {
                update(importId, owner, "SET leaseUntil = :lease, " + RETRY_DUE_BY + " = :due",
                        Map.of(":lease", n(0), ":due", n(retryDueBy.toEpochMilli())));
            }
        } catch (LostClaimException alreadyTakenOver) {
            // nothing to give back
        }
    }

    private void update(String importId, String owner, String expression, Map<String, AttributeValue> values) {
        update(importId, owner, expression, values, Map.of());
    }

    private void update(String importId, String owner, String expression, Map<String, AttributeValue> values,
                        Map<String, String> extraNames) {
        update(importId, owner, expression, values, extraNames, override -> { });
    }

    /** On the condition that {@code owner} holds the claim; {@code override}: the request's (a renewal's time limit). */
    private void update(String importId, String owner, String expression, Map<String, AttributeValue> values,
                        Map<String, String> extraNames,
                        java.util.function.Consumer<software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration.Builder> override) {
        var allValues = new HashMap<>(values);
        allValues.put(":me", s(owner));
        var names = new HashMap<>(extraNames);
        names.put("#owner", "owner");
        for (var reserved : new String[] {"status", "rows", "errors"}) {
            if (expression.contains("#" + reserved)) {
                names.put("#" + reserved, reserved);
            }
        }
        try {
            dynamo.updateItem(b -> b.tableName(table).key(key(importId))
                    .updateExpression(expression)
                    .conditionExpression("#owner = :me")
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(allValues)
                    .overrideConfiguration(override));
        } catch (ConditionalCheckFailedException e) {
            throw new LostClaimException(importId);
        }
    }

    private Map<String, AttributeValue> newClaim(ImportTicket ticket, String owner, Instant now, Instant leaseUntil) {
        var source = ticket.source();
        var item = new HashMap<String, AttributeValue>();
        item.put("importId", s(ticket.importId()));
        putIfPresent(item, "org", ticket.org()); // absent for a key outside every org: in no org's history
        putIfPresent(item, "importer", ticket.importer());
        item.put("mode", s(ticket.mode().label()));
        item.put("bucket", s(source.bucket()));
        item.put("key", s(source.key()));
        putIfPresent(item, "versionId", source.versionId());
        putIfPresent(item, "eTag", source.eTag());
        putIfPresent(item, "sequencer", source.sequencer());
        item.put("size", n(source.size()));
        if (source.uploader() != null) {
            var uploader = new HashMap<String, AttributeValue>();
            putIfPresent(uploader, "principalId", source.uploader().principalId());
            putIfPresent(uploader, "sourceIp", source.uploader().sourceIp());
            item.put("uploader", AttributeValue.fromM(uploader));
        }
        item.put("status", s("RUNNING"));
        item.put("owner", s(owner));
        item.put("leaseUntil", n(leaseUntil.toEpochMilli()));
        item.put("attempts", n(1));
        item.put("startedAt", s(Timestamps.text(now)));
        item.put("journalSince", journalStart());
        item.put("ids", AttributeValue.fromM(Map.of()));
        return item;
    }

    private Map<String, AttributeValue> get(String importId) {
        return dynamo.getItem(b -> b.tableName(table).key(key(importId)).consistentRead(true)).item();
    }

    static Map<String, AttributeValue> key(String importId) {
        return Map.of("importId", s(importId));
    }
}
