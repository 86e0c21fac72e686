package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.IntakeConfig;
import dev.intake.IntakeHandler;
import dev.intake.aws.DynamoImportLedger;
import dev.intake.aws.S3EventRecords;
import dev.intake.core.imports.Claim;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.imports.ImportTicket;
import dev.intake.core.imports.EarlierUploadUnfinishedException;
import dev.intake.core.imports.ImportProgress;
import dev.intake.core.imports.LostClaimException;
import dev.intake.core.imports.ProgressListener;
import dev.intake.core.imports.UploadSupersededException;
import dev.intake.core.report.SourceObject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Two deliveries of one key at the same moment: the claim's transaction (the claim and the key's
 * newest upload) meets the other delivery's transaction on the newest-upload item, and DynamoDB
 * cancels it with TransactionConflict until the other one is done. Every other transaction of
 * Intake waits such a conflict out (DynamoBatches: backing off, five attempts); the claim does too.
 * It used to try three times at once and then fail the event (found by review).
 */
class OutOfOrderUploadRacesTest {

    private static final String KEY = "acme/part-inventory/race.csv";
    private static final String CSV = "part_number,lot_number,quantity,location\nFST-M3-10,L-RACE,5,Stockroom A\n";

    @RegisterExtension
    /** A lease no loaded machine runs out by accident; a crashed delivery's is moved into the past ({@link Emulators#leaseRunsOut}). */
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", Emulators.LEASE_OF_CRASH_TESTS));
    @RegisterExtension
    static final FaultInjector faults = new FaultInjector();
    private static IntakeHandler faultyHandler;

    @BeforeAll
    static void handler() {
        faultyHandler = new IntakeHandler(emulators.aws.config(), emulators.s3Through(faults), emulators.dynamoThrough(faults, 3));
    }

    @BeforeEach
    void catalog() throws Exception {
        faults.clear();
        emulators.resetWithAcmeCatalog();
    }

    @Test
    void deliver_claimMeetsAnotherDeliverysTransactionOnItsKeyThreeTimes_waitedOutAndImportedInOneDelivery() {
        var upload = emulators.put(KEY, CSV);
        conflictOnTheClaim(3);

        var reports = faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(reports).containsExactly(KEY + ".report.json");
        assertThat(emulators.report(KEY).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    /**
     * Review "late" (6 Dec 2026): four conflicts are waited out (CLAIM_TRIES is five), and an item
     * an earlier Intake wrote is ranked and the claim tried again; the try after a ranking counted
     * as one of the five, so after four conflicts the fifth met the unranked item, ranked it, and
     * the delivery failed. A ranking is not counted now.
     */
    @Test
    void deliver_claimConflictsFourTimesThenMeetsAnItemAnEarlierIntakeWrote_imported() {
        emulators.deliver(emulators.put(KEY, CSV));
        asAnEarlierIntakeWroteIt();
        var next = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        conflictOnTheClaim(4);

        var reports = faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(next)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(reports).containsExactly(KEY + ".report.json");
        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).isEqualTo(next.versionId());
    }

    /**
     * A key's newest upload recorded before 6 December 2026 holds its order left-padded, as
     * {@code uploadOrder}, which misorders sequencers of different lengths (found by review): a
     * claim that meets it gives it its rank from its own sequencer first, so the next upload is
     * imported, and the item keeps both orders (the old one for an earlier version still running).
     */
    @Test
    void deliver_keysNewestUploadRecordedLeftPadded_nextUploadImportedAndRecordedAnew() {
        emulators.deliver(emulators.put(KEY, CSV));
        var newestKey = asAnEarlierIntakeWroteIt();

        var next = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        emulators.deliver(next);

        assertThat(emulators.report(KEY).get("status").asText()).isEqualTo("SUCCEEDED");
        var rewritten = newestUpload(newestKey);
        assertThat(rewritten.get("uploadRank").s()).isEqualTo(ImportTicket.orderOf(next.sequencer()).orElseThrow());
        assertThat(rewritten.get("uploadOrder").s()).isEqualTo(ImportTicket.leftPaddedOrderOf(next.sequencer()));
    }

    /**
     * Review "upgrade" (6 Dec 2026): an older upload's event (a retry, or one sent again from the
     * failed-events queue) after a deploy, where an earlier Intake imported a later upload of the
     * key: its item, holding only {@code uploadOrder}, was taken as unordered, and the older file was
     * imported over the later one. It is superseded, on the rank the item's own sequencer gives.
     */
    @Test
    void deliver_olderUploadAfterAnEarlierIntakeTookALaterOne_superseded() {
        var older = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        emulators.deliver(emulators.put(KEY, CSV));
        var newestKey = asAnEarlierIntakeWroteIt();

        emulators.deliver(older);

        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).as("the later upload's report stands")
                .isNotEqualTo(older.versionId());
        assertThat(emulators.imports()).hasSize(1);
        assertThat(newestUpload(newestKey)).containsKey("uploadRank");
    }

    /** Rewrites the key's newest-upload item as Intake wrote it before 6 December 2026: its order left-padded, no rank. */
    private static String asAnEarlierIntakeWroteIt() {
        return rewriteNewestUpload(item -> {
            item.remove("uploadRank");
            item.put("uploadOrder", AttributeValue.fromS(ImportTicket.leftPaddedOrderOf(item.get("sequencer").s())));
        });
    }

    /** Rewrites {@link #KEY}'s newest-upload item as {@code edit} says: its key ({@code importId}). */
    private static String rewriteNewestUpload(Consumer<Map<String, AttributeValue>> edit) {
        var table = emulators.aws.config().importsTable();
        var newest = emulators.aws.dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                .filter(item -> item.get("importId").s().endsWith(DynamoImportLedger.NEWEST_UPLOAD)
                        && KEY.equals(item.get("key").s())).findFirst().orElseThrow();
        var rewritten = new HashMap<>(newest);
        edit.accept(rewritten);
        emulators.aws.dynamo().putItem(b -> b.tableName(table).item(rewritten));
        return newest.get("importId").s();
    }

    private static Map<String, AttributeValue> newestUpload(String importId) {
        return emulators.aws.dynamo().getItem(b -> b.tableName(emulators.aws.config().importsTable())
                .key(Map.of("importId", AttributeValue.fromS(importId))).consistentRead(true)).item();
    }

    /**
     * Review "ownchange" (6 Dec 2026): a key whose newest upload was recorded between 4 and 6
     * December 2026 holds lastImportId and the old uploadOrder, no uploadRank. A copy of that
     * upload onto its key (a restore) was skipped without its order being recorded (the condition
     * needed uploadRank): the item stayed unordered, and the event of an upload older than the
     * restore, coming late, was claimed and imported over the restored file. The item is ranked
     * before the copy is recorded.
     */
    @Test
    void deliver_copyOfAnUploadRecordedLeftPadded_copysOrderRecordedSoAnOlderUploadIsSuperseded() throws Exception {
        var older = emulators.put(KEY, CSV.replace(",5,", ",7,")); // its event comes late
        var first = emulators.put(KEY, CSV);
        emulators.deliver(first);
        var newestKey = asAnEarlierIntakeWroteIt(); // as written on 5 December: lastImportId, uploadOrder left-padded
        var restore = (ObjectNode) new ObjectMapper()
                .readTree(S3Events.putEventJson(emulators.put(KEY, CSV))); // the first upload's bytes, copied onto the key
        ((ObjectNode) restore.get("Records").get(0)).put("eventName", "ObjectCreated:Copy");

        emulators.deliver(restore.toString());

        var afterCopy = newestUpload(newestKey);
        var olderTicket = ImportTicket.of(S3EventRecords.sourceOf(S3Events.load(S3Events.putEventJson(older)).getRecords().get(0)),
                "acme", "part-inventory", ImportMode.COMMIT);
        var ledger = ledger();
        var now = Instant.now();
        assertThat(ledger.claim(olderTicket, "late-delivery", now, now.plusSeconds(1)))
                .as("the older upload's late event, after the restore (newest-upload item now: %s)", afterCopy)
                .isInstanceOf(Claim.Superseded.class);
    }

