package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

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
 * {@code ./intake import} stopped while it writes (Ctrl-C; SIGTERM runs the same hook), run as its
 * own process. It used to die without a word, its import half written and leased for 15 minutes;
 * running the command again imported the file a second time beside it (found by review).
 */
class CliStopTest {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern WRITING = Pattern.compile("written [1-9]");

    @TempDir
    Path folder;
    private Process running;

    @AfterEach
    void stop() throws Exception {
        CliProcess.stopAll(PATIENCE, running);
    }

    @Test
    void import_stoppedWhileWriting_saysSoAndTheNextCommandFinishesItFirstEvenStoppedInTurnOrACatalogLoad() throws Exception {
        var home = folder.resolve(".intake");
        var org = "stopped";
        loadSampleCatalog(home, org);
        int seeded = CliRun.run(home, "dump", "inventory", "--org", org).lines().size();
        var big = untrackedRows(10_000);

        running = startImport(home, big, org + "/part-inventory/big.csv");
        awaitWriting();
        running.destroy();

        assertThat(running.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the import stopped").isTrue();
        var said = CliProcess.err(folder, "import");
        assertThat(said).contains("intake: stopped: import ", " of " + org + "/part-inventory/big.csv had begun writing",
                "The next ./intake import, invoke, catalog or serve finishes it first");
        assertThat(running.exitValue()).isNotZero();

        // the next command finishes it first: stopped in turn while it does, it gives the lease back too
        running = startImport(home, untrackedRows(3), org + "/part-inventory/small.csv");
        awaitSaid(org + "/part-inventory/big.csv: finishing first the import a stopped command left unfinished");
        Thread.sleep(200);
        running.destroy();
        assertThat(running.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the second command stopped").isTrue();
        var secondSaid = CliProcess.err(folder, "import");

        // ./intake catalog is a next command too: a load is refused where an unfinished import last
        // wrote, and until 5 December 2026 it refused without finishing the import
        var next = CliRun.run(home, Duration.ofMillis(50), "catalog", folder.resolve("catalog.json").toString());

        var bothSaid = secondSaid + next.err();
        assertThat(next.err()).as("the third command, after the second said:\n" + secondSaid).doesNotContain("its lease runs out at");
        assertThat(bothSaid).contains(org + "/part-inventory/big.csv: finishing first the import a stopped command left unfinished",
                org + "/part-inventory/big.csv: SUCCEEDED, 10,000 rows (10,000 created");
        assertThat(next.exit()).as(next.err()).isZero();
        // its progress shows, as the command's own import's does: it was silent (stop 48's operator review);
        // the third command finishes it unless the second did before its stop came
        if (!secondSaid.contains(org + "/part-inventory/big.csv: SUCCEEDED")) {
            assertThat(WRITING.matcher(next.err()).find()).as("progress while finishing it:\n" + next.err()).isTrue();
        }
        assertThat(CliRun.run(home, "dump", "imports", "--org", org).lines()).as("no import left unfinished")
                .noneMatch(line -> line.contains("\"status\":\"COMMITTING\"") || line.contains("\"status\":\"ROLLING_BACK\""));
        // small.csv: not uploaded when the stop came while big.csv was finishing, as it almost always does
        assertThat(CliRun.run(home, "dump", "inventory", "--org", org).lines()).as("each file's rows once")
                .hasSizeBetween(seeded + 10_000, seeded + 10_000 + 3);
    }

    /**
     * Ctrl-C while {@code ./intake export --out} writes: the file that was there stays as it was,
     * and the hidden file the export was writing beside it is gone. It was left behind (stop 48's
     * operator review: {@code .inventory.csv.partial-PID} beside the user's file, nothing said).
     */
    @Test
    void export_stoppedWhileWriting_leavesTheFileThatWasThereAndNoHiddenFile() throws Exception {
        var home = folder.resolve(".intake");
        var org = "exported";
        loadSampleCatalog(home, org);
        var imported = CliRun.run(home, "import", untrackedRows(10_000).toString(), "--key", org + "/part-inventory/rows.csv", "--quiet");
        assertThat(imported.exit()).as(imported.err()).isZero();
        var target = Files.writeString(folder.resolve("inventory.csv"), "the export of yesterday\n");

        running = CliProcess.start(folder, home, "export", Map.of(), "export", "part-inventory", "--org", org, "--out", "inventory.csv");
        var deadline = Instant.now().plus(PATIENCE);
        while (hiddenFiles().isEmpty()) {
            assertThat(running.isAlive()).as("the export writing; its stderr:\n" + CliProcess.err(folder, "export")).isTrue();
            assertThat(Instant.now()).as("the export writing").isBefore(deadline);
            Thread.sleep(5);
        }
        running.destroy();

        assertThat(running.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the export stopped").isTrue();
        assertThat(Files.readString(target)).as("the file that was there").isEqualTo("the export of yesterday\n");
        assertThat(hiddenFiles()).as("what the export was writing").isEmpty();
    }

    private java.util.List<Path> hiddenFiles() throws Exception {
        try (var files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().startsWith(".inventory.csv.partial-")).toList();
        }
    }

    /** The acme sample catalog, as {@code org}'s, loaded into {@code home}; written to catalog.json in the folder. */
    private void loadSampleCatalog(Path home, String org) throws Exception {
        assertThat(CliRun.run(home, "catalog", CliRun.sampleCatalogAs(org, folder.resolve("catalog.json")).toString()).exit()).isZero();
    }

    /** Until the running command has said {@code text} on stderr. */
    private void awaitSaid(String text) throws Exception {
        var deadline = Instant.now().plus(PATIENCE);
        while (!CliProcess.err(folder, "import").contains(text)) {
            assertThat(running.isAlive()).as("the command running; its stderr:\n" + CliProcess.err(folder, "import")).isTrue();
            assertThat(Instant.now()).as("the command saying " + text).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private Process startImport(Path home, Path file, String key) throws Exception {
        return CliProcess.start(folder, home, "import", Map.of(), "import", file.toString(), "--key", key);
    }

    /** Until the import's progress lines say it has written rows. */
    private void awaitWriting() throws Exception {
        var deadline = Instant.now().plus(PATIENCE);
        while (!WRITING.matcher(CliProcess.err(folder, "import")).find()) {
            assertThat(running.isAlive()).as("the import running; its stderr:\n" + CliProcess.err(folder, "import")).isTrue();
            assertThat(Instant.now()).as("the import writing").isBefore(deadline);
            Thread.sleep(100);
        }
    }

    private Path untrackedRows(int rows) throws Exception {
        return CliProcess.untrackedRows(folder, rows);
    }
}
