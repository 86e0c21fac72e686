package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.aws.DynamoInventoryStore;
import dev.intake.core.inventory.InventoryRecord;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Moving an assembly moves what is installed in it, on DynamoDB Local's indexes: a file that moves
 * a few records asks {@code byParent} about each; one that moves many reads the org's
 * installations from the keys-only {@code installations} index once (InstalledTrees). The
 * acme catalog installs 1002 and 1005 in 1001, and 1003 and 1004 in 1002.
 */
class LocationPropagationTest {

    /** More moved records than InstalledTrees asks about one by one. */
    private static final int MANY = 600;
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @Test
    void installedIds_readsTheOrgsInstallationsFromTheIndex() throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), "tree-index");

        assertThat(store().installedIds("tree-index"))
                .containsOnlyKeys(1001L, 1002L)
                .satisfies(installed -> {
                    assertThat(installed.get(1001L)).containsExactlyInAnyOrder(1002L, 1005L);
                    assertThat(installed.get(1002L)).containsExactlyInAnyOrder(1003L, 1004L);
                });
    }

    @Test
    void import_aFewMoves_moveTheWholeTree() throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), "tree-few");

        var report = emulators.importFile("tree-few/part-inventory/move.csv", "id,location\n1001,Line 2\n");

        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(locations("tree-few", 1001, 1002, 1003, 1004, 1005)).containsOnly("Line 2");
    }

    @Test
    void import_manyMoves_moveTheWholeTree_throughTheInstallationsIndex() throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), "tree-many");
        var created = emulators.importFile("tree-many/part-inventory/loose.csv",
                "part_number,quantity,location\n" + "FST-M3-10,1,Stockroom A\n".repeat(MANY));
        long firstCreated = created.get("created").get(0).get("id").asLong();
        var moves = new StringBuilder("id,location\n1001,Line 2\n");
        LongStream.range(firstCreated, firstCreated + MANY).forEach(id -> moves.append(id).append(",Line 2\n"));

        var report = emulators.importFile("tree-many/part-inventory/move.csv", moves.toString());

        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(S3EventDeliveryTest.counts(report)).containsExactly(MANY + 1, 0, MANY + 1, 0);
        assertThat(locations("tree-many", 1001, 1002, 1003, 1004, 1005)).containsOnly("Line 2");
        assertThat(locations("tree-many", firstCreated, firstCreated + MANY - 1)).containsOnly("Line 2");
        assertThat(locations("tree-many", 1006)).containsExactly("Stockroom A"); // not in the tree: stays
    }

    private static List<String> locations(String org, long... ids) {
        var found = store().findByIds(org, LongStream.of(ids).boxed().toList());
        return LongStream.of(ids).mapToObj(id -> found.get(id).item()).map(InventoryRecord::location).toList();
    }

    private static DynamoInventoryStore store() {
        return new DynamoInventoryStore(emulators.aws.dynamo(), emulators.aws.config().inventoryTable());
    }
}
