package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@code ./intake serve} stopped and started again on the same state folder, as a user does over
 * a day: every upload the bucket accepted gets its report (docs/report.md, "A report for every
 * CSV"), and an import the serve was writing when it died is not left half-written for good.
 * Each test runs its own serve processes, on free ports.
 */
class ServeRestartTest {

    /**
     * How long a serve may take to finish what the test waits for. A restarted serve resumes an
     * 8,000-row import in a JVM of its own: on a machine at a load of 10 (two full test runs and
     * reviewers beside) that took more than 90 s twice on 5 December 2026. Only a failing run waits it out.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(240);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    private Path home;
    private Process serve;
    private int started;

    @AfterEach
    void stop() throws Exception {
        if (serve != null && serve.isAlive()) {
            serve.destroy();
            if (!serve.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                serve.destroyForcibly();
            }
        }
    }

    /**
     * Uploads the bucket takes while serve, stopping, waits for an import under way: the next
     * serve imports each of them. Three kinds, found by review, in one stop (each used to cost a
     * stop and two serves of its own):
     * <ul>
     * <li>a new key: it used to be left alone for good, as "there before serve started", with no report;
     * <li>a FAILED file fixed and uploaded again under its name: the old upload's report beside the
     *     key used to hide it (docs/serve.md, "What serve imports");
     * <li>a file FAILED for a part the catalog lacked, uploaded again with the very same bytes (so the
     *     same eTag) once the part is loaded: a new upload (SPEC §3), whose report is older than it;
     *     start-up used to take "an import took this key and eTag" for done. Uploaded 1.5 s into the
     *     stop, so that S3's whole-second times tell it from its report.
     * </ul>
     */
    @Test
    void serve_uploadsAcceptedWhileStopping_areImportedByTheNextServe() throws Exception {
        home = folder.resolve(".intake");
        var endpoints = startServe();
        var org = orgWithCatalog();
        var late = org + "/part-inventory/late.csv";
        var fixed = org + "/part-inventory/fixed.csv";
        var again = org + "/part-inventory/again.csv";
        var sameBytes = Files.writeString(folder.resolve("again.csv"),
                "part_number,revision,quantity,location,supplier\nNEW-PART,A,1,Stockroom A,Pacific Fasteners\n");
        try (var s3 = s3Client(endpoints)) {
            s3.putObject(b -> b.bucket("intake-local").key(fixed),
                    RequestBody.fromString("part_number,revision,quantity,location,supplier\nNO-SUCH-PART,A,1,Stockroom A,Pacific Fasteners\n"));
            s3.putObject(b -> b.bucket("intake-local").key(again), RequestBody.fromFile(sameBytes));
            assertThat(awaitReport(s3, fixed).get("status").asText()).isEqualTo("FAILED");
            assertThat(awaitReport(s3, again).get("status").asText()).isEqualTo("FAILED");
            var part = Files.writeString(folder.resolve("part.json"), "{\"org\":\"" + org + "\",\"parts\":[{\"partNumber\":\"NEW-PART\","
                    + "\"revision\":\"A\",\"trackingType\":\"none\",\"unitOfMeasure\":\"each\"}]}");
            var load = CliRun.run(home, "catalog", part.toString());
            assertThat(load.exit()).as(load.err()).isZero();
            stopWhileImportingABigFile(s3, org, Duration.ofMillis(1_500), () -> {
                s3.putObject(b -> b.bucket("intake-local").key(late), RequestBody.fromFile(untrackedRows(3)));
                s3.putObject(b -> b.bucket("intake-local").key(fixed), RequestBody.fromFile(untrackedRows(3)));
                s3.putObject(b -> b.bucket("intake-local").key(again), RequestBody.fromFile(sameBytes));
            });
        }

        var next = startServe();
        try (var s3 = s3Client(next)) {
            for (var key : List.of(late, fixed, again)) {
                var report = awaitReportWhere(s3, key, SUCCEEDED, PATIENCE.plusSeconds(20));
                assertThat(report).as("a report of " + key).isNotNull();
                assertThat(report.get("status").asText()).as("the report of the upload made while serve stopped: " + report)
                        .isEqualTo("SUCCEEDED");
            }
        }
    }

    /**
     * Review (longday): the file serve was importing when Ctrl-C came, edited and uploaded again
     * under its name while serve waits for that import (its S3 still up). The old upload's report
     * lands after the new upload, so the next serve takes the new upload for reported and never
     * imports it: the bucket holds a 3-row file beside the 8,000-row file's SUCCEEDED report.
     */
    @Test
    void serve_fileUnderImportReplacedWhileServeStops_nextServeImportsTheNewUpload() throws Exception {
        home = folder.resolve(".intake");
        var endpoints = startServe();
        var org = orgWithCatalog();
        var big = org + "/part-inventory/big.csv";
        try (var s3 = s3Client(endpoints)) {
            stopWhileImportingABigFile(s3, org, Duration.ofMillis(1_500),
                    () -> s3.putObject(b -> b.bucket("intake-local").key(big), RequestBody.fromFile(untrackedRows(3))));
        }
        var next = startServe();
        try (var s3 = s3Client(next)) {
            var report = awaitReportWhere(s3, big, r -> r.path("counts").path("rows").asInt() == 3, Duration.ofSeconds(60));
            assertThat(report.path("counts").path("rows").asInt())
                    .as("the report of the 3-row upload made while serve stopped, not the 8,000-row one's: " + report)
                    .isEqualTo(3);
        }
    }

    /**
     * A serve killed mid-commit: the next one resumes the import once its lease has run out, as
     * Lambda's retry would. It used to stay COMMITTING, half written, with no report (found by review).
     */
    @Test
    void serve_killedMidCommit_nextServeFinishesTheImportAndWritesItsReport() throws Exception {
        home = folder.resolve(".intake");
        var endpoints = startServe();
        var org = orgWithCatalog();
        var key = org + "/part-inventory/killed.csv";
        try (var s3 = s3Client(endpoints)) {
            // rows for seconds of writing in a serve's cold JVM, to be killed in; the resume writes them all again
            s3.putObject(b -> b.bucket("intake-local").key(key), RequestBody.fromFile(untrackedRows(5_000)));
        }
        awaitImport(org, key, status -> status.equals("COMMITTING"));

        serve.destroyForcibly(); // kill -9, or the laptop's lid closed
        serve.waitFor();

        var again = startServe();
        try (var s3 = s3Client(again)) {
            var report = awaitReport(s3, key);
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        }
        // the report is written before the import is marked finished (a crash between is resumed): on a loaded
        // machine the dump could come between the two (seen in a full ./test on 7 December 2026)
        awaitImport(org, key, status -> status.equals("SUCCEEDED"));
        assertThat(CliRun.run(home, "dump", "imports", "--org", org).lines())
                .as("no import left half-written").noneMatch(line -> line.contains("\"status\":\"COMMITTING\""));
    }

    /**
     * A file serve imported, whose report the user then deleted (tidying the bucket): the next
     * serve leaves it alone, as the imports table holds its import (README: "a file is imported
     * exactly once"). It used to import it again, a file of creates creating its records twice
     * (found by review).
     */
    @Test
    void serve_reportDeletedByTheUser_fileIsNotImportedAgainByTheNextServe() throws Exception {
        home = folder.resolve(".intake");
        var endpoints = startServe();
        var org = orgWithCatalog();
        var key = org + "/part-inventory/creates.csv";
        try (var s3 = s3Client(endpoints)) {
            s3.putObject(b -> b.bucket("intake-local").key(key), RequestBody.fromFile(untrackedRows(3)));
            assertThat(awaitReport(s3, key).get("status").asText()).isEqualTo("SUCCEEDED");
            s3.deleteObject(b -> b.bucket("intake-local").key(key + ".report.json"));
        }
        serve.destroy();
        assertThat(serve.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("serve stopped").isTrue();
        long before = CliRun.run(home, "dump", "inventory", "--org", org).lines().size();

        // Serve's first look at the bucket lists every object; a file uploaded once it is ready is
        // met by that look or a later one, so its report means the old file was met too. Stopping
        // waits for any import under way, an import of the old file included.
        var marker = org + "/part-inventory/after-the-restart.csv";
        try (var s3 = s3Client(startServe())) {
            s3.putObject(b -> b.bucket("intake-local").key(marker), RequestBody.fromFile(untrackedRows(1)));
            assertThat(awaitReport(s3, marker).get("status").asText()).isEqualTo("SUCCEEDED");
        }
        serve.destroy();
        assertThat(serve.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("serve stopped").isTrue();

        assertThat(CliRun.run(home, "dump", "inventory", "--org", org).lines()).as("records after the next serve started")
                .hasSize((int) before + 1); // the marker's one row
        assertThat(CliRun.run(home, "dump", "imports", "--org", org).lines().stream().filter(line -> line.contains(key)))
                .as("imports of " + key).hasSize(1);
    }

    /**
     * An upload that replaces a file whose import a serve was writing when it died (Ctrl-C, the
     * upload landing while serve waits for that import, then kill -9): the next serve resumes the
     * old import, and imports the new upload too. It used to leave the new upload alone, its key
     * having an unfinished import (found by review).
     */
    @Test
    void serve_fileReplacedWhileItsImportWasLeftUnfinished_nextServeImportsTheNewUpload() throws Exception {
        home = folder.resolve(".intake");
        var endpoints = startServe();
        var org = orgWithCatalog();
        var key = org + "/part-inventory/replaced.csv";
        try (var s3 = s3Client(endpoints)) {
            s3.putObject(b -> b.bucket("intake-local").key(key), RequestBody.fromFile(untrackedRows(8_000)));
            awaitImport(org, key, status -> status.equals("COMMITTING"));
            serve.destroy(); // Ctrl-C: serve waits for the import, its S3 still up
            Thread.sleep(500);
            s3.putObject(b -> b.bucket("intake-local").key(key), RequestBody.fromFile(untrackedRows(3)));
        }
        serve.destroyForcibly(); // then kill -9
        serve.waitFor();

        var again = startServe();
        try (var s3 = s3Client(again)) {
            var report = awaitReportWhere(s3, key, written -> written.path("counts").path("rows").asInt() == 3, Duration.ofSeconds(60));
            assertThat(report).as("a report of the 3-row upload that replaced the file").isNotNull();
            assertThat(report.path("counts").path("rows").asInt()).as(report.toString()).isEqualTo(3);
        }
    }

    /**
     * Ctrl-C (SIGTERM runs the same shutdown hook) while serve imports a big file: serve waits for
     * it, its S3 still up, and {@code meanwhile} runs {@code pause} later; then serve has stopped.
     */
    private void stopWhileImportingABigFile(S3Client s3, String org, Duration pause, ThrowingRunnable meanwhile) throws Exception {
        var big = org + "/part-inventory/big.csv";
        s3.putObject(b -> b.bucket("intake-local").key(big), RequestBody.fromFile(untrackedRows(8_000)));
        awaitImport(org, big, status -> true);
        serve.destroy();
        Thread.sleep(pause.toMillis());
        assertThat(serve.isAlive()).as("serve still finishing big.csv").isTrue();
        meanwhile.run();
        assertThat(serve.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("serve stopped").isTrue();
    }

    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** The report of {@code key} once it passes {@code wanted}, or the last one seen (null: none) when {@code patience} is up. */
    private static JsonNode awaitReportWhere(S3Client s3, String key, Predicate<JsonNode> wanted, Duration patience) throws Exception {
        var deadline = Instant.now().plus(patience);
        JsonNode report = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                report = JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("intake-local").key(key + ".report.json")).asUtf8String());
                if (wanted.test(report)) {
                    return report;
                }
            } catch (NoSuchKeyException notYet) {
                // waiting
            }
            Thread.sleep(500);
        }
        return report;
    }

    private static final Predicate<JsonNode> SUCCEEDED = report -> report.path("status").asText().equals("SUCCEEDED");

    /** Starts {@code ./intake serve} as its own process on free ports; a short lease, so a take-over need not wait 45 s. */
    private ServeState.Endpoints startServe() throws Exception {
        started++;
        serve = CliProcess.start(folder, home, "serve" + started, Map.of("INTAKE_LEASE_SECONDS", "3"),
                "serve", "--s3-port", "0", "--dynamodb-port", "0");
        var state = new ServeState(home);
        var deadline = Instant.now().plus(PATIENCE);
        while (true) {
            var found = state.read();
            if (found.isPresent() && found.get().ready() && found.get().pid() == serve.pid()) {
                return found.get();
            }
            assertThat(serve.isAlive()).as("serve running; its stderr:\n"
                    + Files.readString(folder.resolve("serve" + started + ".err"))).isTrue();
            assertThat(Instant.now()).as("serve ready").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private String orgWithCatalog() throws IOException {
        var org = "restarted";
        var load = CliRun.run(home, "catalog", CliRun.sampleCatalogAs(org, folder.resolve(org + ".json")).toString());
        assertThat(load.exit()).as(load.err()).isZero();
        return org;
    }

    private Path untrackedRows(int rows) throws Exception {
        return CliProcess.untrackedRows(folder, rows);
    }

    /** Waits until the imports table has an import of {@code key} whose status passes {@code wanted}. */
    private void awaitImport(String org, String key, Predicate<String> wanted) throws Exception {
        var deadline = Instant.now().plus(PATIENCE);
        while (true) {
            for (var line : CliRun.run(home, "dump", "imports", "--org", org).lines()) {
                var entry = JSON.readTree(line);
                if (entry.path("key").asText().equals(key) && wanted.test(entry.path("status").asText())) {
                    return;
                }
            }
            assertThat(Instant.now()).as("an import of " + key).isBefore(deadline);
            Thread.sleep(200);
        }
    }

    private static JsonNode awaitReport(S3Client s3, String key) throws Exception {
        var deadline = Instant.now().plus(PATIENCE);
        while (true) {
            try {
                return JSON.readTree(s3.getObjectAsBytes(b -> b.bucket("intake-local").key(key + ".report.json")).asUtf8String());
            } catch (NoSuchKeyException notYet) {
                assertThat(Instant.now()).as("the report of " + key + ", which the bucket accepted").isBefore(deadline);
                Thread.sleep(200);
            }
        }
    }

    /** An S3 client on a serve's endpoint. */
    static S3Client s3Client(ServeState.Endpoints endpoints) {
        return S3Client.builder().endpointOverride(URI.create(endpoints.s3())).forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .build();
    }
}
