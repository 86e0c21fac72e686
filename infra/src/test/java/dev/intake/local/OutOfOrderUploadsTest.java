package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.aws.DynamoImportLedger;
import dev.intake.core.imports.DeadlineReachedException;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.imports.ImportTicket;
import dev.intake.core.imports.ProgressListener;
import dev.intake.core.report.SourceObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * S3 does not promise to deliver a key's events in upload order. When a later upload's event
 * comes first, the older upload's (a smaller sequencer) is not imported, and writes no report: the
 * later file is the one the user means. It used to import the older file over the later one's
 * records and replace its report (or, on an unversioned bucket, where the older bytes are gone,
 * replace it with a FILE_UNAVAILABLE report). Through the real handler, on both kinds of bucket.
 */
class OutOfOrderUploadsTest {

    private static final String KEY = "acme/part-inventory/cycle-count.csv";
    private static final String OLDER = "part_number,lot_number,quantity,location\nFST-M3-10,L-ORDER,5,Stockroom A\n";
    private static final String LATER = "part_number,lot_number,quantity,location\nFST-M3-10,L-ORDER,7,Stockroom A\n";

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @BeforeEach
    void catalog() throws Exception {
        emulators.resetWithAcmeCatalog();
    }

    @ParameterizedTest(name = "versioned bucket {0}")
    @ValueSource(booleans = {true, false})
    void deliver_olderUploadsEventAfterTheLaterOnes_notImportedAndTheLaterReportStands(boolean versioned) throws Exception {
        var older = upload(OLDER, versioned);
        var later = upload(LATER, versioned);
        emulators.deliver(later);
        var inventory = emulators.inventory("acme");
        var report = emulators.report(KEY);
        var log = new ByteArrayOutputStream();

        var reports = deliver(older, log);

        assertThat(reports).isEmpty();
        assertThat(emulators.inventory("acme")).isEqualTo(inventory)
                .anySatisfy(line -> assertThat(line).contains("\"lotNumber\":\"L-ORDER\"", "\"quantity\":7"));
        assertThat(emulators.report(KEY)).isEqualTo(report);
        assertThat(emulators.imports()).hasSize(1);
        assertThat(log.toString()).contains("older upload not imported", "\"laterSequencer\":\"" + later.sequencer() + "\"");
    }

    @ParameterizedTest(name = "versioned bucket {0}")
    @ValueSource(booleans = {true, false})
    void deliver_eventsInUploadOrder_importsBothAndTheLaterOneStands(boolean versioned) throws Exception {
        var older = emulators.put(KEY, OLDER);
        emulators.deliver(versioned ? older : unversioned(older));
        var later = upload(LATER, versioned);

        emulators.deliver(later);

        assertThat(emulators.report(KEY).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory("acme")).anySatisfy(line -> assertThat(line).contains("\"lotNumber\":\"L-ORDER\"", "\"quantity\":7"));
        assertThat(emulators.imports()).hasSize(2);
    }

    /**
     * S3 names the version of an object stored while a bucket's versioning is suspended (or was
     * never enabled) "null", and the next upload of the key overwrites it. Such events used to be
     * identified by that version id, the same for every upload of the key: the second upload was
     * taken for a repeat of the first and never imported, and a read of version "null" could get
     * a later upload's bytes. Found while reading the stop-29 notes, where it was left unverified.
     */
    @Test
    void deliver_uploadsOfAVersioningSuspendedBucket_eachImportedAndTheLaterOneStands() {
        emulators.deliver(suspended(emulators.put(KEY, OLDER)));
        var later = suspended(emulators.put(KEY, LATER));

        emulators.deliver(later);

        assertThat(emulators.report(KEY).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory("acme")).anySatisfy(line -> assertThat(line).contains("\"lotNumber\":\"L-ORDER\"", "\"quantity\":7"));
        assertThat(emulators.imports()).hasSize(2);
    }

    /**
     * An older upload's import that stopped before it wrote anything (its deadline, a crash while
     * validating: status RUNNING) has nothing to finish or undo. Once a later upload of the key was
     * imported, Lambda's retry of the older one must not import it over the later one: on a
     * versioned bucket its records ended on top, on an unversioned one a FILE_UNAVAILABLE report
     * replaced the later one's, as before ordering (found by review).
     */
    @ParameterizedTest(name = "versioned bucket {0}")
    @ValueSource(booleans = {true, false})
    void deliver_olderUploadStoppedBeforeWritingThenALaterOneImported_retryLeavesTheLaterOneStanding(boolean versioned)
            throws Exception {
        var older = upload(OLDER, versioned);
        assertThatThrownBy(() -> emulators.handler.handleRequest(
                S3Events.load(S3Events.putEventJson(older)), Emulators.contextLeaving(Duration.ofSeconds(19))))
                .isInstanceOf(DeadlineReachedException.class);
        var later = upload(LATER, versioned);
        emulators.deliver(later);
        var inventory = emulators.inventory("acme");
        var report = emulators.report(KEY);

        deliver(older, new ByteArrayOutputStream()); // Lambda's retry of the older upload's event

        assertThat(emulators.inventory("acme")).isEqualTo(inventory)
                .anySatisfy(line -> assertThat(line).contains("\"lotNumber\":\"L-ORDER\"", "\"quantity\":7"));
        assertThat(emulators.report(KEY)).isEqualTo(report);
    }

