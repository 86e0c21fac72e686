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
 * A catalog load stopped with Ctrl-C part way, and the imports after it. A load marks the org
 * ({@code load#unfinished}, with its file) as its writes begin and clears the mark as they end;
 * {@code ./intake import}, which loads {@code ORG/catalog.json} only for an org with no catalog,
 * loads it again where the mark names that file, and otherwise says which file to load.
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
        CliProcess.stopAll(PATIENCE, running);
    }

    /**
     * Found by review "interrupts" on 7 December 2026: {@code ./intake import ORG/part-inventory/FILE.csv}
     * on a state where the org has no catalog loads {@code ORG/catalog.json} first (README, quick
     * start). Ctrl-C during that load: the command exited 130 without a word, and the org now
     * "had a catalog", so the next import of the same file skipped the load and failed it with
     * {@code UNKNOWN_REFERENCE} for a part its catalog.json names.
     */
    @Test
    void import_stoppedWhileLoadingTheOrgsCatalogFirst_saysSoAndTheNextImportDoesNotFailOnAHalfCatalog() throws Exception {
        var home = folder.resolve(".intake");
        var org = "halfloaded";
        Files.createDirectories(folder.resolve(org + "/part-inventory"));
        Files.writeString(folder.resolve(org + "/catalog.json"), withGeneratedParts(sampleCatalog(org)).toString());
        var file = lastPartsRow(org);

        running = CliProcess.start(folder, home, "import", Map.of(), "import", org + "/part-inventory/first.csv");
        var said = stoppedOnceWriting(home, "import");

        var next = CliRun.run(home, "import", file.toString(), "--quiet");

        var softly = new SoftAssertions();
        softly.assertThat(said).as("what the stopped command said").contains("intake: stopped", org + "/catalog.json");
        softly.assertThat(next.exit()).as("the next import of the file; the first said:\n" + said + "\nthe next:\n" + next.out() + next.err())
                .isZero();
        softly.assertThat(next.out()).as("the next import's report").doesNotContain("UNKNOWN_REFERENCE");
        softly.assertAll();
    }

    /**
     * Found by review "own52c" on 7 December 2026, a hole in the fix above: a user stops
     * {@code ./intake catalog parts.json} part way, so the mark names parts.json. The next
     * {@code ./intake import} of a file under ORG/ found ORG/catalog.json, a different file, loaded
     * it, said "ORG's last catalog load (parts.json) did not finish: loaded ORG/catalog.json again",
     * and cleared the mark: the import failed UNKNOWN_REFERENCE on a part of parts.json, and from
     * then on nothing said that parts.json was half loaded. The mark stays until parts.json itself
     * is loaded, and every import until then says to load it.
     */
    @Test
    void import_afterAStoppedLoadOfAnotherCatalogFile_keepsSayingThatFileIsHalfLoaded() throws Exception {
        var home = folder.resolve(".intake");
        var org = "otherfile";
        var small = sampleCatalog(org);
        Files.createDirectories(folder.resolve(org + "/part-inventory"));
        Files.writeString(folder.resolve(org + "/catalog.json"), small.toString());
        Files.writeString(folder.resolve("parts.json"), withGeneratedParts(small.deepCopy()).toString());
        var file = lastPartsRow(org);

        running = CliProcess.start(folder, home, "catalog", Map.of(), "catalog", "parts.json");
        var said = stoppedOnceWriting(home, "catalog");

        var first = CliRun.run(home, "import", file.toString(), "--quiet");
        var second = CliRun.run(home, "import", file.toString(), "--quiet");

        var softly = new SoftAssertions();
        softly.assertThat(said).as("what the stopped load said").contains("intake: stopped");
        softly.assertThat(first.err()).as("the first import after the stop: catalog.json was never loaded before, nor is it parts.json")
                .doesNotContainPattern("did not finish: loaded \\S*catalog\\.json again");
        softly.assertThat(second.err()).as("the second import, failing on a part of parts.json; the first said:\n" + first.err()
                + "\nthe second printed:\n" + second.out()).contains("parts.json");
        softly.assertAll();
    }

    /** The sample catalog under {@code org}, without its inventory and purchase orders. */
    private static ObjectNode sampleCatalog(String org) throws Exception {
        var catalog = (ObjectNode) JSON.readTree(Files.readString(SAMPLES.resolve("catalog.json")));
        catalog.put("org", org);
        catalog.putArray("inventory");
        catalog.putArray("purchaseOrders");
        return catalog;
    }

    /** {@code catalog} with {@link #PARTS} more parts, GEN-00000 on: a load that writes for seconds. */
    private static ObjectNode withGeneratedParts(ObjectNode catalog) {
        var parts = (ArrayNode) catalog.get("parts");
        for (int i = 0; i < PARTS; i++) {
            parts.addObject().put("partNumber", "GEN-%05d".formatted(i)).put("revision", "A")
                    .put("trackingType", "none").put("unitOfMeasure", "each");
        }
        return catalog;
    }

    /** A file of one row naming the last generated part, under ORG/part-inventory/. */
    private Path lastPartsRow(String org) throws Exception {
        return Files.writeString(folder.resolve(org + "/part-inventory/first.csv"),
                "part_number,revision,quantity,location,supplier\nGEN-%05d,A,1,Stockroom A,Pacific Fasteners\n".formatted(PARTS - 1));
    }

    /**
     * Stops (Ctrl-C) the command {@link #running} under {@code name} once its load has written some
     * of the parts (DynamoDB Local's file has grown), and returns what it said.
     */
    private String stoppedOnceWriting(Path home, String name) throws Exception {
        var database = home.resolve("dynamodb/shared-local-instance.db");
        var deadline = Instant.now().plus(PATIENCE);
        while (!Files.exists(database) || Files.size(database) < 1_200_000) {
            assertThat(running.isAlive()).as("the load; its stderr:\n" + CliProcess.err(folder, name)).isTrue();
            assertThat(Instant.now()).as("the load writing").isBefore(deadline);
            Thread.sleep(20);
        }
        running.destroy(); // Ctrl-C
        assertThat(running.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("the command stopped").isTrue();
        return CliProcess.err(folder, name);
    }
}
