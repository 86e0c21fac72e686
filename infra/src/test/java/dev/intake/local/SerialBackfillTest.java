package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.aws.OrgScans;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.SerialItems;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
        // written as records were before claims: the store's seed would claim its serial
        emulators.aws.dynamo().putItem(b -> b.tableName(emulators.aws.config().inventoryTable())
                .item(dev.intake.aws.InventoryItems.toItem("backfill-twins", copy(board, 5003))));

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

    /**
     * Found by review (5 Dec 2026): `./intake claim-serials`, which deploy.md says to run after the
     * update, while imports go on, claims a serial for the record as its stream read it, with no
     * check that the record still holds the serial when the claim is put. An import that gives the
     * record another serial in between (its release of the old serial finds no claim and leaves a
     * trace, which the backfill's condition takes as free) leaves a claim of the old serial on a
     * record that no longer holds it: that serial is then refused to every record
     * (DUPLICATE_SERIAL "already used by inventory 1003") for good, and the import's trace is
     * overwritten. The commit puts its own claims with {@code SerialItems.heldByItsRecord} beside
     * them; the backfill should too (a transaction of the put and that condition check).
     */
    @Test
    void run_whileAnImportChangesARecordsSerial_leavesNoClaimOnARecordThatNoLongerHoldsIt() throws Exception {
        inventoryWithoutClaims("backfill-race");
        var real = emulators.aws.dynamo();
        var imported = new java.util.concurrent.atomic.AtomicBoolean();
        var dynamo = (software.amazon.awssdk.services.dynamodb.DynamoDbClient) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {software.amazon.awssdk.services.dynamodb.DynamoDbClient.class},
                (proxy, method, args) -> {
                    // the import lands between the backfill's read of record 1003 and its claim of PCB-1842
                    if ((method.getName().equals("putItem") || method.getName().equals("transactWriteItems"))
                            && imported.compareAndSet(false, true)) {
                        var report = emulators.importFile("backfill-race/part-inventory/renumber.csv",
                                "id,part_number,serial_number,quantity\n1003,,PCB-9001,1\n");
                        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });

        new SerialBackfill(dynamo, emulators.aws.config()).run("backfill-race");

        assertThat(imported).isTrue();
        assertThat(store().findByIds("backfill-race", List.of(1003L)).get(1003L).item().serialNumber()).isEqualTo("PCB-9001");
        assertThat(emulators.serials("backfill-race")).doesNotContain("PCB-410 PCB-1842 -> 1003");
        var report = emulators.importFile("backfill-race/part-inventory/reuse.csv",
                "part_number,serial_number,quantity,location\nPCB-410,PCB-1842,1,Receiving\n");
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
    }

    /**
     * Found by review (5 Dec 2026): deploy.md says running `./intake claim-serials` on an org that
     * needs nothing "changes nothing", but the backfill's put replaces every claim it finds already
     * its record's with one of no writer: the {@code importId} an import's claim carries is gone.
     * That stamp is what the unfinished-writer check reads (docs/dynamodb.md, SerialsTable): run
     * while the import that took the claim has not finished (in flight during the deploy, or left
     * COMMITTING for its retry), a file giving that serial to another record is no longer refused
     * as building on an unfinished import, but failed DUPLICATE_SERIAL, though the import's undo
     * may yet free the serial. A claim already the record's should be left as it is (a put on
     * condition {@code attribute_not_exists(id)} only, or an update that sets no importId).
     */
    @Test
    void run_overAClaimAnImportTook_leavesTheClaimAsItWas() throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), "backfill-stamp");
        var report = emulators.importFile("backfill-stamp/part-inventory/new.csv",
                "part_number,serial_number,quantity,location\nPCB-410,PCB-7777,1,Receiving\n");
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        var table = emulators.aws.config().serialsTable();
        var key = SerialItems.key("backfill-stamp", new SerialKey("PCB-410", "PCB-7777"));
        var before = emulators.aws.dynamo().getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        assertThat(before).containsKey("importId");

        backfill().run("backfill-stamp");

        assertThat(emulators.aws.dynamo().getItem(b -> b.tableName(table).key(key).consistentRead(true)).item())
                .as("the claim after claim-serials").isEqualTo(before);
    }

    /**
     * Found by review "serials" on 7 December 2026: a claim written before 4 December 2026 holds the part number as
     * the record spells it ({@code Widget-a}), not in the canonical form claims are keyed by now
     * ({@code WIDGET-A}, docs/dynamodb.md). deploy.md (step 5) says `./intake claim-serials`
     * releases a claim "that names a record that ... holds another serial". Once the record has
     * given the serial up, such an old-form claim names a record that no longer holds it, but the
     * backfill parses it into a canonical {@code SerialClaim} and deletes under the canonical key
     * ({@code SerialItems.key(org, claim.key())}), never under the item's own {@code serialKey}:
     * the old-form claim stays in the table for good, run after run, and the run reports nothing.
     */
    @Test
    void run_overAnOldFormClaimOfASerialItsRecordGaveUp_releasesIt() throws Exception {
        var org = "backfill-oldform";
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), org);
        var extra = Files.createTempFile("oldform", ".json");
        Files.writeString(extra, """
                {"org": "x", "parts": [{"partNumber": "Widget-a", "revision": "A", "trackingType": "serial",
                  "unitOfMeasure": "each", "purchaseType": "receivable_inventory"}],
                 "inventory": [{"id": 7001, "partNumber": "Widget-a", "revision": "A", "serialNumber": "W-1", "quantity": 1}]}
                """);
        emulators.loadCatalog(extra, org);
        var table = emulators.aws.config().serialsTable();
        // the claim as an Intake before 4 December 2026 wrote it: the record's own spelling in the key
        emulators.aws.dynamo().deleteItem(b -> b.tableName(table).key(SerialItems.key(org, new SerialKey("Widget-a", "W-1"))));
        var oldKey = Map.of("serialKey", AttributeValue.fromS(org + "#Widget-a#W-1"));
        var oldClaim = new HashMap<>(oldKey);
        oldClaim.put("org", AttributeValue.fromS(org));
        oldClaim.put("partNumber", AttributeValue.fromS("Widget-a"));
        oldClaim.put("serialNumber", AttributeValue.fromS("W-1"));
        oldClaim.put("id", AttributeValue.fromN("7001"));
        emulators.aws.dynamo().putItem(b -> b.tableName(table).item(oldClaim));
        var report = emulators.importFile(org + "/part-inventory/renumber.csv", "id,serial_number,quantity\n7001,W-2,1\n");
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");

        backfill().run(org);

        assertThat(emulators.aws.dynamo().getItem(b -> b.tableName(table).key(oldKey).consistentRead(true)).item())
                .as("the old-form claim of W-1, whose record 7001 now holds W-2").isNullOrEmpty();
    }

    /** Loads the acme catalog as {@code org}, deletes its serial claims, and returns them as they were. */

    /*
     * Serials written decomposed, as macOS writes a Finder file name they are copied from (review
     * "own55d" on 7 December 2026, of the "numbersmac" fix): claim keys built composed from records
     * holding the serial as written were dropped by the commit's check that the record holds the
     * serial, and duplicates went through. A file's serials are read composed (CellTypes.SERIAL).
     */
    @TempDir
    static Path dir;

    private static final String DECOMPOSED_SERIALS_CATALOG = """
            {"org": "x", "locations": ["Receiving"], "unitsOfMeasure": ["each"],
             "parts": [{"partNumber": "WIDGET-A", "revision": "A", "trackingType": "serial",
              "unitOfMeasure": "each", "purchaseType": "receivable_inventory"}]}
            """;

    private static final String DECOMPOSED = Normalizer.normalize("SN-Zürich-1", Normalizer.Form.NFD);
    private static final String COMPOSED = Normalizer.normalize("SN-Zürich-1", Normalizer.Form.NFC);

    private static String errors(JsonNode report) {
        return report.get("status").asText() + " " + report.get("errors");
    }

    /** A fresh org with a serial-tracked part, and one unit of it imported with {@link #DECOMPOSED}. */
    private static void orgWithADecomposedSerial(String org) throws Exception {
        emulators.loadCatalog(Files.writeString(dir.resolve(org + ".json"), DECOMPOSED_SERIALS_CATALOG), org);
        var first = emulators.importFile(org + "/part-inventory/one.csv",
                "part_number,serial_number,quantity,location\nWIDGET-A," + DECOMPOSED + ",1,Receiving\n");
        assertThat(first.get("status").asText()).as(errors(first)).isEqualTo("SUCCEEDED");
    }

    @Test
    void import_decomposedSerialCreated_isClaimed() throws Exception {
        orgWithADecomposedSerial("nfd-claim");

        assertThat(emulators.serials("nfd-claim")).as("the claims").hasSize(1);
    }

    /** The same serial in a later file, decomposed again or typed composed: the unit has it already. */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void import_decomposedSerialThenTheSameInALaterFile_duplicateSerial(boolean laterComposed) throws Exception {
        var org = "nfd-later-" + laterComposed;
        orgWithADecomposedSerial(org);

        var report = emulators.importFile(org + "/part-inventory/two.csv",
                "part_number,serial_number,quantity,location\nWIDGET-A," + (laterComposed ? COMPOSED : DECOMPOSED) + ",1,Receiving\n");

        assertThat(report.get("status").asText()).as(errors(report)).isEqualTo("FAILED");
        assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("DUPLICATE_SERIAL");
        assertThat(report.get("errors").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(report.get("errors").get(0).get("column").asText()).isEqualTo("serial_number");
    }

    /** And `./intake claim-serials` finds such a record's serial claimed (it compares as the commit does). */
    @Test
    void claimSerials_recordHoldingADecomposedSerial_claimsIt() throws Exception {
        orgWithADecomposedSerial("nfd-backfill");

        new SerialBackfill(emulators.aws.dynamo(), emulators.aws.config()).run("nfd-backfill");

        assertThat(emulators.serials("nfd-backfill")).as("the claims").hasSize(1);
    }

    private static List<String> inventoryWithoutClaims(String org) throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), org);
        var claims = emulators.serials(org);
        for (var record : OrgScans.inventory(store(), org).toList()) {
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
