package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A catalog reload that shortens a PO while files change it: what the reload deletes (pages,
 * line items, the On Order records of the lines it drops) it deletes only as it read them, and
 * stops, naming the PO, where a file changed them since; loading again finishes the job.
 */
class CatalogReloadRacesTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    private static final AtomicInteger ORGS = new AtomicInteger();
    /** A file giving PO-901 a line of a serial-tracked wrench: one On Order record. */
    private static final String WRENCH_LINE = "po_number,part_number,description,quantity,cost\nPO-901,TORQ-WR-25,wrench,1,10\n";

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", Emulators.LEASE_OF_CRASH_TESTS));
    @RegisterExtension
    static final FaultInjector faults = new FaultInjector();

    private String org;

    @BeforeEach
    void freshOrg() throws Exception {
        faults.clear();
        org = "reload" + ORGS.incrementAndGet();
        emulators.loadCatalog(CATALOG, org);
    }

    /**
     * Found by review: PO-901 (seeded with one line) got lines 2 to 12 from a file, and the same
     * catalog is loaded again (to add a supplier, say): the load replaces PO-901's lines with its
     * one line, deleting page 1 and the On Order records of lines 2 to 12 (docs/catalog.md). After
     * the load read PO-901, and before it wrote, file B added line 13 (page 1 rewritten, the header
     * rewritten, an On Order record created). The load left PO-901's header alone (the same as it
     * read it, so not written, and so not checked), wrote page 0, and deleted page 1 without a
     * condition: B's line 13 was gone with no error anywhere (B's report says SUCCEEDED, the load
     * says it loaded), and B's On Order record stayed ON_ORDER, owned by "line 13" of PO-901, a
     * line that no longer exists. docs/catalog.md: "a record an import changed after the
     * load read it is not written over: the load stops, naming it, and loading the file again
     * finishes it".
     */
    @Test
    void catalog_reloadShrinkingAPoThatAFileChangedAfterTheLoadReadIt_stopsAndLeavesNoOrphanOnOrderRecord() throws Exception {
        var seededLines = "po_number,part_number,description,quantity,cost\n" + IntStream.rangeClosed(2, 12)
                .mapToObj(i -> "PO-901,,extra " + i + ",1,1\n").collect(Collectors.joining());
        importInto(org, "more-lines.csv", seededLines);
        var loadFailure = new AtomicReference<Exception>();
        // page 0 is PO-901's only changed item (its header is as stored): a plain put
        faults.interleaveBeforeCallNaming("PutItem", "#page#00000", () -> importInto(org, "line-13.csv", WRENCH_LINE));

        try {
            reloadThroughFaults();
        } catch (Exception stopped) {
            loadFailure.set(stopped);
        }

        var orders = String.join("\n", emulators.purchaseOrders(org));
        var orphans = emulators.inventory(org).stream()
                .filter(line -> line.contains("\"TORQ-WR-25\"") && !line.contains("\"purchaseOrderLine\":null"))
                .filter(line -> !orders.matches("(?s).*\"inventoryIds\":\\[([0-9]+,)*" + Emulators.idOf(line) + "[],].*")).toList();
        assertThat(orphans).as("On Order records whose line is gone").isEmpty();
        assertThat(loadFailure.get()).as("the load stops, naming PO-901").isNotNull();
        assertThat(loadFailure.get().getMessage()).contains("PO-901");
    }

    /**
     * Found by review: as above, but file B is a Part Inventory file that gives serial TW-STUCK to
     * the On Order record of line 2, which the reload removes. The load deleted the record without
     * a condition and let go of the serials the records held when it read them (none), so the
     * claim of TW-STUCK stayed with a record that no longer exists: no record of TORQ-WR-25 can
     * take that serial again.
     */
    @Test
    void catalog_reloadRemovingARecordThatAFileGaveASerialAfterTheLoadReadIt_leavesNoClaimBehind() throws Exception {
        importInto(org, "more-lines.csv", WRENCH_LINE);
        var record = wrenchOnOrder();
        // after the load read the record, before its delete (a transaction with its claim's release):
        // the hook was on the first DeleteItem, which the load no longer sent, and never ran
        var ran = new java.util.concurrent.atomic.AtomicBoolean();
        faults.interleaveBeforeCallNaming("TransactWriteItems", "N=" + record + ")", () -> {
            ran.set(true);
            assertThat(emulators.importFile(org + "/part-inventory/serial.csv", "id,serial_number\n" + record + ",TW-STUCK\n")
                    .get("status").asText()).isEqualTo("SUCCEEDED");
        });

        try {
            reloadThroughFaults();
        } catch (Exception stopped) {
            // a load that stops is fine, and loading again must then finish the job
            faults.clear();
            reload();
        }

        assertThat(ran).as("the file came between the load's read and its delete").isTrue();
        assertEveryClaimHeldAndFree("TW-STUCK");
    }

    /**
     * Found by review: a reload deleted the On Order records of the lines it drops first, and
     * let go of their serials only once every record was deleted. A load that stops in between
     * (Ctrl-C, a laptop lid, DynamoDB giving up) leaves the claim of a deleted record's serial
     * behind, and loading again does not finish the job: it finds the record gone ("gone
     * already"), so it never lets go of the serial, and no record of the part can take it again
     * (DUPLICATE_SERIAL). docs/catalog.md: "loading the file again finishes it (... it is safe to
     * repeat)"; "items a reload deletes let go of theirs". A record and its claim now go in one
     * transaction: a load that dies there has deleted neither, and loading again deletes both.
     */
    @Test
    void catalog_reloadStoppedBetweenDeletingARecordAndLettingGoOfItsSerial_loadingAgainLetsGoOfIt() throws Exception {
        importInto(org, "more-lines.csv", WRENCH_LINE);
        var record = wrenchOnOrder();
        assertThat(emulators.importFile(org + "/part-inventory/serial.csv", "id,serial_number\n" + record + ",TW-KEPT\n")
                .get("status").asText()).isEqualTo("SUCCEEDED");
        // the load dies at its delete of the record with TW-KEPT's claim (one transaction since the review)
        faults.failAfter("TransactWriteItems", emulators.aws.config().serialsTable(), 0, FaultInjector.Fault.CRASH, 1);
        try {
            reloadThroughFaults();
        } catch (FaultInjector.SimulatedCrash crashed) {
            // the process died here
        }
        faults.clear();

        reload();

        assertEveryClaimHeldAndFree("TW-KEPT");
    }

    /**
     * A first load that died after claiming PO-900's number, before it wrote the POs, left the
     * claim with no PO; until 5 December 2026 every later load of that catalog was refused ("PO
     * number PO-900 was taken by another PO while loading"), and nothing but a delete by hand
     * freed it. A claim a load wrote (no import's id on it) with no PO behind it is that load's
     * own: loading again takes it over.
     */
    @Test
    void catalog_firstLoadThatDiedAfterClaimingAPoNumber_loadingAgainFinishesIt() throws Exception {
        org = "crashed" + ORGS.incrementAndGet();
        // the first transaction naming PO-901 claims both numbers; the second writes the POs
        faults.failAfter("TransactWriteItems", "PO-901", 1, FaultInjector.Fault.CRASH, 1);
        var died = false;
        try {
            reloadThroughFaults();
        } catch (FaultInjector.SimulatedCrash crashed) {
            died = true; // the process died here, both numbers claimed, neither PO written
        }
        faults.clear();
        assertThat(died).isTrue();
        assertThat(emulators.poNumbers(org).keySet()).containsExactlyInAnyOrder("PO-900", "PO-901");
        assertThat(emulators.purchaseOrders(org)).isEmpty();

        reload();

        var orders = emulators.purchaseOrders(org);
        assertThat(orders).as("both POs, once each").hasSize(2);
        assertThat(orders).filteredOn(line -> line.contains("\"PO-900\"")).hasSize(1);
        assertThat(orders).filteredOn(line -> line.contains("\"PO-901\"")).hasSize(1);
        importInto(org, "more-lines.csv", WRENCH_LINE);
    }

    /** The id of the On Order record of PO-901's wrench line ({@link #WRENCH_LINE}). */
    private long wrenchOnOrder() {
        return emulators.inventory(org).stream()
                .filter(line -> line.contains("\"TORQ-WR-25\"") && !line.contains("\"purchaseOrderLine\":null"))
                .map(Emulators::idOf).findFirst().orElseThrow();
    }

    /**
     * Found by review (5 Dec 2026): a load that moves board 1003 out of module 1002 empties 1002's
     * slot; where a file changed 1002 after the load read it, the load writes 1003 and stops,
     * saying "inventory 1002 was changed by an import after this load read it, and was not
     * written: load the catalog again". Loading again no longer finishes the job: since the load
     * reads only SeedNeighbourhood (1003's stored parent, now none, and its new parent), it never
     * reads 1002, whose slot points at 1003 for good although 1003 is installed in nothing (an
     * aBOM that says a board is installed that is not). The whole-org read found every stored slot
     * pointing at a seeded item installed elsewhere.
     */
    @Test
    void catalog_moveOutOfAParentThatAFileChangedAfterTheLoadReadIt_loadingAgainEmptiesTheParentsSlot() throws Exception {
        var move = CatalogFile.parse("""
                {"org": "%s", "inventory": [{"id": 1003, "partNumber": "PCB-410", "revision": "A", "serialNumber": "PCB-1842",
                 "quantity": 1, "location": "Clean Room", "supplier": "Orbital Electronics",
                 "attributes": {"Inspected": true, "BatchID": "OE-2609-C"}, "installedIn": null}]}
                """.formatted(org));
        faults.interleaveBeforeCallNaming("TransactWriteItems", "AVN-B-0007", () -> {
            var report = emulators.importFile(org + "/part-inventory/batch.csv", "id,BatchID\n1002,B-1\n");
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        });
        String stopped = null;
        try {
            new CatalogLoader(emulators.cliDynamoThrough(faults, 3), emulators.aws.config()).load(move, "move.json");
        } catch (CatalogException e) {
            stopped = e.getMessage();
        }
        assertThat(stopped).as("the load stops, naming 1002").contains("inventory 1002");
        faults.clear();

        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(move, "move.json"); // "load the catalog again"

        var inventory = emulators.inventory(org);
        assertThat(inventory).anySatisfy(line -> assertThat(line).startsWith("{\"id\":1003,").contains("\"installedIn\":null"));
        assertThat(inventory).as("module 1002's slot no longer names board 1003, installed in nothing")
                .filteredOn(line -> line.startsWith("{\"id\":1002,")).singleElement()
                .satisfies(line -> assertThat(line).doesNotContain("\"installed\":1003"));
    }

    /**
     * Found by review (5 Dec 2026): the reload's new rule that a line whose On Order record has a
     * serial holds 0 or 1 (SeedPurchaseOrders.checkSerialledOnOrder) looks at the record as read
     * before anything is written, while SeedPurchaseOrders.write reads the records again later and
     * writes the line's quantity over what it reads then. A file that gives the record a serial in
     * between (here: while the load takes an id for a new PO) passes the check, and the load
     * writes the record with its serial and quantity 5, what the rule was to prevent (and the
     * importer's LineRules refuses).
     */
    @Test
    void catalog_serialGivenToAnOnOrderRecordAfterTheCheck_reloadDoesNotGiveItQuantity5() throws Exception {
        var cable = "po_number,part_number,description,quantity,cost\nPO-901,CBL-330,cable,1,10\n";
        importInto(org, "cable.csv", cable);
        long onOrder = emulators.inventory(org).stream()
                .filter(line -> line.contains("\"CBL-330\"") && !line.contains("\"purchaseOrderLine\":null"))
                .map(Emulators::idOf).findFirst().orElseThrow();
        var mapper = new ObjectMapper();
        var catalog = mapper.readTree(Files.readString(CATALOG));
        var po901 = (ObjectNode) catalog.get("purchaseOrders").get(1);
        assertThat(po901.get("poNumber").asText()).isEqualTo("PO-901");
        var line = ((ObjectNode) po901.get("lines").get(0)).deepCopy();
        line.put("partNumber", "CBL-330").put("description", "cable").put("quantity", 5);
        ((com.fasterxml.jackson.databind.node.ArrayNode) po901.get("lines")).add(line);
        var fresh = mapper.createObjectNode().put("poNumber", "PO-RACE");
        fresh.putArray("lines");
        var file = mapper.createObjectNode().put("org", org);
        file.putArray("purchaseOrders").add(po901).add(fresh);
        faults.interleaveBeforeCallNaming("UpdateItem", "sequence#purchase-order", () -> {
            var report = emulators.importFile(org + "/part-inventory/serial.csv", "id,serial_number\n" + onOrder + ",CBL-RACE\n");
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        });

        var posBefore = emulators.purchaseOrders(org);

        String refusal = null;
        try {
            new CatalogLoader(emulators.cliDynamoThrough(faults, 3), emulators.aws.config())
                    .load(CatalogFile.parse(mapper.writeValueAsString(file)), "race.json");
        } catch (CatalogException refused) {
            refusal = refused.getMessage(); // refusing is right too
        }

        assertThat(faults.calls()).as("the file ran during the load").isPositive();
        assertThat(emulators.inventory(org)).filteredOn(l -> l.contains("\"serialNumber\":\"CBL-RACE\""))
                .singleElement().asString().contains("\"quantity\":1,");
        if (refusal != null) {
            // Found by review (5 Dec 2026): the refusal said "the purchase orders were not written"
            // after PO-901 had been written with the line of quantity 5 its On Order record cannot follow.
            assertThat(refusal).contains("The purchase orders were not written");
            assertThat(emulators.purchaseOrders(org)).as("no PO written").isEqualTo(posBefore);
        }
    }

    /** The sample catalog of the org with 1002 and 1013 (both AVN-100) swapping serials. */
    private ObjectNode swappingSerials() throws Exception {
        var json = (ObjectNode) new ObjectMapper().readTree(Files.readString(CATALOG));
        json.put("org", org);
        ((ObjectNode) json.get("inventory").get(1)).put("serialNumber", "AVN-B-0008"); // 1002, AVN-B-0007 stored
        ((ObjectNode) json.get("inventory").get(12)).put("serialNumber", "AVN-B-0007"); // 1013, AVN-B-0008 stored
        return json;
    }

    /**
     * Found by review "own47" on 6 December 2026: two records of the file swapping serials went in
     * one by one; where an import had changed one since the load read it, the other was written
     * all the same, taking over a serial the first still held. They go in together: neither is
     * written, and the load says so.
     */
    @Test
    void catalog_swapOfSerialsWhoseOneSideAFileChangedAfterTheLoadReadIt_neitherIsWritten() throws Exception {
        var json = swappingSerials();
        faults.interleaveBeforeCallNaming("TransactWriteItems", "AVN-B-0008", () -> {
            var report = emulators.importFile(org + "/part-inventory/batch.csv", "id,BatchID\n1002,B-9\n");
            assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        });

        assertThatThrownBy(() -> new CatalogLoader(emulators.cliDynamoThrough(faults, 3), emulators.aws.config())
                .load(CatalogFile.parse(json.toString()), "swap.json"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("pass their serials round a circle, and one was changed by an import after this load"
                        + " read it, or took a serial another record holds: none of them was written");

        assertThat(emulators.heldSerials(org)).contains("AVN-100 AVN-B-0007 -> 1002", "AVN-100 AVN-B-0008 -> 1013");
        assertThat(emulators.serials(org)).isEqualTo(emulators.heldSerials(org));
    }

    /**
     * Found by review "own47b" on 6 December 2026: a circle made by a former parent as well as a serial (1003 leaves 1002, 1002
     * takes 1013's serial, 1013 leaves 1003) goes in by seedTogether, which keeps every serial a
     * member of the circle gives up, taken or not: 1002's old AVN-B-0007, which no record takes,
     * stays claimed by 1002.
     */
    @Test
    void catalog_circleThroughAFormerParent_theSerialNoOneTakesIsLetGo() throws Exception {
        var first = (ObjectNode) new ObjectMapper().readTree(Files.readString(CATALOG));
        first.put("org", org);
        ((ObjectNode) first.get("inventory").get(12)).put("installedIn", 1003); // 1013 into 1003
        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(CatalogFile.parse(first.toString()), "a.json");

        var second = (ObjectNode) new ObjectMapper().readTree(Files.readString(CATALOG));
        second.put("org", org);
        ((ObjectNode) second.get("inventory").get(2)).putNull("installedIn"); // 1003 leaves 1002
        ((ObjectNode) second.get("inventory").get(1)).put("serialNumber", "AVN-B-0008"); // 1002 takes 1013's
        ((ObjectNode) second.get("inventory").get(12)).put("serialNumber", "AVN-B-0099"); // 1013 a new one
        ((ObjectNode) second.get("inventory").get(12)).putNull("installedIn"); // and leaves 1003
        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(CatalogFile.parse(second.toString()), "b.json");

        assertThat(emulators.heldSerials(org)).contains("AVN-100 AVN-B-0008 -> 1002", "AVN-100 AVN-B-0099 -> 1013");
        // the serial no record holds any more, given to a new AVN-100
        var report = emulators.importFile(org + "/part-inventory/new.csv",
                "part_number,revision,serial_number,quantity,location\nAVN-100,B,AVN-B-0007,1,Clean Room\n");
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.serials(org)).isEqualTo(emulators.heldSerials(org));
    }

    /** Review "own47": a swap and a chain of serials in one reload; the claims follow, and loading it again changes nothing. */
    @Test
    void catalog_serialSwapAndChain_claimsFollowAndAReloadChangesNothing() throws Exception {
        var json = swappingSerials();
        ((ObjectNode) json.get("inventory").get(2)).put("serialNumber", "PCB-1850"); // 1003 takes 1012's
        ((ObjectNode) json.get("inventory").get(11)).put("serialNumber", "PCB-1900"); // 1012 a new one
        var file = CatalogFile.parse(json.toString());

        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(file, "swap.json");
        assertThat(emulators.serials(org)).isEqualTo(emulators.heldSerials(org))
                .contains("AVN-100 AVN-B-0008 -> 1002", "AVN-100 AVN-B-0007 -> 1013", "PCB-410 PCB-1850 -> 1003",
                        "PCB-410 PCB-1900 -> 1012");
        var after = emulators.dataTables();
        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(file, "swap.json");
        assertThat(emulators.dataTables()).isEqualTo(after);
    }

    /**
     * Found by review "crossrace" on 6 December 2026: a load wrote a record with a serial and
     * claimed the serial only after. A Part Inventory file creating a PCB-410 with that serial,
     * run whole before the claim (or before the record, since the load had read the serial free),
     * found it free too: the load's claim then failed ("the record was written without its
     * claim"), its record stayed, and two records held SEED-RACE, which no later load could mend.
     * The record now goes in with its claim: the file, run just before, takes the serial, and the
     * load writes nothing of that record and says so.
     */
    private void seededSerialTakenByAnImportJustBeforeTheLoadWritesIt(long recordId, boolean newRecord) throws Exception {
        var json = (ObjectNode) new ObjectMapper().readTree(Files.readString(CATALOG));
        json.put("org", org);
        if (newRecord) {
            ((ArrayNode) json.get("inventory")).addObject().put("id", recordId).put("partNumber", "PCB-410")
                    .put("revision", "A").put("serialNumber", "SEED-RACE").put("quantity", 1).put("location", "Stockroom A");
        } else {
            for (var item : json.get("inventory")) {
                if (item.get("id").asLong() == recordId) {
                    ((ObjectNode) item).put("serialNumber", "SEED-RACE");
                }
            }
        }
        var before = emulators.inventory(org).stream().filter(line -> line.startsWith("{\"id\":" + recordId + ",")).toList();
        var report = new AtomicReference<JsonNode>();
        faults.interleaveBeforeCallNaming("TransactWriteItems", "SEED-RACE", () -> report.set(emulators.importFile(
                org + "/part-inventory/take.csv", "part_number,revision,serial_number,quantity,location\nPCB-410,A,SEED-RACE,1,Receiving\n")));

        assertThatThrownBy(() -> new CatalogLoader(emulators.cliDynamoThrough(faults, 3), emulators.aws.config())
                .load(CatalogFile.parse(json.toString()), "seed.json"))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("serial number SEED-RACE of part PCB-410 of inventory " + recordId
                        + " is held by another record (an import took it since this load read the claims): inventory "
                        + recordId + " was not written");

        assertThat(report.get().get("status").asText()).as("the file, run inside the load").isEqualTo("SUCCEEDED");
        var taker = report.get().get("created").get(0).get("id").asLong();
        assertThat(emulators.inventory(org)).filteredOn(line -> line.contains("\"serialNumber\":\"SEED-RACE\""))
                .extracting(Emulators::idOf).containsExactly(taker);
        assertThat(emulators.inventory(org).stream().filter(line -> line.startsWith("{\"id\":" + recordId + ",")).toList())
                .as("the load's record, as before the load").isEqualTo(before);
        assertThat(emulators.serials(org)).isEqualTo(emulators.heldSerials(org));
    }

    @Test
    void catalog_importTakesASeededSerialJustBeforeTheLoadWritesItsNewRecord_theLoadLeavesTheRecordOut() throws Exception {
        seededSerialTakenByAnImportJustBeforeTheLoadWritesIt(50_000, true);
    }

    @Test
    void catalog_importTakesTheSerialAReloadGivesAStoredRecordJustBeforeItIsWritten_theLoadLeavesTheRecordAsItWas()
            throws Exception {
        seededSerialTakenByAnImportJustBeforeTheLoadWritesIt(1012, false);
    }

    /**
     * Review "crossrace": a reload seeds a new PO-7777 (two On Order wrenches) while a Purchase
     * Orders file creates PO-7777 (five fasteners), the file run whole inside the load just before
     * its {@code passing}+1-th transaction naming PO-7777 (0: its number claim; 1: its header and page). Whatever
     * the order: one PO-7777, its number leading to it, and On Order records for its lines only.
     */
    private void newPoNumberSeededWhileAFileCreatesIt(int passing) throws Exception {
        var json = (ObjectNode) new ObjectMapper().readTree(Files.readString(CATALOG));
        json.put("org", org);
        var po = ((ArrayNode) json.get("purchaseOrders")).addObject()
                .put("poNumber", "PO-7777").put("supplier", "Acme Metals").put("shipToLocation", "Receiving");
        po.putArray("lines").addObject().put("partNumber", "TORQ-WR-25").put("revision", "A").put("description", "wrench")
                .put("quantity", 2).put("cost", 1);
        var report = new AtomicReference<String>();
        faults.interleaveBeforeCallNaming("TransactWriteItems", "PO-7777", passing, () -> report.set(emulators.importFile(
                org + "/purchase-orders/take.csv",
                "po_number,supplier,ship_to_location,part_number,quantity,cost\nPO-7777,Acme Metals,Receiving,CBL-330,5,1\n").toString()));
        String loadOutcome = "loaded";
        try {
            new CatalogLoader(emulators.cliDynamoThrough(faults, 3), emulators.aws.config()).load(CatalogFile.parse(json.toString()), "po.json");
        } catch (CatalogException refused) {
            loadOutcome = "refused: " + refused.getMessage();
        }
        var pos = emulators.purchaseOrders(org);
        var onOrder = emulators.inventory(org).stream().filter(l -> l.contains("ON_ORDER")).toList();
        var why = "load " + loadOutcome + "\nimport " + report.get() + "\nPOs " + pos + "\nnumbers " + emulators.poNumbers(org)
                + "\nOn Order " + onOrder;
        assertThat(report.get()).as("the file ran inside the load").isNotNull();
        var po7777 = pos.stream().filter(l -> l.contains("\"poNumber\":\"PO-7777\"")).toList();
        assertThat(po7777).as(why).hasSize(1);
        boolean wrenches = po7777.getFirst().contains("TORQ-WR-25");
        assertThat(onOrder.stream().filter(l -> l.contains("TORQ-WR-25")).count()).as(why).isEqualTo(wrenches ? 2 : 0);
        assertThat(onOrder.stream().filter(l -> l.contains("CBL-330")).count()).as(why).isEqualTo(wrenches ? 0 : 1);
        assertThat(emulators.poNumbers(org).keySet()).as(why).containsExactlyInAnyOrderElementsOf(
                pos.stream().map(l -> l.replaceAll("^.*?\"poNumber\":\"([^\"]+)\".*$", "$1")).toList());
    }

    @Test
    void catalog_fileCreatesAPoNumberJustBeforeTheLoadClaimsIt_onePoWithItsOwnOnOrderRecords() throws Exception {
        newPoNumberSeededWhileAFileCreatesIt(0);
    }

    @Test
    void catalog_fileCreatesAPoNumberBetweenTheLoadsClaimAndItsHeader_onePoWithItsOwnOnOrderRecords() throws Exception {
        newPoNumberSeededWhileAFileCreatesIt(1);
    }

    /** Loads the sample catalog into the org again, through the fault injector. */
    private void reloadThroughFaults() throws Exception {
        new CatalogLoader(emulators.cliDynamoThrough(faults, 3), emulators.aws.config()).load(sampleCatalog(), CATALOG.toString());
    }

    /** Loads the sample catalog into the org again: what a user does after a load that stopped. */
    private void reload() throws Exception {
        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(sampleCatalog(), CATALOG.toString());
    }

    private CatalogFile sampleCatalog() throws Exception {
        var json = (ObjectNode) new ObjectMapper().readTree(Files.readString(CATALOG));
        json.put("org", org);
        return CatalogFile.parse(json.toString());
    }

    /** Every serial claim is held by its record, and {@code serial} by none: a new wrench can take it. */
    private void assertEveryClaimHeldAndFree(String serial) {
        assertThat(emulators.serials(org)).as("every claim is held by its record").isEqualTo(emulators.heldSerials(org));
        var create = emulators.importFile(org + "/part-inventory/create.csv", "part_number,serial_number,quantity,location\n"
                + "TORQ-WR-25," + serial + ",1,Receiving\n");
        assertThat(create.get("errors")).as(serial + " is held by no record").isEmpty();
    }

    private static void importInto(String org, String name, String csv) {
        var report = emulators.importFile(org + "/purchase-orders/" + name, csv);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
    }
}
