package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.IntakeHandler;
import dev.intake.aws.EmfMetrics;
import dev.intake.aws.ImportEvents;
import dev.intake.aws.JsonLog;
import dev.intake.aws.Telemetry;
import dev.intake.core.imports.ImportProgress;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * What one import tells the world through the real handler against the emulators: structured log
 * lines whose fields are JSON fields, one EMF metrics document, and one "Import Finished" event,
 * recorded as the PutEvents request the real EventBridge client sends (its HTTP client records
 * the request and answers as EventBridge does).
 */
class TelemetryTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ORGS = new AtomicInteger();
    private static final String VALID = "part_number,quantity,location\nFST-M3-10,5,Stockroom A\nFST-M3-10,2,Stockroom A\n";
    private static final String INVALID = "part_number,quantity,location\nFST-M3-10,-5,Stockroom A\n";
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    private final List<Line> lines = new ArrayList<>();
    private final RecordingEventBridge eventBridge = new RecordingEventBridge();

    private record Line(LogLevel level, JsonNode json) {}

    @Test
    void handleRequest_committedImport_logsJsonFieldsWritesOneEmfDocumentAndPublishesOneEvent() throws Exception {
        var org = freshOrg();
        var key = org + "/part-inventory/receiving.csv";

        var context = Emulators.context(Duration.ofMinutes(15));
        handler("intake-bus").handleRequest(S3Events.load(uploadedBy(emulators.put(key, VALID), "AWS:AIDAUPLOADER", "203.0.113.9")),
                context);

        var finished = single("import finished");
        assertThat(finished.level()).isEqualTo(LogLevel.INFO);
        var line = finished.json();
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("AWSRequestId").asText()).isEqualTo(context.getAwsRequestId());
        assertThat(line.get("timestamp").asText()).isNotBlank();
        assertThat(line.get("org").asText()).isEqualTo(org);
        assertThat(line.get("importer").asText()).isEqualTo("part-inventory");
        assertThat(line.get("key").asText()).isEqualTo(key);
        assertThat(line.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(line.get("rows").asInt()).isEqualTo(2);
        assertThat(line.get("created").asInt()).isEqualTo(2);
        assertThat(line.get("errors").asInt()).isZero();
        assertThat(line.get("durationMs").isNumber()).isTrue();
        assertThat(line.get("rowsPerSecond").isNumber()).isTrue();
        assertThat(line.get("importId").asText()).hasSize(32);
        assertThat(line.get("uploader").get("principalId").asText()).isEqualTo("AWS:AIDAUPLOADER");

        var emf = documents();
        assertThat(emf).hasSize(1);
        var metrics = emf.getFirst();
        var directive = metrics.get("_aws").get("CloudWatchMetrics").get(0);
        assertThat(directive.get("Namespace").asText()).isEqualTo("Intake");
        assertThat(directive.get("Dimensions").toString()).isEqualTo("[[\"importer\",\"status\"],[\"status\"]]");
        assertThat(directive.get("Metrics").findValuesAsText("Name"))
                .containsExactly("Imports", "Rows", "Created", "Updated", "Errors", "Duration", "RowsPerSecond",
                        "EventsNotPublished");
        assertThat(metrics.get("importer").asText()).isEqualTo("part-inventory");
        assertThat(metrics.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(metrics.get("org").asText()).isEqualTo(org);
        assertThat(metrics.get("Rows").asInt()).isEqualTo(2);
        assertThat(metrics.get("Created").asInt()).isEqualTo(2);
        assertThat(metrics.get("EventsNotPublished").asInt()).isZero();

        assertThat(eventBridge.requests).hasSize(1);
        var entries = eventBridge.requests.getFirst().get("Entries");
        assertThat(entries).hasSize(1);
        var entry = entries.get(0);
        assertThat(entry.get("Source").asText()).isEqualTo("intake");
        assertThat(entry.get("DetailType").asText()).isEqualTo("Import Finished");
        assertThat(entry.get("EventBusName").asText()).isEqualTo("intake-bus");
        var detail = JSON.readTree(entry.get("Detail").asText());
        assertThat(detail.get("importId").asText()).isEqualTo(line.get("importId").asText());
        assertThat(detail.get("org").asText()).isEqualTo(org);
        assertThat(detail.get("importer").asText()).isEqualTo("part-inventory");
        assertThat(detail.get("mode").asText()).isEqualTo("commit");
        assertThat(detail.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(detail.get("counts").toString()).isEqualTo("{\"rows\":2,\"created\":2,\"updated\":0,\"errors\":0}");
        assertThat(detail.get("key").asText()).isEqualTo(key);
        assertThat(detail.get("reportKey").asText()).isEqualTo(key + ".report.json");
        assertThat(detail.get("uploader").toString())
                .isEqualTo("{\"principalId\":\"AWS:AIDAUPLOADER\",\"sourceIp\":\"203.0.113.9\"}");
    }

    @Test
    void handleRequest_uploaderInEvent_isInTheReportAndTheHistory() throws Exception {
        var key = freshOrg() + "/part-inventory/receiving.csv";

        handler("intake-bus").handleRequest(S3Events.load(uploadedBy(emulators.put(key, VALID), "AWS:AROAROLE:ana", "198.51.100.7")),
                Emulators.context(Duration.ofMinutes(15)));

        var report = emulators.report(key);
        assertThat(report.get("source").get("uploader").toString())
                .isEqualTo("{\"principalId\":\"AWS:AROAROLE:ana\",\"sourceIp\":\"198.51.100.7\"}");
        var history = emulators.imports().stream()
                .filter(item -> item.get("importId").s().equals(report.get("importId").asText())).findFirst().orElseThrow();
        assertThat(history.get("uploader").m().get("principalId").s()).isEqualTo("AWS:AROAROLE:ana");
        assertThat(history.get("uploader").m().get("sourceIp").s()).isEqualTo("198.51.100.7");
    }

    /**
     * S3 keys take at most 1,024 bytes, and a report's key adds 12 to its upload's: for a longer
     * upload no report can be written, so nothing is imported, nothing retried, and the log says
     * why at ERROR. It counts as one FAILED import of no importer, so FailedImportsAlarm fires for
     * it (found by review: it was in the log line only), and the history holds it, FAILED with no
     * report and no org. The object itself is never read.
     */
    @Test
    void handleRequest_keyLeavingNoRoomForItsReport_notImportedLoggedAsErrorAndCountedAsFailed() {
        var key = freshOrg() + "/part-inventory/" + "n".repeat(1_000) + ".csv";
        var upload = new S3Events.Upload(emulators.aws.region(), emulators.aws.bucket(), key, 60, "etag", null,
                "00000000000000A1", Instant.now());

        var reportKeys = handler("intake-bus").handleRequest(S3Events.load(S3Events.putEventJson(upload)),
                Emulators.context(Duration.ofMinutes(15)));

        assertThat(reportKeys).isEmpty();
        var line = single("file not imported: its key is too long");
        assertThat(line.level()).isEqualTo(LogLevel.ERROR);
        assertThat(line.json().get("key").asText()).isEqualTo(key);
        assertThat(line.json().get("outcome").asText()).contains("1012 bytes", "shorter name");
        var document = documents().getFirst();
        assertThat(documents()).hasSize(1);
        assertThat(document.get("status").asText()).isEqualTo("FAILED");
        assertThat(document.get("importer").asText()).isEqualTo("none");
        assertThat(document.get("Imports").asInt()).isEqualTo(1);
        assertThat(document.get("Errors").asInt()).isEqualTo(1);
        assertThat(eventBridge.requests).isEmpty();
        assertThat(emulators.imports()).filteredOn(item -> item.get("key").s().equals(key)).singleElement()
                .satisfies(item -> {
                    assertThat(item.get("status").s()).isEqualTo("FAILED");
                    assertThat(item).doesNotContainKeys("reportKey", "org");
                });
    }

    @Test
    void handleRequest_failedImport_logsAtWarnAndCountsTheFailure() {
        var key = freshOrg() + "/part-inventory/bad.csv";

        handler("intake-bus").handleRequest(S3Events.load(S3Events.putEventJson(emulators.put(key, INVALID))),
                Emulators.context(Duration.ofMinutes(15)));

        var failed = single("import failed");
        assertThat(failed.level()).isEqualTo(LogLevel.WARN);
        assertThat(failed.json().get("status").asText()).isEqualTo("FAILED");
        assertThat(failed.json().get("errors").asInt()).isEqualTo(1);
        assertThat(failed.json().get("errorCodes").toString()).isEqualTo("[\"NEGATIVE_NUMBER\"]");
        assertThat(documents().getFirst().get("status").asText()).isEqualTo("FAILED");
        assertThat(documents().getFirst().get("Errors").asInt()).isEqualTo(1);
    }

    /**
     * A key's second segment is whatever the uploader typed: as the importer dimension, each new
     * one made a new set of metrics (found by review). It is "unknown" there, and a property.
     */
    @Test
    void handleRequest_unknownImporter_keepsTheImporterDimensionToAFewValues() {
        var typed = "anything-an-uploader-types-" + ORGS.incrementAndGet();
        var key = freshOrg() + "/" + typed + "/receiving.csv";

        handler("intake-bus").handleRequest(S3Events.load(S3Events.putEventJson(emulators.put(key, VALID))),
                Emulators.context(Duration.ofMinutes(15)));

        var metrics = documents().getFirst();
        assertThat(metrics.get("status").asText()).isEqualTo("FAILED");
        assertThat(metrics.get("importer").asText()).isEqualTo("unknown");
        assertThat(metrics.get("keyImporter").asText()).isEqualTo(typed);
    }

    @Test
    void handleRequest_eventBridgeRefusesTheEvent_logsAnErrorCountsItAndStillReturnsTheReport() {
        var key = freshOrg() + "/part-inventory/receiving.csv";
        eventBridge.refuse = true;

        var written = handler("intake-bus").handleRequest(S3Events.load(S3Events.putEventJson(emulators.put(key, VALID))),
                Emulators.context(Duration.ofMinutes(15)));

        assertThat(written).containsExactly(key + ".report.json");
        var error = single("the Import Finished event was not accepted");
        assertThat(error.level()).isEqualTo(LogLevel.ERROR);
        assertThat(error.json().get("key").asText()).isEqualTo(key);
        // the import's own document is written before the event is sent; the lost event gets one of its own
        assertThat(documents()).hasSize(2);
        assertThat(documents().get(0).get("Imports").asInt()).isEqualTo(1);
        assertThat(documents().get(0).get("EventsNotPublished").asInt()).isEqualTo(0);
        var lost = documents().get(1);
        assertThat(lost.get("EventsNotPublished").asInt()).isEqualTo(1);
        assertThat(lost.has("Imports")).as("a lost event's document counts no second import").isFalse();
        assertThat(lost.get("importId").asText()).isEqualTo(documents().get(0).get("importId").asText());
        assertThat(lost.at("/_aws/CloudWatchMetrics/0/Metrics").findValuesAsText("Name")).containsExactly("EventsNotPublished");
    }

    @Test
    void handleRequest_withoutAnEventBus_countsNoEventAsNotPublished() {
        var key = freshOrg() + "/part-inventory/receiving.csv";

        new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.functionDynamo(),
                new Telemetry(recordingLog(), new EmfMetrics("Intake"), ImportEvents.NONE))
                .handleRequest(S3Events.load(S3Events.putEventJson(emulators.put(key, VALID))),
                        Emulators.context(Duration.ofMinutes(15)));

        // (which environment means no events: TelemetryConfigTest)
        assertThat(documents().getFirst().get("EventsNotPublished").asInt()).isZero();
    }

    @Test
    void handleRequest_repeatedDelivery_logsThatItHadNothingToDoAndSendsNoSecondEvent() {
        var key = freshOrg() + "/part-inventory/receiving.csv";
        var event = S3Events.putEventJson(emulators.put(key, VALID));
        var handler = handler("intake-bus");

        handler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
        handler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));

        assertThat(single("nothing to do").json().get("outcome").asText()).isEqualTo(
                "nothing to do: this upload's import already ran (a repeated delivery): SUCCEEDED, report " + key + ".report.json");
        assertThat(eventBridge.requests).hasSize(1);
        assertThat(documents()).hasSize(1);
    }

    /**
     * A file whose key names no org (at the bucket's root) is claimed like any other: delivered
     * twice, it sends one Import Finished event and one FAILED metric. It used to get a report
     * but no claim, and every delivery counted one more FAILED import (found by review).
     */
    @Test
    void handleRequest_repeatedDeliveryOfAFileOutsideAnyOrg_sendsNoSecondEventAndNoSecondMetricsDocument() {
        var key = "stray-" + ORGS.incrementAndGet() + ".csv";
        var event = S3Events.putEventJson(emulators.put(key, VALID));
        var handler = handler("intake-bus");

        handler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
        handler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));

        assertThat(eventBridge.requests).as("Import Finished events for one upload delivered twice").hasSize(1);
        assertThat(documents()).as("EMF documents (each counts one more FAILED import)").hasSize(1);
    }

    /**
     * A table variable naming the wrong table: an ERROR line that says the file was not imported
     * and names the variable, not "import interrupted; … the retry resumes it", which no retry
     * does (found by review on 6 December 2026).
     */
    @Test
    void handleRequest_tableVariableWrong_logsAnErrorNamingItAndNoImport() {
        var key = freshOrg() + "/part-inventory/receiving.csv";
        var c = emulators.aws.config();
        var wrong = new dev.intake.IntakeConfig(c.inventoryTable(), c.catalogTable(), c.importsTable(), c.purchaseOrdersTable(),
                "no-such-serials", c.limits(), c.lease(), c.writeConcurrency(), c.createWrites());
        var handler = new IntakeHandler(wrong, emulators.functionS3(), emulators.cliDynamoThrough(new ExecutionInterceptor() { }, 1),
                new Telemetry(recordingLog(), new EmfMetrics("Intake"), ImportEvents.NONE));

        assertThatThrownBy(() -> handler.handleRequest(S3Events.load(S3Events.putEventJson(emulators.put(key, VALID))),
                Emulators.context(Duration.ofMinutes(15)))).isInstanceOf(dev.intake.aws.TableCheck.TableSetupException.class);

        var error = single("file not imported: a table the function is set up with is wrong");
        assertThat(error.level()).isEqualTo(LogLevel.ERROR);
        assertThat(error.json().get("key").asText()).isEqualTo(key);
        assertThat(error.json().get("outcome").asText()).isEqualTo("not imported, nothing written: table no-such-serials"
                + " (SERIALS_TABLE) does not exist in this account and region; set SERIALS_TABLE to the stack's table"
                + " (the stack sets it; sam local invoke takes it from --env-vars). Retries fail the same way until it is fixed; then send the event again"
                + " (docs/deploy.md)");
        assertThat(lines).noneMatch(l -> l.json().path("message").asText().startsWith("import interrupted"));
        assertThat(documents()).as("no import, no metrics document").isEmpty();
    }

    /**
     * An upload given back because an earlier upload of its key has not finished is planned, as a
     * deadline stop is: a WARN line saying so and what it builds on, not "import interrupted".
     */
    @Test
    void failed_givenBackForAnEarlierUploadOfItsKey_isAWarningSayingSo() {
        var telemetry = new Telemetry(recordingLog(), null, ImportEvents.NONE);

        telemetry.failed(new dev.intake.core.report.SourceObject("b", "acme/part-inventory/fix.csv", "v2", "e", "s", 10),
                new dev.intake.core.imports.EarlierUploadUnfinishedException("imp-2", "imp-1"));

        var line = single("import given back: an earlier upload of its key has not finished; Lambda's retry validates it again");
        assertThat(line.level()).isEqualTo(LogLevel.WARN);
        assertThat(line.json().get("key").asText()).isEqualTo("acme/part-inventory/fix.csv");
        assertThat(line.json().get("outcome").asText()).contains("import imp-2 waits for import imp-1");
        assertThat(line.json().get("importId").asText()).isEqualTo("imp-2");
        assertThat(lines).noneMatch(l -> l.json().path("message").asText().startsWith("import interrupted"));
    }

    /**
     * A function whose timeout is too short for any import: an ERROR line saying the file was
     * not imported and what to set, not a WARN line promising a retry that stops the same way
     * (review "misconfig", 7 December 2026).
     */
    @Test
    void failed_functionTimeoutTooShort_isAnErrorNamingTheTimeoutNotARetry() {
        var telemetry = new Telemetry(recordingLog(), null, ImportEvents.NONE);
        var tooShort = (RuntimeException) org.assertj.core.api.Assertions.catchThrowable(
                () -> dev.intake.core.imports.ImportRunner.requireTimeToWork(Duration.ofSeconds(3)));

        telemetry.failed(new dev.intake.core.report.SourceObject("b", "acme/part-inventory/fix.csv", "v2", "e", "s", 10), tooShort);

        var line = single("file not imported: the function's timeout is too short");
        assertThat(line.level()).isEqualTo(LogLevel.ERROR);
        assertThat(line.json().get("outcome").asText()).isEqualTo("not imported, nothing written: the function's timeout is"
                + " shorter than an import needs: the invocation began with 3 s, and Intake stops 20 s before the timeout, so it"
                + " needs a timeout of at least 30 s; set the function's Timeout to 900 seconds, as template.yaml does. Retries fail the same"
                + " way until it is fixed; then send the event again (docs/deploy.md)");
        assertThat(lines).noneMatch(l -> l.json().path("message").asText().startsWith("import stopped"));
    }

    /**
     * A stop whose import is known carries its {@code importId} as a field, as the finished line
     * does, so one filter follows an import across the deliveries that stop and resume it; it was
     * only inside the text (review "observability", left by stop 52). A failure of no known
     * import has no such field.
     */
    @Test
    void failed_stopOfAKnownImport_carriesItsImportIdAsAField() {
        var telemetry = new Telemetry(recordingLog(), null, ImportEvents.NONE);
        var source = new dev.intake.core.report.SourceObject("b", "acme/part-inventory/big.csv", "v1", "e", "s", 10);

        telemetry.failed(source, new dev.intake.core.imports.DeadlineReachedException("imp-7"));
        telemetry.failed(source, new dev.intake.core.imports.LeaseRunningOutException("imp-8", java.time.Instant.EPOCH));
        telemetry.failed(source, new dev.intake.core.imports.LostClaimException("imp-9"));
        telemetry.failed(source, new IllegalStateException("S3 down"));

        assertThat(single("import stopped before the function's timeout; Lambda's retry resumes it").json()
                .get("importId").asText()).isEqualTo("imp-7");
        assertThat(lines).filteredOn(l -> l.json().path("message").asText().startsWith("import interrupted"))
                .extracting(l -> l.json().path("importId").asText("(none)"))
                .containsExactly("imp-8", "imp-9", "(none)");
    }

    @Test
    void progress_longImport_isAnInfoLineWithItsCountsAsFields() {
        var telemetry = new Telemetry(recordingLog(), null, ImportEvents.NONE);

        telemetry.progress(new ImportProgress("id1", "acme", "part-inventory", "acme/part-inventory/big.csv",
                ImportProgress.Phase.VALIDATING, 40_000, 100_000, 12_345.6, Duration.ofSeconds(7)));

        var progress = single("import progress");
        assertThat(progress.level()).isEqualTo(LogLevel.INFO);
        assertThat(progress.json().get("phase").asText()).isEqualTo("validating");
        assertThat(progress.json().get("rowsDone").asLong()).isEqualTo(40_000);
        assertThat(progress.json().get("rowsTotal").asLong()).isEqualTo(100_000);
        assertThat(progress.json().get("rowsPerSecond").asLong()).isEqualTo(12_346);
        assertThat(progress.json().get("elapsedMs").asLong()).isEqualTo(7_000);
    }

    /**
     * An export saved as "receiving.CSV" (upper case, as many ERP and Windows tools name them) is a
     * CSV under the layout, and a delivered event imports it. It used to be ignored as "not a CSV":
     * no report, no history, no event, no metric (found by review). S3's case-sensitive trigger
     * still never delivers one: the uploader policy refuses such keys (DeploymentTest).
     */
    @Test
    void handleRequest_upperCaseCsvSuffix_isReportedNotSilentlyIgnored() {
        var key = freshOrg() + "/part-inventory/receiving.CSV";

        var written = handler("intake-bus").handleRequest(S3Events.load(S3Events.putEventJson(emulators.put(key, VALID))),
                Emulators.context(Duration.ofMinutes(15)));

        assertThat(written).as("reports written for %s", key).containsExactly(key + ".report.json");
        assertThat(documents()).as("EMF documents").hasSize(1);
        assertThat(eventBridge.requests).as("Import Finished events").hasSize(1);
    }

    /**
     * S3 delivers events at least once. A key too long for a report counts as one FAILED import
     * (docs/operations.md); nothing was claimed for it, so each delivery of the same upload added
     * another FAILED to the metrics and another ERROR line, the double count fixed before for files
     * outside any org (found by review). It is now claimed once per object version.
     */
    @Test
    void handleRequest_repeatedDeliveryOfAKeyTooLongForItsReport_countsOneFailedImport() {
        var key = freshOrg() + "/part-inventory/" + "n".repeat(1_000) + ".csv";
        var upload = new S3Events.Upload(emulators.aws.region(), emulators.aws.bucket(), key, 60, "etag", "v1",
                "00000000000000A1", Instant.now());
        var event = S3Events.putEventJson(upload);
        var handler = handler("intake-bus");

        handler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
        handler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));

        assertThat(documents()).as("EMF documents (each counts one more FAILED import) for one upload delivered twice")
                .hasSize(1);
    }

    /**
     * Two uploads of one key too long for its report, their events delivered newest first (S3 may
     * deliver out of order): each is logged and counted once. The claim that records it also runs
     * the upload-order logic, and the older upload used to be "older upload not imported: ... upload
     * this file again to import it", an INFO line with no metric, for a file that can never be
     * imported (found by review).
     */
    @Test
    void handleRequest_olderUploadOfAKeyTooLongForItsReportDeliveredLate_loggedAsTooLongAndCounted() {
        var key = freshOrg() + "/part-inventory/" + "n".repeat(1_000) + ".csv";

        deliverTwoUploadsNewestFirst(key);

        assertThat(lines).as("log lines").noneMatch(l -> "older upload not imported".equals(l.json().path("message").asText()));
        assertThat(lines.stream().filter(l -> "file not imported: its key is too long".equals(l.json().path("message").asText())))
                .as("ERROR lines, one per upload").hasSize(2);
        assertThat(documents()).as("EMF documents: one FAILED import per upload").hasSize(2);
    }

    /**
     * Found by review (5 Dec 2026): Telemetry.finished publishes the Import Finished event first and
     * only then writes the "import finished"/"import failed" line and the EMF document. PutEvents
     * is not bounded by the invocation's remaining time (default client: 30-second socket timeout,
     * three attempts), so an import that ends near the function's timeout while EventBridge is slow
     * or unreachable is cut off inside the publish: no log line, no metrics document (its FAILED is
     * never counted: FailedImportsAlarm stays quiet), no EventsNotPublished, and the retry finds the
     * import done ("nothing to do"). docs/operations.md admits only the lost event. Here the publish
     * never returns (the Error stands for Lambda ending the invocation): the import's log line and
     * metrics, which need nothing from EventBridge but its outcome, should already be written.
     */
    @Test
    void handleRequest_invocationEndsWhilePublishingTheEvent_logLineAndMetricsAreAlreadyWritten() {
        var key = freshOrg() + "/part-inventory/bad.csv";
        var writtenBeforePublishing = new ArrayList<String>();
        ImportEvents cutOff = (report, reportKey) -> {
            lines.forEach(l -> writtenBeforePublishing.add(l.level() == null ? "EMF document" : l.json().path("message").asText()));
            throw new Error("the function's timeout: Lambda ends the invocation here");
        };
        var handler = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.functionDynamo(),
                new Telemetry(recordingLog(), new EmfMetrics("Intake"), cutOff));

        assertThatThrownBy(() -> handler.handleRequest(S3Events.load(S3Events.putEventJson(emulators.put(key, INVALID))),
                Emulators.context(Duration.ofMinutes(15)))).isInstanceOf(Error.class);

        assertThat(emulators.report(key).get("status").asText()).isEqualTo("FAILED");
        assertThat(writtenBeforePublishing).as("what the log held when the event's publishing began")
                .contains("import failed", "EMF document");
    }

    /**
     * Found by review (5 Dec 2026): two uploads of a key outside the layout (no importer folder),
     * their events delivered newest first (S3 may deliver out of order). The older one is logged
     * "older upload not imported" with the outcome "... upload this file again to import it": a
     * file under that key is never imported, however often it is uploaded, and the line says
     * nothing of why (the newer upload's report does). The same mistake was fixed for a key too
     * long for its report (handleRequest_olderUploadOfAKeyTooLongForItsReportDeliveredLate_...);
     * Telemetry.superseded still gives every misplaced key the advice meant for an importable file.
     */
    @Test
    void handleRequest_olderUploadOfAMisplacedKeyDeliveredLate_isNotToldThatUploadingAgainImportsIt() {
        var key = freshOrg() + "/receiving.csv";

        deliverTwoUploadsNewestFirst(key);

        assertThat(single("import failed").json().get("key").asText()).isEqualTo(key);
        assertThat(lines).as("log lines about the older upload")
                .filteredOn(l -> l.json().path("versionId").asText().equals("v1"))
                .isNotEmpty()
                .allSatisfy(l -> assertThat(l.json().path("outcome").asText())
                        .doesNotContain("upload this file again to import it"));
    }

    /**
     * Found by review "observability" on 7 December 2026: EventBridge takes the PutEvents call but refuses
     * the entry (its ErrorCode and ErrorMessage: ThrottlingException, InternalFailure,
     * NotAuthorizedForSourceException, ...). The ERROR line "the Import Finished event was not
     * accepted" is the only record of why, and deploy.md sends the operator to it ("see the ERROR
     * log line (permissions, bus name)"), but ImportEvents.on returns a bare false and the line
     * carries no error at all: throttling (retry, raise the quota) cannot be told from a refused
     * source (fix the rule or the role). The line should carry EventBridge's code and message.
     */
    @Test
    void handleRequest_eventBridgeRefusesTheEntry_errorLineSaysWhy() {
        var key = freshOrg() + "/part-inventory/receiving.csv";
        eventBridge.refuse = true;

        handler("intake-bus").handleRequest(S3Events.load(S3Events.putEventJson(emulators.put(key, VALID))),
                Emulators.context(Duration.ofMinutes(15)));

        var error = single("the Import Finished event was not accepted");
        assertThat(error.json().get("importId").asText()).hasSize(32);
        assertThat(error.json().get("refusal").asText()).as("the ERROR line, for EventBridge's answer ErrorCode InternalFailure,"
                + " ErrorMessage x").isEqualTo("InternalFailure: x");
    }

    // ---- helpers --------------------------------------------------------------------------------

    private IntakeHandler handler(String bus) {
        var client = EventBridgeClient.builder().httpClient(eventBridge).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .overrideConfiguration(o -> o.addExecutionInterceptor(emulators.functionRole(Map.of("EventBusName", bus))))
                .build();
        var telemetry = new Telemetry(recordingLog(), new EmfMetrics(EmfMetrics.DEFAULT_NAMESPACE), ImportEvents.on(client, bus));
        return new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.functionDynamo(), telemetry);
    }

    private JsonLog recordingLog() {
        return new JsonLog((level, line) -> {
            try {
                lines.add(new Line(level, JSON.readTree(line)));
            } catch (IOException e) {
                throw new AssertionError("not a JSON line: " + line, e);
            }
        }, Clock.systemUTC());
    }

    private Line single(String message) {
        var matching = lines.stream().filter(l -> l.level() != null && message.equals(l.json().path("message").asText())).toList();
        assertThat(matching).as("log lines \"%s\" in %s", message, lines).hasSize(1);
        return matching.getFirst();
    }

    /** The lines written without a level: the EMF documents. */
    /** Two uploads of {@code key} (versions v1 and v2), their events delivered newest first, as S3 may. */
    private void deliverTwoUploadsNewestFirst(String key) {
        var older = new S3Events.Upload(emulators.aws.region(), emulators.aws.bucket(), key, 60, "etag1", "v1",
                "00000000000000A1", Instant.now());
        var newer = new S3Events.Upload(emulators.aws.region(), emulators.aws.bucket(), key, 60, "etag2", "v2",
                "00000000000000A2", Instant.now());
        var handler = handler("intake-bus");
        handler.handleRequest(S3Events.load(S3Events.putEventJson(newer)), Emulators.context(Duration.ofMinutes(15)));
        handler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));
    }

    private List<JsonNode> documents() {
        return lines.stream().filter(l -> l.level() == null).map(Line::json).toList();
    }

    private static String freshOrg() {
        var org = "ops" + ORGS.incrementAndGet();
        try {
            emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), org);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return org;
    }

    /** The upload's event, naming who uploaded it as S3 does. */
    private static String uploadedBy(S3Events.Upload upload, String principalId, String sourceIp) throws IOException {
        var event = (ObjectNode) JSON.readTree(S3Events.putEventJson(upload));
        var record = (ObjectNode) event.get("Records").get(0);
        ((ObjectNode) record.get("userIdentity")).put("principalId", principalId);
        ((ObjectNode) record.get("requestParameters")).put("sourceIPAddress", sourceIp);
        return event.toString();
    }

    /** EventBridge's HTTP side: records each PutEvents request body and accepts or refuses every entry. */
    private static final class RecordingEventBridge implements SdkHttpClient {
        final List<JsonNode> requests = new ArrayList<>();
        boolean refuse;

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    try (var body = request.contentStreamProvider().orElseThrow().newStream()) {
                        requests.add(JSON.readTree(body));
                    }
                    var answer = refuse
                            ? "{\"FailedEntryCount\":1,\"Entries\":[{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"x\"}]}"
                            : "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"e-1\"}]}";
                    var bytes = answer.getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(200).putHeader("Content-Length", String.valueOf(bytes.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

}
