package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.SerialItems;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * `./intake claim-serials`: inventory stored before serials were claimed gets its claims, so that
 * imports, which look serials up in SerialsTable only, see them. The acme catalog seeds seven
 * serial-numbered items; each test takes them to a fresh org and then removes their claims, as a
 * table from before claims existed would have none.
 */
class SerialBackfillTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @Test
    void run_inventoryWithoutClaims_claimsEverySerial_andAnImportThenSeesThem() throws Exception {
        var claims = inventoryWithoutClaims("backfill-plain");

        var result = backfill().run("backfill-plain");

        assertThat(result.claimed()).isEqualTo(7);
        assertThat(result.duplicates()).isEmpty();
        assertThat(emulators.serials("backfill-plain")).isEqualTo(claims);
        var report = emulators.importFile("backfill-plain/part-inventory/again.csv",
                "part_number,serial_number,quantity,location\nPCB-410,PCB-1842,1,Receiving\n");
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("DUPLICATE_SERIAL");
    }

    @Test
    void run_again_changesNothing() throws Exception {
        inventoryWithoutClaims("backfill-twice");
        backfill().run("backfill-twice");

        var again = backfill().run("backfill-twice");

        assertThat(again.claimed()).isZero();
        assertThat(again.alreadyClaimed()).isEqualTo(7);
    }

    @Test
    void run_twoItemsWithOneSerial_claimsItForTheFirstAndReportsThePair() throws Exception {
        inventoryWithoutClaims("backfill-twins");
        var store = store();
        var board = store.findByIds("backfill-twins", List.of(1003L)).get(1003L).item();
        store.seed("backfill-twins", java.util.Map.of(), List.of(copy(board, 5003)), emulators.aws.config().serialsTable());

        var result = backfill().run("backfill-twins");

        assertThat(result.claimed()).isEqualTo(7);
        assertThat(result.duplicates()).containsExactly("serial PCB-1842 of PCB-410: items 1003 and 5003");
        assertThat(emulators.serials("backfill-twins")).contains("PCB-410 PCB-1842 -> 1003");
        assertThat(result.toString()).contains("1 held by two items");
    }

    /**
     * Before the backfill, a serial a record holds has no claim. An import that gives the record
     * another serial has nothing to give up: the record's last writer (the catalog) is not in
     * progress, so the release that finds no claim is dropped and the new serial claimed.
     */
    @Test
    void import_newSerialForARecordWithoutAClaim_succeedsAndClaimsTheNewSerial() throws Exception {
        inventoryWithoutClaims("backfill-none");

        var report = emulators.importFile("backfill-none/part-inventory/renumber.csv",
                "id,part_number,serial_number,quantity\n1003,,PCB-9001,1\n");

        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.serials("backfill-none")).containsExactly("PCB-410 PCB-9001 -> 1003");
    }

    /** Loads the acme catalog as {@code org}, deletes its serial claims, and returns them as they were. */
    private static List<String> inventoryWithoutClaims(String org) throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), org);
        var claims = emulators.serials(org);
        for (var record : store().all(org)) {
            if (record.serialNumber() != null) {
                var key = SerialItems.key(org, new SerialKey(record.part().partNumber(), record.serialNumber()));
                emulators.aws.dynamo().deleteItem(b -> b.tableName(emulators.aws.config().serialsTable()).key(key));
            }
        }
        assertThat(emulators.serials(org)).isEmpty();
        return claims;
    }

    private static InventoryRecord copy(InventoryRecord record, long id) {
        return new InventoryRecord(id, record.part(), record.tracking(), record.quantities(), record.placement(),
                record.attributes(), dev.intake.core.inventory.Assembly.NONE, record.purchaseOrderLine());
    }

    private static SerialBackfill backfill() {
        return new SerialBackfill(emulators.aws.dynamo(), emulators.aws.config());
    }

    private static DynamoInventoryStore store() {
        return new DynamoInventoryStore(emulators.aws.dynamo(), emulators.aws.config().inventoryTable());
    }
}
