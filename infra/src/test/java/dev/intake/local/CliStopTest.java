package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./intake import} stopped while it writes (Ctrl-C; SIGTERM runs the same hook), run as its
 * own process. It used to die without a word, its import half written and leased for 15 minutes;
 * running the command again imported the file a second time beside it (found by review).
 */
class CliStopTest {

    private static final Path SAMPLES = Emulators.ROOT.resolve("samples/acme");
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern WRITING = Pattern.compile("written [1-9]");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path folder;
    private Process running;

    @AfterEach
    void stop() throws Exception {
        if (running != null && running.isAlive()) {
            running.destroyForcibly().waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void import_stoppedWhileWriting_saysSoAndTheNextImportFinishesItFirst() throws Exception {
        var home = folder.resolve(".intake");
        var org = "stopped";
        var catalog = (ObjectNode) JSON.readTree(Files.readString(SAMPLES.resolve("catalog.json")));
        catalog.put("org", org);
        assertThat(CliRun.run(home, "catalog", Files.writeString(folder.resolve("catalog.json"), catalog.toString()).toString()).exit()).isZero();
        int seeded = CliRun.run(home, "dump", "inventory", "--org", org).lines().size();
        var big = untrackedRows(20_000);

        running = startImport(home, big, org + "/part-inventory/big.csv");
        awaitWriting();
        running.destroy();

        assertThat(running.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the import stopped").isTrue();
        var said = Files.readString(folder.resolve("import.err"), StandardCharsets.UTF_8);
        assertThat(said).contains("intake: stopped: import ", " of " + org + "/part-inventory/big.csv had begun writing",
                "The next ./intake import, invoke or serve finishes it first");
        assertThat(running.exitValue()).isNotZero();

        var next = CliRun.run(home, "import", untrackedRows(3).toString(), "--key", org + "/part-inventory/small.csv");

        assertThat(next.err()).contains(org + "/part-inventory/big.csv: finishing first the import a stopped command left unfinished",
                org + "/part-inventory/big.csv: SUCCEEDED, 20000 rows (20000 created");
        assertThat(JSON.readTree(next.out()).path("status").asText()).as(next.out()).isEqualTo("SUCCEEDED");
        assertThat(CliRun.run(home, "dump", "inventory", "--org", org).lines()).as("each file's rows once")
                .hasSize(seeded + 20_000 + 3);
    }

    private Process startImport(Path home, Path file, String key) throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        var command = List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-Dintake.template=" + TemplateTablesTest.PROJECT_TEMPLATE.toAbsolutePath().normalize(),
                "-cp", System.getProperty("java.class.path"), IntakeCli.class.getName(), "import", file.toString(), "--key", key);
        var builder = new ProcessBuilder(command).directory(folder.toFile())
                .redirectOutput(folder.resolve("import.out").toFile())
                .redirectError(folder.resolve("import.err").toFile());
        builder.environment().putAll(Map.of("INTAKE_HOME", home.toString(), "DDB_LOCAL_TELEMETRY", "0",
                "AWS_EC2_METADATA_DISABLED", "true", "AWS_ACCESS_KEY_ID", "dummy", "AWS_SECRET_ACCESS_KEY", "dummy",
                "AWS_REGION", "us-east-1"));
        return builder.start();
    }

    /** Until the import's progress lines say it has written rows. */
    private void awaitWriting() throws Exception {
        var deadline = Instant.now().plus(PATIENCE);
        while (!WRITING.matcher(Files.readString(folder.resolve("import.err"), StandardCharsets.UTF_8)).find()) {
            assertThat(running.isAlive()).as("the import running; its stderr:\n" + Files.readString(folder.resolve("import.err"))).isTrue();
            assertThat(Instant.now()).as("the import writing").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    /** Untracked fastener rows: no serials, so the file can be as long as a test needs. */
    private Path untrackedRows(int rows) throws Exception {
        var text = new StringBuilder("part_number,revision,quantity,location,supplier\n");
        for (int i = 1; i <= rows; i++) {
            text.append("FST-M3-10,A,").append(i).append(",Stockroom A,Pacific Fasteners\n");
        }
        return Files.writeString(Files.createTempFile(folder, "rows", ".csv"), text, StandardCharsets.UTF_8);
    }
}
