package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by review "interrupts" on 7 December 2026: {@code ./intake import ORG/part-inventory/FILE.csv} on a state where the
 * org has no catalog loads {@code ORG/catalog.json} first (README, quick start). Ctrl-C (or
 * SIGTERM) during that load: the command exits 130 without a word (no "stopped: the catalog load
 * may have written part of …", which {@code ./intake catalog} says), the load's lease is kept for
 * a minute, and the org now "has a catalog", so the next {@code ./intake import} of the same file
 * skips the load and fails it with {@code UNKNOWN_REFERENCE} for a part its catalog.json names.
 * Now the stop is said, and a load that did not finish leaves a mark ({@code load#unfinished})
 * that makes the next import load the catalog again.
 */
class ImportStoppedWhileLoadingItsCatalogTest {

    private static final Path SAMPLES = Emulators.ROOT.resolve("samples/acme");
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PARTS = 8_000;

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
    void import_stoppedWhileLoadingTheOrgsCatalogFirst_saysSoAndTheNextImportDoesNotFailOnAHalfCatalog() throws Exception {
        var home = folder.resolve(".intake");
        var org = "halfloaded";
        var catalog = (ObjectNode) JSON.readTree(Files.readString(SAMPLES.resolve("catalog.json")));
        catalog.put("org", org);
        catalog.putArray("inventory");
        catalog.putArray("purchaseOrders");
        var parts = (ArrayNode) catalog.get("parts");
        for (int i = 0; i < PARTS; i++) {
            parts.addObject().put("partNumber", "GEN-%05d".formatted(i)).put("revision", "A")
                    .put("trackingType", "none").put("unitOfMeasure", "each");
        }
        Files.createDirectories(folder.resolve(org + "/part-inventory"));
        Files.writeString(folder.resolve(org + "/catalog.json"), catalog.toString());
        var file = Files.writeString(folder.resolve(org + "/part-inventory/first.csv"),
                "part_number,revision,quantity,location,supplier\nGEN-%05d,A,1,Stockroom A,Pacific Fasteners\n".formatted(PARTS - 1));

        running = CliProcess.start(folder, home, "import", Map.of(), "import", org + "/part-inventory/first.csv");
        // the load writes thousands of part revisions: stop it once DynamoDB Local's file has grown with some
        var database = home.resolve("dynamodb/shared-local-instance.db");
        var deadline = Instant.now().plus(PATIENCE);
        while (!Files.exists(database) || Files.size(database) < 1_200_000) {
            assertThat(running.isAlive()).as("the import loading the catalog; its stderr:\n" + CliProcess.err(folder, "import")).isTrue();
            assertThat(Instant.now()).as("the catalog load writing").isBefore(deadline);
            Thread.sleep(20);
        }
        running.destroy(); // Ctrl-C
        assertThat(running.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the import stopped").isTrue();
        var said = CliProcess.err(folder, "import");

        var next = CliRun.run(home, "import", file.toString(), "--quiet");

        var softly = new SoftAssertions();
        softly.assertThat(said).as("what the stopped command said").contains("intake: stopped", org + "/catalog.json");
        softly.assertThat(next.exit()).as("the next import of the file; the first said:\n" + said + "\nthe next:\n" + next.out() + next.err())
                .isZero();
        softly.assertThat(next.out()).as("the next import's report").doesNotContain("UNKNOWN_REFERENCE");
        softly.assertAll();
    }
}
