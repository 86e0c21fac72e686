package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by review "own52c" on 7 December 2026: the mark a catalog load leaves where it did not
 * finish ({@code load#unfinished}, which makes {@code ./intake import} load the org's catalog
 * again) is deleted by any later load that is refused with no cause ({@code CatalogLoader.load}
 * catches every such CatalogException, "refused before it wrote anything", and clears the org's
 * mark): a load refused because the stopped one's lease is still held, or one refused for a
 * problem in its file, wipes the mark of the load that did stop partway. The org then keeps half
 * a catalog and nothing says so: the next {@code ./intake import} skips loading it and fails
 * UNKNOWN_REFERENCE on parts the catalog names.
 */
class UnfinishedLoadMarkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ORGS = new AtomicInteger();

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", Emulators.LEASE_OF_CRASH_TESTS));

    @TempDir
    Path folder;

    /**
     * A load dies partway (the process killed: its lease stays until it runs out); the user runs
     * {@code ./intake catalog} again at once and is told another load is running. That refusal
     * wrote nothing, yet it deleted the dead load's mark.
     */
    @Test
    void catalog_loadRefusedWhileADeadLoadsLeaseHolds_keepsTheDeadLoadsMark() throws Exception {
        var org = "deadlease" + ORGS.incrementAndGet() + "z";
        try {
            new CatalogLoader(emulators.cliDynamoThrough(new CatalogFaultsTest.CrashAtWrite(4, true), 1), emulators.aws.config())
                    .load(CatalogFaultsTest.catalog(org, CatalogFaultsTest.golden()), "died.json");
        } catch (FaultInjector.SimulatedCrash expected) {
            // the process is gone, its lease with it only once it runs out
        }
        assertThat(loader().unfinishedLoads(org)).extracting(CatalogLoader.UnfinishedLoad::source).as("the dead load's mark").contains("died.json");

        assertThatThrownBy(() -> loader().load(CatalogFaultsTest.catalog(org, CatalogFaultsTest.golden()), "again.json")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("another catalog load of org " + org + " is running");
        emulators.catalogLoadLeaseRunsOut(org); // a minute later

        assertThat(loader().unfinishedLoads(org)).as("the org still holds half of died.json: ./intake import must load it again")
                .extracting(CatalogLoader.UnfinishedLoad::source).containsExactly("died.json");
    }

    /**
     * A load stopped partway (DynamoDB gave up: "load the catalog again to finish it"); the user
     * loads a file that is refused for a problem ("nothing was loaded"). The stopped load's mark
     * is gone with the refusal.
     */
    @Test
    void catalog_loadRefusedForAProblemAfterOneThatStoppedPartway_keepsTheStoppedLoadsMark() throws Exception {
        var org = "refusedafter" + ORGS.incrementAndGet() + "z";
        stoppedPartway(org, "stopped.json");
        assertThat(loader().unfinishedLoads(org)).extracting(CatalogLoader.UnfinishedLoad::source).as("the stopped load's mark").contains("stopped.json");

        var faulty = (ObjectNode) JSON.readTree(CatalogFaultsTest.golden());
        ((ObjectNode) faulty.get("inventory").get(0)).put("partNumber", "NO-SUCH-PART");
        assertThatThrownBy(() -> loader().load(CatalogFaultsTest.catalog(org, faulty.toString()), "typo.json")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("nothing was loaded");

        assertThat(loader().unfinishedLoads(org)).as("the org still holds half of stopped.json: ./intake import must load it again")
                .extracting(CatalogLoader.UnfinishedLoad::source).containsExactly("stopped.json");
    }

    /*
     * Found by review "own52d" on 7 December 2026, holes in the fix of review "own52c"'s findings:
     * the mark was put before CatalogLoader.reserveSeededIds, whose refusal ("inventory: new ids
     * [...] are at or below N") writes nothing, so such a refusal left a mark naming itself, and
     * every later ./intake import of the org loaded the refused file again; and one mark per org,
     * so a finished load of another file cleared a stopped load's mark.
     */

    /** A whole catalog loaded; a later file refused for a new id an import was handed: nothing written, no mark. */
    @Test
    void catalog_refusedForANewIdAnImportWasHanded_leavesNoUnfinishedMark() throws Exception {
        var org = "handed" + ORGS.incrementAndGet() + "z";
        loader().load(CatalogFaultsTest.catalog(org, CatalogFaultsTest.golden()), "catalog.json");
        assertThat(loader().unfinishedLoads(org)).as("a load that finished").isEmpty();
        long handed = handOutToAnImport(emulators.aws, org);

        assertThatThrownBy(() -> loader().load(CatalogFaultsTest.catalog(org, withNewItem(CatalogFaultsTest.golden(), handed)), "edited.json"))
                .isInstanceOf(CatalogException.class).hasMessageContaining(String.valueOf(handed)).hasMessageContaining("are at or below");

        assertThat(loader().unfinishedLoads(org)).extracting(CatalogLoader.UnfinishedLoad::source)
                .as("the refused load wrote nothing; the org's catalog is whole").isEmpty();
    }

    /** A load stopped partway (mark: stopped.json); another file refused at the id check takes the mark over. */
    @Test
    void catalog_refusedForANewIdAfterOneThatStoppedPartway_keepsTheStoppedLoadsMark() throws Exception {
        var org = "handedafter" + ORGS.incrementAndGet() + "z";
        stoppedPartway(org, "stopped.json");
        long handed = handOutToAnImport(emulators.aws, org);

        assertThatThrownBy(() -> loader().load(CatalogFaultsTest.catalog(org, withNewItem(CatalogFaultsTest.golden(), handed)), "edited.json"))
                .isInstanceOf(CatalogException.class).hasMessageContaining("are at or below");

        assertThat(loader().unfinishedLoads(org)).extracting(CatalogLoader.UnfinishedLoad::source)
                .as("the org holds half of stopped.json; edited.json wrote nothing").contains("stopped.json");
    }

    /**
     * The mark's rule ({@code ImportStoppedWhileLoadingItsCatalogTest}: "the mark stays until
     * parts.json itself is loaded"; docs/catalog.md) broken by {@code ./intake catalog} itself: a
     * load of stopped.json stops partway, its inventory and POs unwritten; the user then loads
     * another file of the org (its parts only), which finishes, and its end deletes the mark that
     * named stopped.json. Nothing says any more that stopped.json is half loaded: {@code ./intake
     * import} skips it, and an import naming one of its records or POs fails on it.
     */
    @Test
    void catalog_anotherFileLoadedAfterOneThatStoppedPartway_keepsTheStoppedLoadsMark() throws Exception {
        var org = "otherafter" + ORGS.incrementAndGet() + "z";
        stoppedPartway(org, "stopped.json");
        assertThat(loader().unfinishedLoads(org)).extracting(CatalogLoader.UnfinishedLoad::source).contains("stopped.json");
        var partsOnly = (ObjectNode) JSON.readTree(CatalogFaultsTest.golden());
        partsOnly.putArray("inventory");
        partsOnly.putArray("purchaseOrders");

        loader().load(CatalogFaultsTest.catalog(org, partsOnly.toString()), "parts-only.json");

        assertThat(loader().unfinishedLoads(org)).extracting(CatalogLoader.UnfinishedLoad::source)
                .as("stopped.json's inventory and POs are still unwritten").contains("stopped.json");
    }

    /**
     * What the user meets: {@code ./intake catalog ORG/catalog.json} after adding an item whose id
     * an import was handed is refused, nothing loaded; the org's catalog, loaded before, is whole.
     * Every {@code ./intake import ORG/part-inventory/x.csv} after it then says "ORG's last catalog
     * load ... did not finish", loads ORG/catalog.json "again", is refused again, and exits 1
     * without importing: a refused edit of the catalog blocks all of the org's imports.
     */
    @Test
    void import_afterTheOrgsCatalogJsonWasRefusedAtTheIdCheck_importsWithTheCatalogLoadedBefore() throws Exception {
        var home = folder.resolve(".intake");
        var org = "blocked" + ORGS.incrementAndGet() + "z";
        Files.createDirectories(folder.resolve(org + "/part-inventory"));
        var catalogFile = CliRun.sampleCatalogAs(org, folder.resolve(org + "/catalog.json"));
        assertThat(CliRun.run(home, "catalog", catalogFile.toString()).exit()).as("the first load").isZero();
        long handed;
        try (var aws = LocalAws.start(TemplateTablesTest.PROJECT_TEMPLATE, Map.of("INTAKE_HOME", home.toString()), home)) {
            handed = handOutToAnImport(aws, org);
        }
        Files.writeString(catalogFile, withNewItem(Files.readString(catalogFile), handed));
        var refused = CliRun.run(home, "catalog", catalogFile.toString());
        assertThat(refused.exit()).as("the edited load: " + refused.err()).isEqualTo(1);
        assertThat(refused.err()).contains("are at or below");

        var csv = Files.writeString(folder.resolve(org + "/part-inventory/x.csv"),
                "part_number,revision,quantity,location,supplier\nFST-M3-10,A,5,Stockroom A,Pacific Fasteners\n");
        var next = CliRun.run(home, "import", csv.toString(), "--quiet");

        assertThat(next.exit()).as("the import; it printed:\n" + next.out() + next.err()).isZero();
        assertThat(next.err()).as("nothing of the refused load was written").doesNotContain("did not finish");
    }

    /** Three ids handed to an import (reserved, not yet written), as ImportJob reserves them: the second of them. */
    private static long handOutToAnImport(LocalAws aws, String org) {
        return new dev.intake.aws.DynamoIdAllocator(aws.dynamo(), aws.config().catalogTable()).allocate(org, "inventory", 3) + 1;
    }

    /** {@code json} with one more loose fastener, id {@code id}. */
    private static String withNewItem(String json, long id) throws Exception {
        var node = (ObjectNode) JSON.readTree(json);
        var item = ((ObjectNode) node.get("inventory").get(6)).deepCopy(); // 1007: FST-M3-10, installed in nothing
        item.put("id", id);
        ((ArrayNode) node.get("inventory")).add(item);
        return node.toString();
    }

    /** Loads the golden catalog as {@code source} until DynamoDB gives up part way (its 7th write), the lease run out since. */
    private static void stoppedPartway(String org, String source) throws Exception {
        try {
            new CatalogLoader(emulators.cliDynamoThrough(new CatalogFaultsTest.CrashAtWrite(7, false), 1), emulators.aws.config())
                    .load(CatalogFaultsTest.catalog(org, CatalogFaultsTest.golden()), source);
        } catch (CatalogException expected) {
            assertThat(expected).hasMessageContaining("load the catalog again");
        }
        emulators.catalogLoadLeaseRunsOut(org);
    }

    private static CatalogLoader loader() {
        return new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config());
    }
}
