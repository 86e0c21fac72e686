package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

/**
 * Found by review "own52d" on 7 December 2026, a hole in the "own52c" fix: a stopping serve
 * ({@code Serve.awaitCommandsImporting}) leaves out of its wait every unfinished import whose
 * {@code key + " " + versionId} it found left over as it started. The local bucket (S3Proxy's
 * filesystem store) is not versioned: every versionId is null, so that names the key alone, and
 * a later upload of the same key, imported by a live command beside the serve, is left out too. A
 * user whose {@code ./intake import} of a file was killed starts serve (which finishes the
 * left-over import), imports the same file again beside it, and stops serve: it closes the
 * emulators under the command's import, which dies half written ("Connection refused").
 */
class ServeStopBesideAReimportOfALeftoverKeyTest {

    private static final Path SAMPLES = Emulators.ROOT.resolve("samples/acme");
    private static final Duration PATIENCE = Duration.ofSeconds(240);
    private static final Pattern WRITING = Pattern.compile("written [1-9]");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    private Process killed;
    private Process serve;
    private Process command;

    @AfterEach
    void stop() throws Exception {
        CliProcess.stopAll(PATIENCE, command, serve, killed);
    }

    @Test
    void serve_stoppedWhileACommandImportsAgainTheKeyOfAKilledCommandsImport_waitsForIt() throws Exception {
        var home = folder.resolve(".intake");
        var org = "samekey";
        var catalog = (ObjectNode) JSON.readTree(Files.readString(SAMPLES.resolve("catalog.json")));
        catalog.put("org", org);
        var load = CliRun.run(home, "catalog", Files.writeString(folder.resolve(org + ".json"), catalog.toString()).toString());
        assertThat(load.exit()).as(load.err()).isZero();
        var key = org + "/part-inventory/big.csv";

        killed = CliProcess.start(folder, home, "killed", Map.of("INTAKE_LEASE_SECONDS", "3"), "import",
                CliProcess.untrackedRows(folder, 6_000).toString(), "--key", key);
        awaitSaid("killed", WRITING);
        killed.destroyForcibly(); // kill -9: its import stays unfinished
        assertThat(killed.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        serve = CliProcess.start(folder, home, "serve", Map.of("INTAKE_LEASE_SECONDS", "3"),
                "serve", "--s3-port", "0", "--dynamodb-port", "0");
        var state = new ServeState(home);
        var deadline = Instant.now().plus(PATIENCE);
        while (!state.read().map(found -> found.ready() && found.pid() == serve.pid()).orElse(false)) {
            assertThat(serve.isAlive()).as("serve running; its stderr:\n" + CliProcess.err(folder, "serve")).isTrue();
            assertThat(Instant.now()).as("serve ready").isBefore(deadline);
            Thread.sleep(100);
        }
        awaitSaid("serve", Pattern.compile("left unfinished; it resumes"));
        while (!leftoverFinished(home, org, key)) { // serve resumes it once its lease ran out, and finishes it
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
        var said = CliProcess.err(folder, "import");
        assertThat(command.exitValue()).as("the command's import, which the serve should wait for; it said:\n" + said
                + "\nserve said:\n" + CliProcess.err(folder, "serve")).isZero();
        assertThat(CliProcess.err(folder, "serve")).contains("import(s) of other commands using it have finished");
    }

    private static boolean leftoverFinished(Path home, String org, String key) {
        var lines = CliRun.run(home, "dump", "imports", "--org", org).lines();
        return lines.stream().anyMatch(line -> line.contains("\"key\":\"" + key + "\"") && line.contains("SUCCEEDED"))
                && lines.stream().noneMatch(line -> line.contains("\"key\":\"" + key + "\"") && line.contains("COMMITTING"));
    }

    private void awaitSaid(String name, Pattern text) throws Exception {
        var deadline = Instant.now().plus(PATIENCE);
        while (!text.matcher(CliProcess.err(folder, name)).find()) {
            assertThat(Instant.now()).as(name + " saying " + text + "; its stderr:\n" + CliProcess.err(folder, name)).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