    /**
     * The retry of an older upload's import that crashed while writing, after a later upload of
     * its key was taken: the import may have written, so it is finished, not dropped as
     * superseded (which would leave it COMMITTING, half written). Its claim is found before any
     * transaction is sent. The later upload, delivered while the older lay half written, was given
     * back (review "serveconc", 7 December 2026), and its retry imports it after the older one.
     */
    @Test
    void deliver_retryOfAnOlderImportCrashedWhileWritingAfterALaterUpload_finishedNotSkipped() throws Exception {
        var older = emulators.put(KEY, CSV);
        faults.failAfter("BatchWriteItem", 0, FaultInjector.Fault.CRASH, 1);
        assertThatThrownBy(() -> faultyHandler.handleRequest(
                S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15))))
                .isInstanceOf(FaultInjector.SimulatedCrash.class);
        var later = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        assertThatThrownBy(() -> emulators.deliver(S3Events.putEventJson(later))).isInstanceOf(EarlierUploadUnfinishedException.class);
        emulators.leaseRunsOut(KEY); // the crashed delivery's lease runs out, as it would before Lambda's retry

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));
        emulators.deliver(S3Events.putEventJson(later)); // the later upload's retry

        assertThat(emulators.imports()).extracting(item -> item.get("status").s()).containsOnly("SUCCEEDED");
        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).isEqualTo(later.versionId());
    }

    /**
     * A conflict on the claim item itself (another delivery of the upload writing it at that
     * moment) while the key's newest upload fails its condition may hide a claim that now exists:
     * the claim is tried again, not taken for superseded at once. The first form of the guard's
     * test never reached it (found by review).
     */
    @Test
    void deliver_olderUploadsClaimConflictingOnItsClaimItem_triedAgainBeforeItIsSuperseded() {
        var older = emulators.put(KEY, CSV);
        emulators.deliver(emulators.put(KEY, CSV.replace(",5,", ",7,")));
        faults.interleaveBeforeCallNaming("PutItem", DynamoImportLedger.NEWEST_UPLOAD, () -> {
            throw cancelled("TransactionConflict", "ConditionalCheckFailed");
        });

        var reports = faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)),
                Emulators.context(Duration.ofMinutes(15)));

        assertThat(faults.calls()).as("claim transactions: the conflicting one and the one tried again").isEqualTo(2);
        assertThat(reports).isEmpty();
        assertThat(emulators.imports()).hasSize(1);
    }

    /**
     * The older upload's event came first (in order), and its import was still validating
     * (RUNNING, lease live) when the later upload was taken and imported. The older import does
     * not begin writing: its mark COMMITTING checks the key's newest upload, and it ends
     * SUPERSEDED. It used to commit after the later upload's import (its record beside the later
     * one's, a second L-RACE lot of 5), and its report replaced the later upload's (found by review).
     */
    @Test
    void deliver_laterUploadImportedWhileTheOlderWasStillValidating_olderDoesNotCommitOverIt() throws Exception {
        var older = emulators.put(KEY, CSV);
        var later = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        faults.interleaveBeforeCallNaming("UpdateItem", "COMMITTING", () -> emulators.deliver(later));

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(faults.calls()).as("the later upload was imported before the older began writing").isPositive();
        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).as("the key's report is the later upload's")
                .isEqualTo(later.versionId());
        assertThat(emulators.inventory("acme")).filteredOn(line -> line.contains("\"lotNumber\":\"L-RACE\""))
                .hasSize(1).allSatisfy(line -> assertThat(line).contains("\"quantity\":7"));
    }

    /**
     * As above, but the older file is invalid: the later upload was taken and imported while the
     * older one validated. The older import writes no data, yet its FAILED report (and errors
     * CSV) replaced the later upload's SUCCEEDED report at the key's report path: the user sees
     * the fixed file "failed" although it was imported (and may upload it again). Only a valid
     * file reaches the mark COMMITTING and its check of the key's newest upload (found by review).
     */
    @Test
    void deliver_laterUploadImportedWhileAnInvalidOlderWasValidating_olderDoesNotReplaceItsReport() throws Exception {
        var older = emulators.put(KEY, CSV.replace(",5,", ",not-a-number,"));
        var later = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        faults.interleaveBeforeCallNaming("GetObject", older.versionId(), () -> emulators.deliver(later));

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(faults.calls()).as("the later upload was imported while the older validated").isPositive();
        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).as("the key's report is the later upload's")
                .isEqualTo(later.versionId());
        assertThat(emulators.report(KEY).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    /**
     * A dry run of the key validating while a later upload of it is taken and validated: the
     * older dry run's report (here FAILED) replaced the later one's VALIDATED report. A dry run
     * never marks COMMITTING, so nothing checks the key's newest upload (found by review).
     */
    @Test
    void deliver_laterDryRunValidatedWhileAnOlderOneWasValidating_olderDoesNotReplaceItsReport() throws Exception {
        var key = "acme/part-inventory/validate/race.csv";
        var older = emulators.put(key, CSV.replace(",5,", ",not-a-number,"));
        var later = emulators.put(key, CSV.replace(",5,", ",7,"));
        faults.interleaveBeforeCallNaming("GetObject", older.versionId(), () -> emulators.deliver(later));

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(faults.calls()).isPositive();
        assertThat(emulators.report(key).get("source").get("versionId").asText()).as("the key's report is the later upload's")
                .isEqualTo(later.versionId());
    }

    /**
     * Found by review (5 Dec 2026): mutant "no look for a later upload before the report"
     * (ImportRunner.execute: the first {@code endIfSuperseded} removed) survived this class and
     * OutOfOrderUploadsTest. Every test of that look has an invalid older file, whose errors CSV
     * brings the second look (after the errors CSV), which finds the later upload as well. A valid
     * dry run writes no errors CSV: only the first look keeps its VALIDATED report from replacing
     * the later upload's.
     */
    @Test
    void deliver_laterDryRunValidatedWhileAnOlderValidOneWasValidating_olderDoesNotReplaceItsReport() {
        var key = "acme/part-inventory/validate/race.csv";
        var older = emulators.put(key, CSV);
        var later = emulators.put(key, CSV.replace(",5,", ",7,"));
        faults.interleaveBeforeCallNaming("GetObject", older.versionId(), () -> emulators.deliver(later));

        var reports = faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(faults.calls()).as("the later dry run was validated while the older one validated").isPositive();
        assertThat(reports).as("the older dry run reports nothing").isEmpty();
        assertThat(emulators.report(key).get("source").get("versionId").asText()).as("the key's report is the later upload's")
                .isEqualTo(later.versionId());
    }

    /**
     * The older import is ended SUPERSEDED by a delivery that found its lease run out (its owner
     * stalled, renewals not landing) while the owner still validates an invalid file. lifecycle.md
     * says the fenced owner "can write nothing more"; its finish is refused (LostClaim), but only
     * after it put its FAILED report over the later upload's SUCCEEDED one (found by review).
     */
    @Test
    void deliver_olderImportSupersededWhileItsOwnerStillValidates_ownerWritesNoReportOverTheLaterOnes() {
        var older = emulators.put(KEY, CSV.replace(",5,", ",not-a-number,"));
        var later = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        var olderEvent = S3Events.load(S3Events.putEventJson(older));
        var olderTicket = ImportTicket.of(S3EventRecords.sourceOf(olderEvent.getRecords().get(0)), "acme", "part-inventory",
                ImportMode.COMMIT);
        var ledger = ledger();
        var superseded = new AtomicReference<Claim>();
        faults.interleaveBeforeCallNaming("GetObject", older.versionId(), () -> {
            emulators.deliver(later);
            var afterTheLease = Instant.now().plusSeconds(60); // Lambda's retry, once the owner's lease ran out
            superseded.set(ledger.claim(olderTicket, "retry", afterTheLease, afterTheLease.plusSeconds(1)));
        });

        var thrown = catchThrowable(() -> faultyHandler.handleRequest(olderEvent, Emulators.context(Duration.ofMinutes(15))));

        assertThat(thrown).as("the fenced owner stops").isInstanceOf(LostClaimException.class);
        assertThat(superseded.get()).isInstanceOf(Claim.Superseded.class);
        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).as("the key's report is the later upload's")
                .isEqualTo(later.versionId());
    }

    /**
     * The older upload's owner is still running when its lease runs out (a pause, a renewal slow
     * to land), and the later upload's import meanwhile took the key. The delivery that ends the
     * older import SUPERSEDED must fence that owner off as a take-over does (by the owner on the
     * claim): else its markCommitting, writes and finish went through on the SUPERSEDED claim, and
     * the older file was imported over the later one after all (found by review).
     */
    @Test
    void claim_olderImportSupersededWhileItsOwnerStillRuns_ownersLateWritesRefused() {
        var ledger = ledger();
        var older = ticket("0055AA0011", "\"older\"");
        var later = ticket("0055AA0022", "\"later\"");
        var start = Instant.now();
        assertThat(ledger.claim(older, "older-owner", start, start.plusMillis(500)))
                .isInstanceOf(Claim.Acquired.class);
        assertThat(ledger.claim(later, "later-owner", start, start.plusSeconds(60)))
                .isInstanceOf(Claim.Acquired.class);

        assertThat(ledger.claim(older, "retry", start.plusSeconds(1), start.plusSeconds(2)))
                .isInstanceOf(Claim.Superseded.class);

        assertThatThrownBy(() -> ledger.markCommitting(older, "older-owner", "catalog"))
                .isInstanceOf(LostClaimException.class);
        assertThat(emulators.imports()).filteredOn(item -> item.get("importId").s().equals(older.importId()))
                .extracting(item -> item.get("status").s()).containsExactly("SUPERSEDED");
    }

    /**
     * Found by review (5 Dec 2026): an older upload with errors looks for a later upload of its key
     * before it writes its errors CSV, and writes its report after that upload. Where the errors
     * CSV takes a while (it holds every failing row: tens of MB for a large file), a later upload
     * taken, validated and reported in that time has its SUCCEEDED report replaced by the older
     * upload's FAILED one; lifecycle.md promises "the key's report is the later upload's", and
     * ImportRunner.endIfSuperseded's comment ("past this look a later upload has yet to validate,
     * so its report still comes last") assumes the reporting is instant.
     */
    @Test
    void deliver_laterUploadReportedWhileTheOlderInvalidOneWritesItsErrorsCsv_laterReportStands() {
        var older = emulators.put(KEY, CSV.replace(",5,", ",not-a-number,"));
        var later = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        // the older upload's errors CSV is slow to upload: the later upload is imported meanwhile
        faults.interleaveBeforeCallNaming("PutObject", ".errors.CSV", () -> emulators.deliver(later));

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(faults.calls()).as("the later upload was imported while the older wrote its errors CSV").isPositive();
        assertThat(emulators.report(KEY).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).as("the key's report is the later upload's")
                .isEqualTo(later.versionId());
    }

    /**
     * Found by review (5 Dec 2026): an owner that stalls (a pause of the whole process, its lease
     * renewals not landing) after its commit's last write (the ledger's record that every row
     * landed) and before its report is taken over: the retry finds nothing left to write,
     * reports, and ends the import SUCCEEDED. A later upload of the key is then taken and
     * reported. When the stalled owner wakes, nothing checks its claim before it writes its
     * report (only the ledger's finish, after it, is refused with LostClaimException): the
     * finished older import's report replaces the later upload's. The documented limit
     * (lifecycle.md, "Leases are time, not a fence") is about a DynamoDB call sent late; this is
     * the report, written by an owner that could know (its timer's renewal found the claim lost,
     * or one renewal would tell) that it no longer owns the import.
     */
    @Test
    void deliver_ownerStalledBeforeItsReportWhileTheRetryFinishesAndALaterUploadIsImported_laterReportStands()
            throws Exception {
        var older = emulators.put(KEY, CSV);
        var later = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        var olderEvent = S3Events.putEventJson(older);
        var frozen = new java.util.concurrent.atomic.AtomicBoolean();
        var stalled = new java.util.concurrent.atomic.AtomicBoolean();
        var woken = new java.util.concurrent.CountDownLatch(1);
        // the stalled process: right after the commit records its last row done, and every other
        // DynamoDB call of the process (the lease's renewals) waits while it stalls
        var stall = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeTransmission(software.amazon.awssdk.core.interceptor.Context.BeforeTransmission context,
                                           software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                if (frozen.get()) {
                    try {
                        woken.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void afterExecution(software.amazon.awssdk.core.interceptor.Context.AfterExecution context,
                                       software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                var request = context.request().toString();
                if (!request.contains("doneThroughRow") || !request.contains(":done=AttributeValue(N=2)")
                        || !stalled.compareAndSet(false, true)) {
                    return;
                }
                frozen.set(true);
                try {
                    emulators.leaseRunsOut(KEY); // the owner's lease runs out while it stalls
                    emulators.deliver(olderEvent); // Lambda's retry (or S3's second delivery): takes over, finishes, reports
                    emulators.deliver(later);
                } finally {
                    frozen.set(false);
                    woken.countDown();
                }
            }
        };
        var stalling = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(stall, 3));

        var thrown = catchThrowable(() -> stalling.handleRequest(S3Events.load(olderEvent), Emulators.context(Duration.ofMinutes(15))));

        assertThat(stalled.get()).as("the owner stalled after its last row was recorded done").isTrue();
        assertThat(thrown).as("the owner lost its claim").isInstanceOf(LostClaimException.class);
        assertThat(emulators.imports()).extracting(item -> item.get("status").s()).containsOnly("SUCCEEDED");
        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).as("the key's report is the later upload's")
                .isEqualTo(later.versionId());
    }

    /**
     * Found by review (5 Dec 2026): a copy of the file onto its own key (a storage class or
     * metadata change in the console, a Batch Operations re-encryption) made while the upload's
     * import still validates. The copy has the bytes of the key's last upload taken, so it is not
     * imported (lifecycle.md, "A copy onto its own key"), and it is recorded as the key's newest
     * upload. The upload's own import then finds that "later upload" when it marks COMMITTING and
     * ends SUPERSEDED: the file is imported by neither, and no report is written (for a file with
     * errors too: endIfSuperseded). The user's upload is silently dropped. The copy should count as
     * the same upload, not a later one, for the import whose bytes it copies.
     */
    @Test
    void deliver_copyOntoItsOwnKeyWhileTheUploadStillValidates_uploadStillImportedAndReported() throws Exception {
        var upload = emulators.put(KEY, CSV);
        var copy = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(S3Events.putEventJson(emulators.put(KEY, CSV))); // the same bytes: a new version, a new sequencer
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("Records").get(0)).put("eventName", "ObjectCreated:Copy");
        faults.interleaveBeforeCallNaming("GetObject", upload.versionId(), () -> emulators.deliver(copy.toString()));

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(faults.calls()).as("the copy's event came while the upload validated").isPositive();
        assertThat(emulators.imports()).extracting(item -> item.get("status").s()).as("the upload's import").containsExactly("SUCCEEDED");
        assertThat(emulators.inventory("acme")).filteredOn(line -> line.contains("\"lotNumber\":\"L-RACE\""))
                .as("the file's record").hasSize(1);
        assertThat(emulators.text(KEY + ".report.json")).as("the upload's report").isPresent();
    }

    /**
     * Found by review (5 Dec 2026): the restore of the imported upload (S3's way to restore a
     * version: copy it onto its own key, an ObjectCreated:Copy) races the event of an upload made
     * between the two. The copy's delivery finds the first upload the key's last taken and the
     * same bytes; before it records itself as the key's newest upload, the middle upload's
     * delivery claims the key (lastImportId = the middle upload), then stops before writing (a
     * crash, its deadline). recordCopyOfLastUpload's condition ("uploadRank < :order") does not
     * check that the last upload is still the one it compared, so the newest-upload item now says
     * "the copy, of the middle upload". Since NO_LATER_UPLOAD and laterUploadThan pass where
     * lastImportId is the import itself, the middle upload's retry imports the middle file over
     * the restored one, although the copy, its later upload, holds the first file's bytes (until
     * this stop it ended SUPERSEDED). Fix: recordCopyOfLastUpload on condition that lastImportId
     * is still the upload compared (else the copy is compared again with the new last upload, as
     * if its event had come after the middle one's: then it is a new file, and supersedes it).
     */
    @Test
    void deliver_restoreOfTheImportedUploadRecordedWhileAMiddleUploadIsClaimed_middleUploadNotImportedOverIt()
            throws Exception {
        var first = emulators.put(KEY, CSV);
        emulators.deliver(first);
        var middle = emulators.put(KEY, CSV.replace(",5,", ",7,")); // its event comes late
        var restore = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(S3Events.putEventJson(emulators.put(KEY, CSV))); // the first version's bytes, copied onto the key
        ((com.fasterxml.jackson.databind.node.ObjectNode) restore.get("Records").get(0)).put("eventName", "ObjectCreated:Copy");
        var middleEvent = S3Events.putEventJson(middle);
        var middleTicket = ImportTicket.of(S3EventRecords.sourceOf(S3Events.load(middleEvent).getRecords().get(0)), "acme",
                "part-inventory", ImportMode.COMMIT);
        var ledger = ledger();
        // the middle upload's first delivery claims it just before the copy is recorded, then stops before writing
        faults.interleaveBeforeCallNaming("UpdateItem", "uploadRank < :order", () -> {
            var now = Instant.now();
            assertThat(ledger.claim(middleTicket, "middle-delivery", now, now.plusMillis(500))).isInstanceOf(Claim.Acquired.class);
        });

        faultyHandler.handleRequest(S3Events.load(restore.toString()), Emulators.context(Duration.ofMinutes(15)));
        emulators.leaseRunsOut(KEY); // the middle delivery's lease runs out before Lambda's retry
        emulators.deliver(middleEvent);

        assertThat(faults.calls()).as("the middle upload was claimed while the copy was recorded").isPositive();
        assertThat(emulators.inventory("acme")).filteredOn(line -> line.contains("\"lotNumber\":\"L-RACE\""))
                .as("the key holds the first file again: nothing of the middle file").isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("\"quantity\":5"));
        assertThat(emulators.imports()).filteredOn(item -> item.get("importId").s().equals(middleTicket.importId()))
                .extracting(item -> item.get("status").s()).containsExactly("SUPERSEDED");
    }

    /**
     * Found by review (5 Dec 2026): a retry that finishes an undo (the import was ROLLING_BACK:
     * DynamoDB refused one of its writes, and the delivery died before its report) after a later
     * upload of the key was taken. The claim comes back with committing false, so Job.writing()
     * is false, and ImportRunner.execute looks for a later upload (endIfSuperseded, before the
     * report and again after the errors CSV) as for an import that never wrote: the import, which
     * wrote and was undone, ends SUPERSEDED with no report. lifecycle.md: SUPERSEDED is for an
     * import that "has not begun writing"; "An import that wrote (and finished or was undone)
     * always reports". The same file refused in one delivery reports FAILED (WRITE_REFUSED).
     * Fix: Job.writing() true for a claim that is rollingBack() too.
     */
    @Test
    void deliver_retryFinishingAnUndoAfterALaterUploadWasTaken_endsFailedAndReports() throws Exception {
        var older = emulators.put(KEY, CSV);
        var olderEvent = S3Events.putEventJson(older);
        // DynamoDB refuses the file's records; the undo is done, and the delivery dies before its report
        faults.failThenFail("BatchWriteItem", "partNumber", 0, FaultInjector.Fault.REFUSED, "PutObject", 0,
                FaultInjector.Fault.CRASH);
        assertThatThrownBy(() -> faultyHandler.handleRequest(S3Events.load(olderEvent), Emulators.context(Duration.ofMinutes(15))))
                .isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.imports()).extracting(item -> item.get("status").s()).containsExactly("ROLLING_BACK");
        faults.clear();
        var later = emulators.put(KEY, CSV.replace(",5,", ",7,")); // a later upload of the key, taken and given back
        assertThatThrownBy(() -> emulators.deliver(S3Events.putEventJson(later))).isInstanceOf(EarlierUploadUnfinishedException.class);
        emulators.leaseRunsOut(KEY); // the crashed delivery's lease runs out, as it would before Lambda's retry

        var reports = faultyHandler.handleRequest(S3Events.load(olderEvent), Emulators.context(Duration.ofMinutes(15)));

        assertThat(emulators.imports()).filteredOn(item -> item.get("versionId").s().equals(older.versionId()))
                .extracting(item -> item.get("status").s()).as("the undone import's status").containsExactly("FAILED");
        assertThat(reports).as("the retry reports the refusal, as the first delivery would have").containsExactly(KEY + ".report.json");
        emulators.deliver(S3Events.putEventJson(later)); // the later upload's retry
        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).isEqualTo(later.versionId());
    }

    /**
     * Found by review (5 Dec 2026): the second look for a later upload, after the errors CSV
     * (ImportRunner.execute), kept the later upload's report, but not its errors CSV: both
     * uploads write {@code <key>.errors.CSV}, and where the later upload (also with errors) was
     * reported while the older one wrote its errors CSV, the older's landed last, under the later
     * upload's report, which names it. The older import, finding the later upload at its second
     * look, now deletes the version it wrote: the later upload's errors CSV is the key's again.
     */
    @Test
    void deliver_laterInvalidUploadReportedWhileTheOlderInvalidOneWritesItsErrorsCsv_laterErrorsCsvStands() {
        var older = emulators.put(KEY, OLDER_WITH_ERRORS);
        var later = emulators.put(KEY, LATER_WITH_ERRORS);
        faults.interleaveBeforeCallNaming("PutObject", ".errors.CSV", () -> emulators.deliver(later));

        var reports = faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(faults.calls()).as("the later upload was reported while the older wrote its errors CSV").isPositive();
        assertThat(reports).as("the older upload reports nothing").isEmpty();
        assertTheKeysReportAndErrorsCsvAreTheLaterUploads(later);
    }

    /**
     * The same race where the later upload is valid: it writes no errors CSV, so the older one's,
     * landing after the later report, stood beside a SUCCEEDED report as if it were the later
     * file's. Its version deleted, the key has no errors CSV, as before either upload.
     */
    @Test
    void deliver_laterValidUploadReportedWhileTheOlderInvalidOneWritesItsErrorsCsv_noErrorsCsvLeft() {
        var older = emulators.put(KEY, OLDER_WITH_ERRORS);
        var later = emulators.put(KEY, CSV);
        faults.interleaveBeforeCallNaming("PutObject", ".errors.CSV", () -> emulators.deliver(later));

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(faults.calls()).as("the later upload was reported while the older wrote its errors CSV").isPositive();
        assertThat(emulators.report(KEY).get("status").asText()).as("the key's report, the later upload's").isEqualTo("SUCCEEDED");
        assertThat(emulators.text(KEY + ".errors.CSV")).as("the older upload's errors CSV").isEmpty();
    }

    /**
     * Found by review (5 Dec 2026): the older import ends SUPERSEDED in the imports table (its
     * second look, ledger.endIfSuperseded) before it deletes the version of the errors CSV it
     * wrote. Where that delete failed (S3 answering 500 past the SDK's retries, say), the
     * invocation failed and Lambda's retry found the import SUPERSEDED and did nothing: nothing
     * ever deleted the version, and the older file's errors CSV stayed under the
     * later upload's report, the defect the change meant to close. The version written was kept
     * nowhere a retry could find it; the claim keeps it now (errorsCsvVersions), and the retry,
     * finding the import SUPERSEDED, deletes it.
     */
    @Test
    void deliver_olderImportsDeleteOfItsErrorsCsvVersionFailsThenRetried_laterErrorsCsvStands() throws Exception {
        var older = emulators.put(KEY, OLDER_WITH_ERRORS);
        var later = emulators.put(KEY, LATER_WITH_ERRORS);
        var event = S3Events.putEventJson(older);
        faults.interleaveBeforeCallNaming("PutObject", ".errors.CSV", () -> {
            emulators.deliver(later);
            faults.failAfter("DeleteObject", 0, FaultInjector.Fault.SERVER_ERROR, 10); // S3 fails the delete, every attempt
        });

        var failed = catchThrowable(() -> faultyHandler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15))));
        faults.clear();
        emulators.leaseRunsOut(KEY); // the lease runs out, as it would before Lambda's retry
        faultyHandler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15))); // Lambda's retry

        assertThat(failed).as("the first delivery failed at the delete").isNotNull();
        assertTheKeysReportAndErrorsCsvAreTheLaterUploads(later);
    }

    /**
     * Found by review (5 Dec 2026): the same where the function dies (its timeout, say: the errors
     * CSV of a large file takes seconds) after writing its errors CSV and before its second look.
     * The retry's claim finds the later upload taken and ends the import SUPERSEDED without
     * running it, so the version the dead delivery wrote was never deleted: the older file's errors
     * CSV stood under the later upload's report. The claim's superseding hands the kept version to
     * the retry, which deletes it.
     */
    @Test
    void deliver_olderImportDiesAfterWritingItsErrorsCsvThenRetried_laterErrorsCsvStands() throws Exception {
        var older = emulators.put(KEY, OLDER_WITH_ERRORS);
        var later = emulators.put(KEY, LATER_WITH_ERRORS);
        var event = S3Events.putEventJson(older);
        faults.interleaveBeforeCallNaming("PutObject", ".errors.CSV", () -> {
            emulators.deliver(later);
            // the function dies at the second look, its errors CSV written
            faults.failAfter("GetItem", DynamoImportLedger.NEWEST_UPLOAD, 0, FaultInjector.Fault.CRASH, 1);
        });

        assertThatThrownBy(() -> faultyHandler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15))))
                .isInstanceOf(FaultInjector.SimulatedCrash.class);
        faults.clear();
        emulators.leaseRunsOut(KEY); // the crashed delivery's lease runs out, as it would before Lambda's retry
        faultyHandler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15))); // Lambda's retry

        assertTheKeysReportAndErrorsCsvAreTheLaterUploads(later);
    }

    /**
     * Found by review (5 Dec 2026): an earlier attempt wrote its errors CSV, kept its version on the
     * claim and found no later upload, then died before its report (its deadline, say). Lambda's
     * retry takes the import over (no later upload yet) and validates again; a later, valid upload
     * is taken and reported meanwhile. The retry's first look (ImportRunner.execute,
     * endIfSuperseded before the errors CSV) ends the import SUPERSEDED and deletes nothing: the
     * version the claim keeps (Claim.Acquired does not carry it) stays, and the older file's errors
     * CSV was left beside the later upload's SUCCEEDED report. Every path that finds the import
     * superseded now deletes the versions the claim keeps (ImportRunner.superseded).
     */
    @Test
    void deliver_retryOfAnOlderImportThatDiedBeforeItsReportSupersededAtItsFirstLook_noErrorsCsvLeft() throws Exception {
        var older = emulators.put(KEY, OLDER_WITH_ERRORS);
        var later = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        var event = S3Events.putEventJson(older);
        firstDeliveryDiesAtItsReport(event);
        // Lambda's retry takes the import over; the later upload is taken and reported while it validates
        faults.interleaveBeforeCallNaming("GetObject", older.versionId(), () -> emulators.deliver(later));

        var reports = faultyHandler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));

        assertThat(faults.calls()).as("the later upload was reported while the retry validated").isPositive();
        assertThat(reports).as("the older upload reports nothing").isEmpty();
        assertTheKeysReportIsTheLaterUploadsWithNoErrorsCsv(later);
    }

    /**
     * Found by review (5 Dec 2026): as above, but the later, valid upload is taken and reported
     * while the retry writes its own errors CSV. The retry's recordErrorsCsv replaces the version
     * the first attempt kept on the claim (it kept one version then), and its second look deleted only
     * its own version: the first attempt's, beneath it, was the key's errors CSV again, the older
     * file's errors beside the later upload's SUCCEEDED report. The claim keeps every version now.
     */
    @Test
    void deliver_retryOfAnOlderImportThatDiedBeforeItsReportSupersededWhileWritingItsErrorsCsv_noErrorsCsvLeft()
            throws Exception {
        var older = emulators.put(KEY, OLDER_WITH_ERRORS);
        var later = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        var event = S3Events.putEventJson(older);
        firstDeliveryDiesAtItsReport(event);
        faults.interleaveBeforeCallNaming("PutObject", ".errors.CSV", () -> emulators.deliver(later));

        var reports = faultyHandler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));

        assertThat(faults.calls()).as("the later upload was reported while the retry wrote its errors CSV").isPositive();
        assertThat(reports).as("the older upload reports nothing").isEmpty();
        assertTheKeysReportIsTheLaterUploadsWithNoErrorsCsv(later);
    }

    /**
     * Found by review (5 Dec 2026): the older upload's owner stalls while it writes its errors CSV
     * (a large file: seconds; renewals not landing). Meanwhile the later upload is taken and
     * reported, and a delivery finding the older import's lease run out ends it SUPERSEDED, with
     * no errors CSV on its claim yet. The owner's PutObject lands; its recordErrorsCsv is refused
     * (LostClaimException, the claim's owner is now the superseding delivery) and the version is
     * neither kept nor deleted. Lambda's retry finds the import SUPERSEDED with nothing to delete:
     * the older file's errors CSV stood beside the later upload's report for good. An owner that
     * lost its claim now deletes the version it wrote itself (ImportRunner.keepOnTheClaim).
     */
    @Test
    void deliver_olderImportSupersededWhileItsStalledOwnerWritesItsErrorsCsv_noErrorsCsvLeft() {
        var older = emulators.put(KEY, OLDER_WITH_ERRORS);
        var later = emulators.put(KEY, CSV.replace(",5,", ",7,"));
        var olderEvent = S3Events.putEventJson(older);
        var olderTicket = ImportTicket.of(S3EventRecords.sourceOf(S3Events.load(olderEvent).getRecords().get(0)), "acme",
                "part-inventory", ImportMode.COMMIT);
        var ledger = ledger();
        var superseded = new AtomicReference<Claim>();
        faults.interleaveBeforeCallNaming("PutObject", ".errors.CSV", () -> {
            emulators.deliver(later);
            var afterTheLease = Instant.now().plusSeconds(60); // Lambda's retry, once the owner's lease ran out
            superseded.set(ledger.claim(olderTicket, "retry", afterTheLease, afterTheLease.plusSeconds(1)));
        });

        var thrown = catchThrowable(() -> faultyHandler.handleRequest(S3Events.load(olderEvent), Emulators.context(Duration.ofMinutes(15))));
        faults.clear();
        var retry = catchThrowable(() -> faultyHandler.handleRequest(S3Events.load(olderEvent), Emulators.context(Duration.ofMinutes(15))));

        assertThat(superseded.get()).isInstanceOf(Claim.Superseded.class);
        assertThat(thrown).as("the fenced owner stops").isInstanceOf(LostClaimException.class);
        assertThat(retry).as("Lambda's retry").isNull();
        assertTheKeysReportIsTheLaterUploadsWithNoErrorsCsv(later);
    }

    /**
     * Review (5 Dec 2026), test gap: mutants "the take-back leaves the claim's errorsCsvKey and
     * errorsCsvVersions" (ImportRunner.superseded without errorsCsvTakenBack) and "a 404 on the
     * delete is thrown" (S3ReportSink.deleteErrorsCsvVersion) survived this class. The function
     * dies between the delete and the claim's REMOVE: Lambda's retry finds the version kept, and
     * its delete finds it gone already, which must count as done (not fail the event for good);
     * and once taken back, the claim keeps no version (dynamodb.md).
     */
    @Test
    void deliver_olderImportDiesBetweenDeletingItsErrorsCsvVersionAndTheClaimsRemoveThenRetried_retryEndsItCleanly()
            throws Exception {
        var older = emulators.put(KEY, OLDER_WITH_ERRORS);
        var later = emulators.put(KEY, LATER_WITH_ERRORS);
        var event = S3Events.putEventJson(older);
        faults.interleaveBeforeCallNaming("PutObject", ".errors.CSV", () -> {
            emulators.deliver(later);
            // the function dies once its delete landed, before the claim is told
            faults.failAfter("UpdateItem", "REMOVE errorsCsvKey", 0, FaultInjector.Fault.CRASH, 1);
        });

        assertThatThrownBy(() -> faultyHandler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15))))
                .isInstanceOf(FaultInjector.SimulatedCrash.class);
        faults.clear();
        var retry = catchThrowable(() -> faultyHandler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15))));

        assertThat(retry).as("Lambda's retry, the version gone already").isNull();
        assertTheKeysReportAndErrorsCsvAreTheLaterUploads(later);
        assertThat(emulators.imports()).filteredOn(item -> "SUPERSEDED".equals(item.get("status").s()))
                .as("the older import, ended SUPERSEDED").singleElement()
                .satisfies(item -> assertThat(item).as("its claim, the version taken back").doesNotContainKey("errorsCsvVersions"));
    }

    /**
     * The first delivery of {@code event} writes (and keeps) its errors CSV, finds no later upload,
     * and dies at its report; then its lease runs out, as it would before Lambda's retry.
     */
    private static void firstDeliveryDiesAtItsReport(String event) throws InterruptedException {
        faults.failAfter("PutObject", ".report.json", 0, FaultInjector.Fault.CRASH, 1);
        assertThatThrownBy(() -> faultyHandler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15))))
                .isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.text(KEY + ".errors.CSV")).as("the first attempt's errors CSV").isPresent();
        emulators.leaseRunsOut(KEY);
    }

    private static final String OLDER_WITH_ERRORS = CSV.replace(",5,", ",not-a-number,");
    private static final String LATER_WITH_ERRORS = CSV.replace(",5,", ",also-wrong,");

    /** Where both uploads of the key have errors, the later one's report and errors CSV are the key's. */
    private static void assertTheKeysReportAndErrorsCsvAreTheLaterUploads(S3Events.Upload later) {
        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).as("the key's report is the later upload's")
                .isEqualTo(later.versionId());
        assertThat(emulators.text(KEY + ".errors.CSV")).as("the errors CSV beside it is the later upload's")
                .hasValueSatisfying(csv -> assertThat(csv).contains("also-wrong").doesNotContain("not-a-number"));
    }

    /** Where the later upload is valid, its report is the key's, and no errors CSV is left beside it. */
    private static void assertTheKeysReportIsTheLaterUploadsWithNoErrorsCsv(S3Events.Upload later) {
        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).as("the key's report is the later upload's")
                .isEqualTo(later.versionId());
        assertThat(emulators.text(KEY + ".errors.CSV")).as("the superseded older upload's errors CSV").isEmpty();
    }

    /**
     * Review "late" (6 Dec 2026): during a deploy, the new version took upload A of a key (its
     * item: uploadRank of A) and an earlier Intake, still running, took the later upload C (SET
     * uploadOrder, sequencer, lastImportId: it knows nothing of uploadRank, which stays A's). The
     * stale rank stayed until the key's next upload, so B's event retried after the deploy (async
     * retries, FailedEventsQueue) was taken and B's older file imported over C's. A rank carries
     * the sequencer it was computed from now, and one of another sequencer is computed again.
     */
    @Test
    void claim_uploadBetweenARankedOneAndALaterOneAnEarlierIntakeTook_superseded() {
        var ledger = ledger();
        var a = ticket("0066AA0011", "\"a\"");
        var b = ticket("0066AA0022", "\"b\"");
        var c = ticket("0066AA0033", "\"c\"");
        var now = Instant.now();
        assertThat(ledger.claim(a, "new-version", now, now.plusSeconds(60))).isInstanceOf(Claim.Acquired.class);
        anEarlierIntakeTook(c, false);

        assertThat(ledger.claim(b, "after-the-deploy", now, now.plusSeconds(60)))
                .as("B is older than C, which the earlier Intake took").isInstanceOf(Claim.Superseded.class);
    }

    /**
     * Review "late": the same stale rank let the new version's own import of A, still validating
     * when the earlier Intake took C, mark COMMITTING and write A's older file over C's.
     */
    @Test
    void markCommitting_laterUploadAnEarlierIntakeTookOverARankedItem_superseded() {
        var ledger = ledger();
        var a = ticket("0077AA0011", "\"a\"");
        var c = ticket("0077AA0033", "\"c\"");
        var now = Instant.now();
        assertThat(ledger.claim(a, "new-version", now, now.plusSeconds(60))).isInstanceOf(Claim.Acquired.class);
        anEarlierIntakeTook(c, false);

        assertThatThrownBy(() -> ledger.markCommitting(a, "new-version", "catalog"))
                .isInstanceOf(UploadSupersededException.class);
    }

    /**
     * Review "late": markCommittingInOrder's ConditionCheck meets an item with no rank (the import
     * claimed by the earlier Intake before the deploy, a later upload taken by it too): it is ranked
     * from the check's ALL_OLD item, and the import then superseded.
     */
    @Test
    void markCommitting_importClaimedByAnEarlierIntakeAndALaterUploadItTook_superseded() {
        var ledger = ledger();
        var a = ticket("0088AA0011", "\"a\"");
        var c = ticket("0088AA0033", "\"c\"");
        var now = Instant.now();
        assertThat(ledger.claim(a, "old-version", now, now.plusSeconds(60))).isInstanceOf(Claim.Acquired.class);
        anEarlierIntakeTook(c, true);

        assertThatThrownBy(() -> ledger.markCommitting(a, "old-version", "catalog"))
                .isInstanceOf(UploadSupersededException.class);
        assertThat(newestUpload(a.keyId() + DynamoImportLedger.NEWEST_UPLOAD)).containsKey("uploadRank");
    }

    /**
     * Review "late" (6 Dec 2026): STILL_LAST_TAKEN took a copy over any unranked item naming the
     * copied import, whatever its sequencer. An earlier Intake recorded the copy C1 of upload U (a
     * restore of U's version); the late event of an earlier copy C0 of U, after the deploy,
     * recorded C0 over it: the item went back to C0's rank and sequencer, and an upload X between
     * C0 and C1, its event late too, was taken and imported over the restore. The item is ranked
     * first now, says C1, and X is superseded.
     */
    @Test
    void recordCopyOfLastUpload_earlierCopyOverAnUnrankedItemHoldingALaterCopy_itemKeepsTheLaterCopy() {
        var ledger = ledger();
        var u = ticket("0099AA0011", "\"u\"");
        var now = Instant.now();
        assertThat(ledger.claim(u, "old-version", now, now.plusSeconds(60))).isInstanceOf(Claim.Acquired.class);
        var table = emulators.aws.config().importsTable();
        var newestKey = u.keyId() + DynamoImportLedger.NEWEST_UPLOAD;
        var old = new HashMap<>(newestUpload(newestKey)); // the earlier Intake recorded the copy C1 of U
        old.remove("uploadRank");
        old.put("sequencer", AttributeValue.fromS("0099AA0044"));
        old.put("uploadOrder", AttributeValue.fromS(ImportTicket.leftPaddedOrderOf("0099AA0044")));
        emulators.aws.dynamo().putItem(b -> b.tableName(table).item(old));

        ledger.recordCopyOfLastUpload(ticket("0099AA0022", "\"u\""), u.source()); // the earlier copy C0's late event

        assertThat(newestUpload(newestKey).get("sequencer").s()).as("the later copy stays the key's newest").isEqualTo("0099AA0044");
        assertThat(ledger.claim(ticket("0099AA0033", "\"x\""), "late-x", now, now.plusSeconds(60)))
                .as("X, uploaded before the copy C1").isInstanceOf(Claim.Superseded.class);
    }

    /** What the Intake before 6 December 2026 (65d66eb) writes on the key's newest-upload item when it takes {@code upload}. */
    private static void anEarlierIntakeTook(ImportTicket upload, boolean noRank) {
        rewriteNewestUpload(item -> {
            item.put("uploadOrder", AttributeValue.fromS(ImportTicket.leftPaddedOrderOf(upload.source().sequencer())));
            item.put("sequencer", AttributeValue.fromS(upload.source().sequencer()));
            item.put("lastImportId", AttributeValue.fromS(upload.importId()));
            if (noRank) {
                item.remove("uploadRank");
            }
        });
    }

    /**
     * A corrected file dropped on the key while the key's earlier upload is still being written (here
     * between its last write and its report) waits for that import to end, validates again on what
     * it left, and is imported: the key's report is the correction's. Until 6 December 2026 it was
     * refused at once (CONCURRENT_CHANGE: the earlier import had not finished), the earlier import's
     * report then replaced the refusal, and the key said SUCCEEDED while the correction was never
     * imported (found by review).
     */
    @Test
    void deliver_correctedFileWhileTheKeysEarlierUploadIsStillWriting_waitsForItAndIsImportedAfter() throws Exception {
        var later = droppedWhileTheEarlierUploadReports("id,location\n1003,Stockroom A\n", "id,location\n1003,Stockroom B\n");

        var report = emulators.report(KEY);
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("source").get("versionId").asText()).isEqualTo(later.versionId());
        assertThat(emulators.imports().stream().filter(item -> item.containsKey("versionId"))
                .map(item -> item.get("status").s()).toList()).containsExactly("SUCCEEDED", "SUCCEEDED");
        assertThat(emulators.inventory("acme")).filteredOn(line -> line.startsWith("{\"id\":1003,"))
                .singleElement().asString().contains("\"location\":\"Stockroom B\"");
    }

    /**
     * As above, but the later file touches none of the records the earlier one writes: it waits
     * all the same, so the key's report is the later file's. Found by review "serveconc" on 7
     * December 2026: it was imported beside the earlier one, whose report, written last, stood at
     * the key.
     */
    @Test
    void deliver_fileTouchingNoneOfTheKeysEarlierUploadsRecordsWhileThatOneIsWriting_waitsAndReportsLast() throws Exception {
        var later = droppedWhileTheEarlierUploadReports("id,location\n1003,Stockroom A\n", "id,location\n1004,Stockroom B\n");

        var report = emulators.report(KEY);
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("source").get("versionId").asText()).isEqualTo(later.versionId());
        assertThat(report.get("counts").get("updated").asInt()).isEqualTo(1);
        assertThat(emulators.inventory("acme")).filteredOn(line -> line.startsWith("{\"id\":1003,"))
                .singleElement().asString().contains("\"location\":\"Stockroom A\"");
        assertThat(emulators.inventory("acme")).filteredOn(line -> line.startsWith("{\"id\":1004,"))
                .singleElement().asString().contains("\"location\":\"Stockroom B\"");
    }

    /**
     * Found by review "own51" (7 December 2026): since "serveconc" an upload waits for the key's
     * earlier upload being written before it reads its file, but the progress line shown while it
     * waited (serve's and ./intake import's stderr) said "read 0 rows, validated; waiting for an
     * earlier upload of this key to finish": it had read and validated nothing.
     */
    @Test
    void deliver_laterUploadWaitingBeforeItValidates_progressLineDoesNotSayItValidated() throws Exception {
        var older = emulators.put(KEY, "id,location\n1003,Stockroom A\n");
        var firstWaiting = new AtomicReference<ImportProgress>();
        var waiting = new CountDownLatch(1);
        var laterHandler = new IntakeHandler(emulators.aws.config(), emulators.aws.s3(), emulators.aws.dynamo(),
                ProgressListener.every(Duration.ZERO, progress -> {
                    if (progress.phase() == ImportProgress.Phase.WAITING && firstWaiting.compareAndSet(null, progress)) {
                        waiting.countDown();
                    }
                }));
        var laterDelivery = new AtomicReference<CompletableFuture<java.util.List<String>>>();
        faults.interleaveBeforeCallNaming("PutObject", ".report.json", () -> {
            var later = emulators.put(KEY, "id,location\n1004,Stockroom B\n");
            laterDelivery.set(CompletableFuture.supplyAsync(() -> laterHandler.handleRequest(
                    S3Events.load(S3Events.putEventJson(later)), Emulators.context(Duration.ofMinutes(15)))));
            try {
                assertThat(waiting.await(60, TimeUnit.SECONDS)).as("the later upload waits for the earlier import").isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));
        laterDelivery.get().get(60, TimeUnit.SECONDS);

        assertThat(ProgressLine.text(firstWaiting.get())).as("shown while it waits, before reading its file")
                .contains("waiting for an earlier upload of this key to finish")
                .doesNotContain("validated");
    }

    /**
     * Uploads {@code earlierCsv} and delivers it; between its last write and its report, uploads
     * {@code laterCsv} to the same key and delivers that on another thread, which must be waiting
     * for the earlier import before the earlier one reports. Returns the later upload, imported.
     */
    private static S3Events.Upload droppedWhileTheEarlierUploadReports(String earlierCsv, String laterCsv) throws Exception {
        var older = emulators.put(KEY, earlierCsv);
        var waiting = new CountDownLatch(1);
        var laterHandler = new IntakeHandler(emulators.aws.config(), emulators.aws.s3(), emulators.aws.dynamo(),
                ProgressListener.every(Duration.ZERO, progress -> {
                    if (progress.phase() == ImportProgress.Phase.WAITING) {
                        waiting.countDown();
                    }
                }));
        var later = new AtomicReference<S3Events.Upload>();
        var laterDelivery = new AtomicReference<CompletableFuture<java.util.List<String>>>();
        faults.interleaveBeforeCallNaming("PutObject", ".report.json", () -> {
            later.set(emulators.put(KEY, laterCsv));
            laterDelivery.set(CompletableFuture.supplyAsync(() -> laterHandler.handleRequest(
                    S3Events.load(S3Events.putEventJson(later.get())), Emulators.context(Duration.ofMinutes(15)))));
            try {
                assertThat(waiting.await(60, TimeUnit.SECONDS)).as("the later upload waits for the earlier import").isTrue();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));
        assertThat(laterDelivery.get().get(60, TimeUnit.SECONDS)).containsExactly(KEY + ".report.json");
        return later.get();
    }

    /**
     * As above, but the earlier upload's delivery dies at its report, so no delivery works on it
     * when the correction comes: the correction's delivery is given back, nothing written, no
     * report (the function fails the invocation), and Lambda's retry of it, after the earlier
     * import's retry has finished that one, imports it. Found by review on 6 December 2026: the
     * correction was refused, then the earlier import's retry reported SUCCEEDED over the refusal.
     */
    @Test
    void deliver_correctedFileWhileTheKeysEarlierUploadWaitsForItsRetry_givenBackAndImportedByItsOwnRetry() throws Exception {
        var older = emulators.put(KEY, "id,location\n1003,Stockroom A\n");
        var olderEvent = diesAtItsReport(older);
        emulators.leaseRunsOut(KEY); // its process is gone
        var later = emulators.put(KEY, "id,location\n1003,Stockroom B\n");
        var laterEvent = S3Events.putEventJson(later);

        assertThatThrownBy(() -> emulators.deliver(laterEvent)).isInstanceOf(EarlierUploadUnfinishedException.class);
        assertThat(emulators.text(KEY + ".report.json")).as("no report yet: the earlier one died before its own").isEmpty();

        faultyHandler.handleRequest(S3Events.load(olderEvent), Emulators.context(Duration.ofMinutes(15))); // the earlier one's retry
        emulators.deliver(laterEvent); // the correction's retry

        var report = emulators.report(KEY);
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("source").get("versionId").asText()).isEqualTo(later.versionId());
        assertThat(emulators.inventory("acme")).filteredOn(line -> line.startsWith("{\"id\":1003,"))
                .singleElement().asString().contains("\"location\":\"Stockroom B\"");
    }

    /**
     * The key's earlier upload needs two invocations: its first stops at its deadline mid-commit
     * and gives its claim back, on Lambda saying its retry is due within three minutes. A
     * correction uploaded before that retry waits for it, as for a live delivery, and is imported
     * after the earlier file, its report the key's. Found by review "lambdaretries" on 7 December
     * 2026: the correction was given back at once, its own retries racing the earlier one's, and
     * where the earlier one took most of its second invocation, the correction ended in
     * FailedEventsQueue. Here the earlier one's retry comes 3 seconds after the correction's delivery.
     */
    @Test
    void deliver_correctedFileWhileTheKeysEarlierUploadStoppedAtItsDeadlineAwaitsItsRetry_waitsForThatRetryAndIsImportedAfter()
            throws Exception {
        var older = emulators.put(KEY, "id,location\n1003,Stockroom A\n1004,Stockroom A\n1005,Stockroom A\n");
        var olderEvent = S3Events.putEventJson(older);
        var pastTheDeadline = new java.util.concurrent.atomic.AtomicBoolean();
        var clock = new java.time.Clock() {
            @Override
            public Instant instant() {
                return pastTheDeadline.get() ? Instant.now().plus(Duration.ofDays(1)) : Instant.now();
            }

            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public java.time.Clock withZone(java.time.ZoneId zone) {
                return this;
            }
        };
        var stopping = new IntakeHandler(onLambda(emulators.aws.config()), emulators.aws.s3(), emulators.aws.dynamo(),
                ProgressListener.every(Duration.ZERO, progress -> {
                    if (progress.phase() == ImportProgress.Phase.COMMITTING) {
                        pastTheDeadline.set(true); // the invocation's time runs out mid-commit
                    }
                }));
        assertThatThrownBy(() -> stopping.handleRequest(S3Events.load(olderEvent), new LocalContext("us-east-1",
                Duration.ofMinutes(15), clock, new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))))
                .isInstanceOf(dev.intake.core.imports.DeadlineReachedException.class);
        var stopped = emulators.imports().stream().filter(item -> item.containsKey("versionId")).toList();
        assertThat(stopped).as("the earlier import, stopped mid-commit").singleElement()
                .satisfies(item -> assertThat(item.get("status").s()).isEqualTo("COMMITTING"))
                .satisfies(item -> assertThat(Instant.ofEpochMilli(Long.parseLong(item.get("retryDueBy").n())))
                        .as("its retry due").isBetween(Instant.now().plus(Duration.ofMinutes(2)), Instant.now().plus(Duration.ofMinutes(3))));

        var later = emulators.put(KEY, "id,location\n1003,Stockroom B\n");
        var laterDelivery = CompletableFuture.supplyAsync(() -> emulators.deliver(S3Events.putEventJson(later)));
        Thread.sleep(3_000); // Lambda's retry of the stopped delivery: a minute after it, here sooner
        faultyHandler.handleRequest(S3Events.load(olderEvent), Emulators.context(Duration.ofMinutes(15)));

        assertThat(laterDelivery.handle((reports, thrown) -> thrown == null ? reports : List.of(String.valueOf(thrown)))
                .get(60, TimeUnit.SECONDS)).as("the correction's delivery").containsExactly(KEY + ".report.json");
        var report = emulators.report(KEY);
        assertThat(report.get("source").get("versionId").asText()).isEqualTo(later.versionId());
        assertThat(emulators.inventory("acme")).filteredOn(line -> line.startsWith("{\"id\":1003,"))
                .singleElement().asString().contains("\"location\":\"Stockroom B\"");
    }

    /**
     * The key's earlier upload can never be finished (its journal was begun more than 30 days ago:
     * every delivery fails with "cannot be finished or undone", docs/lifecycle.md "A journal that
     * expired"). A later upload of the key touching none of its records is imported, its report
     * at the key; one touching its records is refused CONCURRENT_CHANGE naming the stuck import,
     * nothing written. Found by review "lambdaretries" on 7 December 2026: every later upload of
     * the key was given back on every attempt, no report, the event in FailedEventsQueue, and
     * deploy.md's procedure could not work, since the earlier one never ends.
     */
    @Test
    void deliver_laterUploadsOfAKeyWhoseEarlierImportCanNeverBeFinished_importedOrRefusedNotGivenBack() throws Exception {
        var older = emulators.put(KEY, "id,location\n1003,Stockroom A\n");
        var olderEvent = diesAtItsReport(older);
        var claim = emulators.imports().stream()
                .filter(item -> item.containsKey("versionId") && older.versionId().equals(item.get("versionId").s()))
                .findFirst().orElseThrow();
        emulators.journalBegunAMonthEarlier(claim);
        emulators.leaseRunsOut(KEY);
        assertThat(catchThrowable(() -> faultyHandler.handleRequest(S3Events.load(olderEvent), Emulators.context(Duration.ofMinutes(15)))))
                .as("the earlier import's retry").hasMessageContaining("cannot be finished or undone");
        emulators.leaseRunsOut(KEY);

        var later = emulators.put(KEY, "id,location\n1004,Stockroom B\n");
        var laterEvent = S3Events.putEventJson(later);
        for (int attempt = 1; attempt <= 3; attempt++) { // the upload's delivery and Lambda's two retries
            var thrown = catchThrowable(() -> emulators.deliver(laterEvent));
            if (thrown == null) {
                break;
            }
            assertThat(thrown).as("attempt " + attempt + " of the later upload").isNotInstanceOf(EarlierUploadUnfinishedException.class);
        }

        assertThat(emulators.text(KEY + ".report.json")).as("a report at the key for the later upload").isPresent();
        assertThat(emulators.report(KEY).get("source").get("versionId").asText()).isEqualTo(later.versionId());
        assertThat(emulators.report(KEY).get("status").asText()).isEqualTo("SUCCEEDED");

        var touching = emulators.put(KEY, "id,location\n1003,Stockroom B\n");
        emulators.deliver(S3Events.putEventJson(touching));

        var refused = emulators.report(KEY);
        assertThat(refused.get("source").get("versionId").asText()).isEqualTo(touching.versionId());
        assertThat(refused.get("status").asText()).isEqualTo("FAILED");
        assertThat(refused.get("errors").get(0).get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(refused.get("errors").get(0).get("message").asText()).contains("not finished").contains(claim.get("importId").s());
        assertThat(emulators.inventory("acme")).filteredOn(line -> line.startsWith("{\"id\":1003,"))
                .singleElement().asString().contains("\"location\":\"Stockroom A\"");
    }

    /**
     * Delivers the upload, its delivery dying as it writes the report: the import written whole,
     * unfinished, its lease still running. Returns the upload's event (JSON).
     */
    private static String diesAtItsReport(S3Events.Upload upload) {
        var event = S3Events.putEventJson(upload);
        faults.failAfter("PutObject", ".report.json", 0, FaultInjector.Fault.CRASH, 1);
        assertThatThrownBy(() -> faultyHandler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15))))
                .isInstanceOf(FaultInjector.SimulatedCrash.class);
        faults.clear();
        return event;
    }

    /** The settings of a function on Lambda, whose failed invocations Lambda delivers again by itself. */
    private static IntakeConfig onLambda(IntakeConfig c) {
        return new IntakeConfig(c.inventoryTable(), c.catalogTable(), c.importsTable(), c.purchaseOrdersTable(),
                c.serialsTable(), c.limits(), c.lease(), c.writeConcurrency(), c.createWrites(), IntakeConfig.LAMBDA_RETRIES_WITHIN);
    }

    /**
     * Locally there is no Lambda retry: the next ./intake import, invoke, catalog or serve delivers
     * the events of unfinished imports again, in {@link BucketImports#unfinishedOnly}'s order. A
     * correction given back over the key's earlier upload must come after it, or it is given back
     * again and waits for yet another command. Found by review on 6 December 2026: the list was in
     * the table's scan order, and for some keys the correction came first.
     */
    @Test
    void unfinishedOnly_listsTheEarlierUploadOfAKeyBeforeTheCorrectionGivenBackOverIt() throws Exception {
        var ids = List.of(1004, 1005, 1007, 1008, 1009, 1010);
        var earlierIds = new java.util.HashMap<String, String>();
        for (int i = 0; i < ids.size(); i++) {
            var key = "acme/part-inventory/order-" + i + ".csv";
            var older = emulators.put(key, "id,location\n" + ids.get(i) + ",Receiving\n");
            faults.failAfter("PutObject", ".report.json", 0, FaultInjector.Fault.CRASH, 1);
            assertThatThrownBy(() -> faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)),
                    Emulators.context(Duration.ofMinutes(15)))).isInstanceOf(FaultInjector.SimulatedCrash.class);
            faults.clear();
            emulators.leaseRunsOut(key);
            earlierIds.put(key, ImportTicket.idOf(dev.intake.aws.S3EventRecords.sourceOf(
                    S3Events.load(S3Events.putEventJson(older)).getRecords().getFirst())));
            var later = S3Events.putEventJson(emulators.put(key, "id,location\n" + ids.get(i) + ",Quarantine\n"));
            assertThatThrownBy(() -> emulators.deliver(later)).isInstanceOf(EarlierUploadUnfinishedException.class);
        }

        var order = BucketImports.unfinishedOnly(emulators.aws).stream()
                .map(left -> left.key() + " " + left.sequencer()).toList();

        for (var key : earlierIds.keySet()) {
            var ofTheKey = order.stream().filter(line -> line.startsWith(key + " ")).toList();
            assertThat(ofTheKey).as("the uploads of " + key + " in the order the next command finishes them").hasSize(2);
            assertThat(ofTheKey).as("the earlier upload of " + key + " first (whole list: " + order + ")")
                    .isSortedAccordingTo(java.util.Comparator.comparing(line -> ImportTicket.orderOf(line.split(" ")[1]).orElse("")));
        }
    }

    /**
     * What a local user reads when their upload is given back over the key's earlier upload: not
     * imported yet, nothing written, what finishes it (no Lambda retry locally), and the cause kept
     * for ./intake serve to deliver it again. Found by review on 6 December 2026: it read "the
     * handler failed (Lambda would retry this event)" and "running this import again would then
     * import the file a second time", then the serve's "upload the file again to retry".
     */
    @Test
    void localDeliver_uploadGivenBackOverTheKeysEarlierUpload_saysNotImportedYetAndWhatFinishesIt() {
        var older = emulators.put(KEY, "id,location\n1003,Stockroom A\n");
        faults.failAfter("PutObject", ".report.json", 0, FaultInjector.Fault.CRASH, 1);
        assertThatThrownBy(() -> faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)),
                Emulators.context(Duration.ofMinutes(15)))).isInstanceOf(FaultInjector.SimulatedCrash.class);
        faults.clear();
        emulators.leaseRunsOut(KEY);
        var later = S3Events.putEventJson(emulators.put(KEY, "id,location\n1003,Stockroom B\n"));
        var sink = new java.io.PrintStream(new java.io.ByteArrayOutputStream(), true);
        var invoke = new LocalInvoke(emulators.aws, new Sequencer(null, java.time.Clock.systemUTC()), sink, sink,
                ProgressListener.NONE, LocalInvoke.ReportStyle.WHOLE);

        assertThatThrownBy(() -> invoke.deliver(later)).isInstanceOf(CliFailure.class)
                .hasMessageStartingWith("not imported yet, nothing written: import ")
                .hasMessageContaining("an earlier upload of this key, which began writing and has not finished. The next"
                        + " ./intake import, invoke, catalog or serve finishes it first (once its lease has run out), then this one")
                .hasMessageNotContaining("Lambda").hasMessageNotContaining("a second time")
                .hasCauseInstanceOf(EarlierUploadUnfinishedException.class);
    }

    /** The ledger as the function's handler has it, on the emulators' imports table. */
    private static DynamoImportLedger ledger() {
        return new DynamoImportLedger(emulators.aws.dynamo(), emulators.aws.config().importsTable());
    }

    private static ImportTicket ticket(String sequencer, String eTag) {
        return ImportTicket.of(new SourceObject(emulators.aws.bucket(),
                KEY, null, eTag, sequencer, CSV.length()), "acme", "part-inventory", ImportMode.COMMIT);
    }

    /** The claim's next {@code times} transactions are cancelled as DynamoDB cancels one racing another on the same items. */
    private static void conflictOnTheClaim(int times) {
        if (times == 0) {
            return;
        }
        faults.interleaveBeforeCallNaming("PutItem", DynamoImportLedger.NEWEST_UPLOAD, () -> {
            conflictOnTheClaim(times - 1);
            throw cancelled("TransactionConflict", "TransactionConflict");
        });
    }

    /** As DynamoDB cancels the claim's transaction: a reason for the claim, then for the key's newest upload. */
    private static TransactionCanceledException cancelled(String claimReason, String newestUploadReason) {
        return (TransactionCanceledException) TransactionCanceledException.builder()
                .statusCode(400).message("Transaction cancelled [" + claimReason + ", " + newestUploadReason + "]")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException").build())
                .cancellationReasons(CancellationReason.builder().code(claimReason).build(),
                        CancellationReason.builder().code(newestUploadReason).build())
                .build();
    }
}
