package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Found by review "interrupts" on 7 December 2026: an {@code ./intake import} that uses a running serve (docs/serve.md, "Other
 * commands while serve runs") when that serve is stopped with Ctrl-C (SIGTERM runs the same
 * hook). The serve waits for its own imports only, then closes the emulators under the command:
 * the command's import dies half written, and the command says only "Connection refused" and
 * that Lambda would retry, not that it left writes behind which the next command finishes.
 * Each test runs its own serve and command processes, on free ports. Now a stopping serve clears
 * {@code serve.json} first (a command started then does not use it) and waits for the imports of
 * the commands using it before it closes the emulators.
 */
class CommandBesideStoppingServeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(240);
    private static final Pattern WRITING = Pattern.compile("written [1-9]");

    @TempDir
    Path folder;
    private Path home;
    private Process serve;
    private Process command;
    private Process killed;

    @AfterEach
    void stop() throws Exception {
        CliProcess.stopAll(PATIENCE, command, serve, killed);
    }

    /**
     * Ctrl-C on a serve that is importing a file of its own: it says "stopping once the 1
     * import(s) under way have finished" and keeps {@code serve.json} meanwhile, so an
     * {@code ./intake import} started then attaches to it, begins writing, and is cut off when the
     * serve closes DynamoDB Local: its import stays COMMITTING, half written, and the command exits
     * 1 with "Connection refused". A command started while serve stops should not use it (wait for
     * the folder, or refuse before it uploads anything).
     */
    @Test
    void import_startedWhileServeStops_isNotLeftHalfWrittenWhenTheServeCloses() throws Exception {
        home = folder.resolve(".intake");
        var org = "stopping";
        loadSampleCatalog(org);
        startServe();
        try (var s3 = ServeRestartTest.s3Client(new ServeState(home).read().orElseThrow())) {
            s3.putObject(b -> b.bucket("intake-local").key(org + "/part-inventory/serves-own.csv"),
                    RequestBody.fromFile(CliProcess.untrackedRows(folder, 8_000)));
        }
        awaitSaid("serve", WRITING);
        serve.destroy(); // Ctrl-C: serve now waits for serves-own.csv
        awaitSaid("serve", Pattern.compile("stopping once the 1 import\\(s\\) under way have finished"));

        var key = org + "/part-inventory/beside.csv";
        command = CliProcess.start(folder, home, "import", Map.of(), "import",
                CliProcess.untrackedRows(folder, 10_000).toString(), "--key", key);
        assertThat(command.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the import ended").isTrue();
        assertThat(serve.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("serve stopped").isTrue();

        var said = CliProcess.err(folder, "import");
        assertThat(CliRun.run(home, "dump", "imports", "--org", org).lines())
                .as("no import of " + key + " left half written; the command said:\n" + said)
                .noneMatch(line -> line.contains("\"key\":\"" + key + "\"") && line.contains("\"status\":\"COMMITTING\""));
    }

    /**
     * {@code ./intake import} of a large file through a running serve, and the serve stopped
     * with Ctrl-C while the command writes: the command fails with "the handler failed (Lambda
     * would retry this event): ... Connection refused", and nothing tells the user the import had
     * begun writing and that the next command finishes it. Running the import again (what the
     * message invites) imports the file a second time beside the half. Either serve waits for the
     * imports under way in its tables (docs/serve.md, "Stopping"), or the command says what it
     * left, as a stopped command does (README).
     */
    @Test
    void import_throughServe_serveStoppedWhileItWrites_commandSaysItLeftWritesForTheNextCommand() throws Exception {
        home = folder.resolve(".intake");
        var org = "cutoff";
        loadSampleCatalog(org);
        startServe();
        var key = org + "/part-inventory/big.csv";
        command = CliProcess.start(folder, home, "import", Map.of(), "import",
                CliProcess.untrackedRows(folder, 10_000).toString(), "--key", key);
        awaitSaid("import", WRITING);
        serve.destroy(); // Ctrl-C on the serve, in its own terminal

        assertThat(serve.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("serve stopped").isTrue();
        assertThat(command.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the import ended").isTrue();
        var said = CliProcess.err(folder, "import");
        assertThat(command.exitValue()).as("the command's import, which the serve waited for; it said:\n" + said).isZero();
        assertThat(said).as("what the command said").doesNotContain("Lambda would retry this event");
        assertThat(CliProcess.err(folder, "serve")).contains("import(s) of other commands using it have finished");
    }

    /**
     * Found by review "own52c" on 7 December 2026: the stopping serve's wait for the imports of
     * other commands took every unfinished import with a live lease for one, including one left
     * by a command that is gone (killed): serve, started after it, cancels that import's resume at
     * Ctrl-C, then waited out the same lease, though no command ran. Only imports whose lease is
     * renewed are waited for, and not those serve found left over as it started.
     */
    @Test
    void serve_stoppedBesideTheLeftoverImportOfAKilledCommand_stopsWithoutWaitingOutItsLease() throws Exception {
        home = folder.resolve(".intake");
        var org = "deadcommand";
        loadSampleCatalog(org);
        killed = CliProcess.start(folder, home, "import", Map.of("INTAKE_LEASE_SECONDS", "50"), "import",
                CliProcess.untrackedRows(folder, 10_000).toString(), "--key", org + "/part-inventory/big.csv");
        awaitSaid("import", WRITING);
        killed.destroyForcibly(); // kill -9: its import stays unfinished, its lease live for up to 50 s
        assertThat(killed.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        startServe(Map.of());
        var stopped = Instant.now();
        serve.destroy(); // Ctrl-C: no command runs, and serve imports nothing yet

        assertThat(serve.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("serve stopped").isTrue();
        assertThat(Duration.between(stopped, Instant.now())).as("what Ctrl-C took; serve said:\n" + CliProcess.err(folder, "serve"))
                .isLessThan(Duration.ofSeconds(15));
    }

    /**
     * Found by review "own52d" on 7 December 2026: the stopping serve told the imports it found left
     * over by key and versionId, which the local bucket does not keep (every versionId null), so a
     * command's new import of a leftover's key was not waited for, and was cut off half written.
     * Leftovers are told by key, eTag and sequencer.
     */
    @Test
    void serve_stoppedWhileACommandImportsAgainTheKeyOfAKilledCommandsImport_waitsForIt() throws Exception {
        home = folder.resolve(".intake");
        var org = "samekey";
        loadSampleCatalog(org);
        var key = org + "/part-inventory/big.csv";
        killed = CliProcess.start(folder, home, "killed", Map.of("INTAKE_LEASE_SECONDS", "3"), "import",
                CliProcess.untrackedRows(folder, 6_000).toString(), "--key", key);
        awaitSaid("killed", WRITING);
        killed.destroyForcibly(); // kill -9: its import stays unfinished
        assertThat(killed.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        startServe();
        awaitSaid("serve", Pattern.compile("left unfinished; it resumes"));
        var deadline = Instant.now().plus(PATIENCE);
        while (!leftoverFinished(org, key)) { // serve resumes it once its lease ran out, and finishes it
            assertThat(Instant.now()).as("serve finishing the left-over import; it said:\n" + CliProcess.err(folder, "serve"))
                    .isBefore(deadline);
            Thread.sleep(500);
        }

        command = CliProcess.start(folder, home, "import", Map.of(), "import",
                CliProcess.untrackedRows(folder, 8_000).toString(), "--key", key); // the file again, fixed
        awaitSaid("import", WRITING);
        serve.destroy(); // Ctrl-C on the serve, in its own terminal

        assertThat(serve.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("serve stopped").isTrue();
        assertThat(command.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the import ended").isTrue();
        assertThat(command.exitValue()).as("the command's import, which the serve should wait for; it said:\n"
                + CliProcess.err(folder, "import") + "\nserve said:\n" + CliProcess.err(folder, "serve")).isZero();
        assertThat(CliProcess.err(folder, "serve")).contains("import(s) of other commands using it have finished");
    }

    private boolean leftoverFinished(String org, String key) {
        var lines = CliRun.run(home, "dump", "imports", "--org", org).lines();
        return lines.stream().anyMatch(line -> line.contains("\"key\":\"" + key + "\"") && line.contains("SUCCEEDED"))
                && lines.stream().noneMatch(line -> line.contains("\"key\":\"" + key + "\"") && line.contains("COMMITTING"));
    }

    private void startServe() throws Exception {
        startServe(Map.of("INTAKE_LEASE_SECONDS", "3"));
    }

    private void startServe(Map<String, String> env) throws Exception {
        serve = CliProcess.start(folder, home, "serve", env, "serve", "--s3-port", "0", "--dynamodb-port", "0");
        var state = new ServeState(home);
        var deadline = Instant.now().plus(PATIENCE);
        while (true) {
            var found = state.read();
            if (found.isPresent() && found.get().ready() && found.get().pid() == serve.pid()) {
                return;
            }
            assertThat(serve.isAlive()).as("serve running; its stderr:\n" + CliProcess.err(folder, "serve")).isTrue();
            assertThat(Instant.now()).as("serve ready").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private void loadSampleCatalog(String org) throws IOException {
        var load = CliRun.run(home, "catalog", CliRun.sampleCatalogAs(org, folder.resolve(org + ".json")).toString());
        assertThat(load.exit()).as(load.err()).isZero();
    }

    /** Until the process named {@code name} has said something {@code text} matches on stderr. */
    private void awaitSaid(String name, Pattern text) throws Exception {
        var deadline = Instant.now().plus(PATIENCE);
        while (!text.matcher(CliProcess.err(folder, name)).find()) {
            assertThat(Instant.now()).as(name + " saying " + text + "; its stderr:\n" + CliProcess.err(folder, name)).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
