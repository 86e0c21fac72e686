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
 * Found by review "own52c" on 7 December 2026: the wait a stopping serve now makes for "the imports
 * of other commands using it" ({@code Serve.awaitCommandsImporting}) takes every unfinished import
 * with a live lease for one, including an import left by a command that is gone (killed, its
 * laptop's lid closed): serve, started after it, schedules that import's resume for when its lease
 * runs out, and Ctrl-C cancels that resume at once ("waiting out its lease here kept Ctrl-C
 * waiting", a fix of 7a201ad), but then waits out that same lease, saying it waits for other
 * commands' imports, though no command runs. Expected: Ctrl-C stops such a serve in seconds, as
 * before; only imports of commands alive (renewing their lease) are waited for.
 */
class ServeStopBesideADeadCommandsImportTest {

    private static final Path SAMPLES = Emulators.ROOT.resolve("samples/acme");
    private static final Duration PATIENCE = Duration.ofSeconds(240);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    private Process command;
    private Process serve;

    @AfterEach
    void stop() throws Exception {
        CliProcess.stopAll(PATIENCE, command, serve);
    }

    @Test
    void serve_stoppedBesideTheLeftoverImportOfAKilledCommand_stopsWithoutWaitingOutItsLease() throws Exception {
        var home = folder.resolve(".intake");
        var org = "deadcommand";
        var catalog = (ObjectNode) JSON.readTree(Files.readString(SAMPLES.resolve("catalog.json")));
        catalog.put("org", org);
        var load = CliRun.run(home, "catalog", Files.writeString(folder.resolve(org + ".json"), catalog.toString()).toString());
        assertThat(load.exit()).as(load.err()).isZero();

        command = CliProcess.start(folder, home, "import", Map.of("INTAKE_LEASE_SECONDS", "50"), "import",
                CliProcess.untrackedRows(folder, 10_000).toString(), "--key", org + "/part-inventory/big.csv");
        awaitSaid("import", Pattern.compile("written [1-9]"));
        command.destroyForcibly(); // kill -9: its import stays unfinished, its lease live for up to 50 s
        assertThat(command.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();

        serve = CliProcess.start(folder, home, "serve", Map.of(), "serve", "--s3-port", "0", "--dynamodb-port", "0");
        var state = new ServeState(home);
        var deadline = Instant.now().plus(PATIENCE);
        while (!state.read().map(found -> found.ready() && found.pid() == serve.pid()).orElse(false)) {
            assertThat(serve.isAlive()).as("serve running; its stderr:\n" + CliProcess.err(folder, "serve")).isTrue();
            assertThat(Instant.now()).as("serve ready").isBefore(deadline);
            Thread.sleep(100);
        }
        var stopped = Instant.now();
        serve.destroy(); // Ctrl-C: no command runs, and serve imports nothing yet

        assertThat(serve.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("serve stopped").isTrue();
        var took = Duration.between(stopped, Instant.now());
        assertThat(took).as("what Ctrl-C took; serve said:\n" + CliProcess.err(folder, "serve")).isLessThan(Duration.ofSeconds(15));
    }

    private void awaitSaid(String name, Pattern text) throws Exception {
        var deadline = Instant.now().plus(PATIENCE);
        while (!text.matcher(CliProcess.err(folder, name)).find()) {
            assertThat(Instant.now()).as(name + " saying " + text + "; its stderr:\n" + CliProcess.err(folder, name)).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