    /**
     * A SUPERSEDED import outlives its key's newest-upload item (claims keep no TTL; the newest
     * upload expires after a month). ./intake still says the upload was not imported: it used to
     * say "already finished (a repeated delivery of the same upload)" and print the report at the
     * key's report path, which is the later upload's, as this import's (found by review).
     */
    @Test
    void invoke_supersededImportAfterItsKeysNewestUploadExpired_saysNotImportedNotTheLaterReport() throws Exception {
        var older = upload(OLDER, false);
        assertThatThrownBy(() -> emulators.handler.handleRequest(
                S3Events.load(S3Events.putEventJson(older)), Emulators.contextLeaving(Duration.ofSeconds(19))))
                .isInstanceOf(DeadlineReachedException.class);
        emulators.deliver(upload(LATER, false));
        deliver(older, new ByteArrayOutputStream());
        assertThat(emulators.imports()).extracting(item -> item.get("status").s()).contains("SUPERSEDED");
        var keyId = ImportTicket.of(new SourceObject(older.bucket(), KEY,
                null, null, null, 0), "", "", ImportMode.COMMIT).keyId();
        emulators.aws.dynamo().deleteItem(b -> b.tableName(emulators.aws.config().importsTable()).key(Map.of(
                "importId", AttributeValue.fromS(
                        keyId + DynamoImportLedger.NEWEST_UPLOAD)))); // as its TTL would
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();

        int exit = new LocalInvoke(emulators.aws, new Sequencer(null, Clock.systemUTC()), new PrintStream(out, true),
                new PrintStream(err, true), ProgressListener.NONE, LocalInvoke.ReportStyle.WHOLE)
                .deliver(S3Events.putEventJson(older));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).doesNotContain("already finished");
        assertThat(out.toString()).isEmpty();
    }

    private static S3Events.Upload upload(String csv, boolean versioned) {
        var put = emulators.put(KEY, csv);
        return versioned ? put : unversioned(put);
    }

    /**
     * Found by review "lateredrive" on 7 December 2026: events/README.md ("Against AWS") has an
     * operator replay a sample event with the sequencer of the real upload, which ImportsTable keeps
     * for the key; the sample has no versionId. S3 gives each upload of a key its own sequencer, so
     * an event with the sequencer of an upload already taken is that upload again. It was taken for
     * a new upload (its import id is bucket + key + eTag + sequencer, the deployed one's the
     * versionId): on a commit key the file's creates were made a second time, its report replaced.
     * It is a repeated delivery now, and says so; a dry run may still run again (events/README.md).
     */
    @Test
    void deliver_uploadsEventReplayedByHandWithoutItsVersionId_doesNotImportItAgain() throws Exception {
        var upload = emulators.put(KEY, LATER); // the deployed, versioned bucket
        emulators.deliver(upload);
        var inventory = emulators.inventory("acme");
        var report = emulators.report(KEY);
        var log = new ByteArrayOutputStream();

        assertThat(deliver(unversioned(upload), log)).as("reports written").isEmpty(); // the same upload's event, no versionId

        assertThat(emulators.inventory("acme")).as("the file's records once").isEqualTo(inventory);
        assertThat(emulators.report(KEY)).as("the import's report").isEqualTo(report);
        assertThat(log.toString()).contains("nothing to do: this upload was taken already, as import " + report.get("importId").asText()
                + "; this event names it otherwise (no versionId, or another eTag, with the upload's sequencer): a repeated delivery");
        // ./intake invoke of such an event says the same, where it said only that it "left no record"
        var err = new ByteArrayOutputStream();
        int exit = new LocalInvoke(emulators.aws, new Sequencer(null, Clock.systemUTC()), new PrintStream(new ByteArrayOutputStream(), true),
                new PrintStream(err, true), ProgressListener.NONE, LocalInvoke.ReportStyle.WHOLE)
                .deliver(S3Events.putEventJson(unversioned(upload)));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("Not imported: this event's upload of s3://" + upload.bucket() + "/" + KEY
                + " (sequencer " + upload.sequencer() + ") was taken already, as import " + report.get("importId").asText());
    }

    /** A dry run of an upload taken already runs again when its event names it otherwise: it writes only its report. */
    @Test
    void deliver_dryRunsEventReplayedByHandWithoutItsVersionId_validatesAgain() throws Exception {
        var key = "acme/part-inventory/validate/order.csv";
        var upload = emulators.put(key, LATER);
        emulators.deliver(upload);
        var first = emulators.report(key);

        assertThat(deliver(unversioned(upload), new ByteArrayOutputStream())).containsExactly(key + ".report.json");

        assertThat(emulators.report(key).get("status").asText()).isEqualTo("VALIDATED");
        assertThat(emulators.report(key).get("importId").asText()).isNotEqualTo(first.get("importId").asText());
    }

    /** The same upload as an unversioned bucket's event names it: no versionId, read by eTag. */
    private static S3Events.Upload unversioned(S3Events.Upload put) {
        return new S3Events.Upload(put.region(), put.bucket(), put.key(), put.size(), put.eTag(), null, put.sequencer(), put.time());
    }

    /** The same upload as a versioning-suspended bucket's event names it: version "null". */
    private static S3Events.Upload suspended(S3Events.Upload put) {
        return new S3Events.Upload(put.region(), put.bucket(), put.key(), put.size(), put.eTag(), "null", put.sequencer(), put.time());
    }

    private static List<String> deliver(S3Events.Upload upload, ByteArrayOutputStream log) {
        return emulators.handler.handleRequest(S3Events.load(S3Events.putEventJson(upload)),
                new LocalContext("us-east-1", Duration.ofMinutes(15), Clock.systemUTC(), new PrintStream(log, true)));
    }
}
