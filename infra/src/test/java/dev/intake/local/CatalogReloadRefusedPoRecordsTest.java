package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Found by review "own51c" (7 December 2026): docs/catalog.md says a PO an import changed since
 * the load read it "is left exactly as the import left it". The load deleted the On Order records
 * of the lines a reload drops before it seeded the POs: where the PO was then refused (its header
 * changed by a file), it kept the dropped line, whose On Order record was gone. They are deleted
 * in the PO's own transaction now.
 */
class CatalogReloadRefusedPoRecordsTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", Emulators.LEASE_OF_CRASH_TESTS));
    @RegisterExtension
    static final FaultInjector faults = new FaultInjector();

    @Test
    void catalog_reloadDroppingALineOfAPoAnImportChangesTheHeaderOf_keepsThatLinesOnOrderRecord() throws Exception {
        loadPo1("poseedc", "none", 2);
        assertThat(emulators.inventory("poseedc")).hasSize(2);
        // the reload drops line Q; a file changes PO-1's header just before the load writes PO-1
        var message = reloadDroppingQWhileAFileRunsBefore("poseedc", "none", "#page#",
                "purchase-orders/describe.csv", "po_number,po_description\nPO-1,Named by a file\n");

        assertThat(message).contains("PO PO-1 changed by an import after this load read it, and not written over");
        var po = emulators.purchaseOrders("poseedc");
        assertThat(po).singleElement().asString().contains("\"description\":\"Named by a file\"").contains("\"partNumber\":\"Q\"");
        assertThat(emulators.inventory("poseedc")).as("PO-1 as the file left it, line Q included: its On Order record too")
                .anySatisfy(record -> assertThat(record).contains("\"partNumber\":\"Q\""));
    }

    /**
     * Found by review "own51d" (7 December 2026): a PO whose record deletes and items are more than
     * one transaction takes (a serial-tracked line of 100 units dropped: 200 deletes with their
     * claims) went item by item, the deletes first: where an import had changed the header, the
     * records were gone and the PO, refused, still listed the line. The deletes go in transactions
     * that check the PO's items are as read.
     */
    @Test
    void catalog_reloadDroppingAHundredSerialUnitsOfAPoAnImportChangesTheHeaderOf_keepsTheirOnOrderRecords() throws Exception {
        loadPo1("own51d", "serial", 100);
        assertThat(emulators.inventory("own51d")).hasSize(101);
        // a file changes PO-1's header just before the load deletes the first of Q's 100 records
        var message = reloadDroppingQWhileAFileRunsBefore("own51d", "serial", emulators.aws.config().inventoryTable(),
                "purchase-orders/describe.csv", "po_number,po_description\nPO-1,Named by a file\n");

        assertThat(message).contains("PO PO-1 changed by an import after this load read it, and not written over");
        var po = emulators.purchaseOrders("own51d");
        assertThat(po).singleElement().asString().contains("\"description\":\"Named by a file\"").contains("\"partNumber\":\"Q\"");
        assertThat(emulators.inventory("own51d")).as("PO-1 as the file left it, line Q included: its 100 On Order records too")
                .filteredOn(record -> record.contains("\"partNumber\":\"Q\"")).hasSize(100);
    }

    /** The same path, the load dying half way through the deletes: loading again finishes the job (review "own51d"). */
    @Test
    void catalog_reloadDroppingAHundredSerialUnitsDiesHalfWay_loadingAgainFinishes() throws Exception {
        loadPo1("own51dcrash", "serial", 100);
        // the deletes go a hundred writes to a transaction (a record and its claim, with the PO's checks): dies at the second
        faults.failAfter("TransactWriteItems", emulators.aws.config().inventoryTable(), 1, FaultInjector.Fault.CRASH, 1);
        boolean died = false;
        try {
            new CatalogLoader(emulators.cliDynamoThrough(faults, 3), emulators.aws.config()).load(withoutQ("own51dcrash", "serial"), "second.json");
        } catch (FaultInjector.SimulatedCrash crashed) {
            died = true; // the process died here
        }
        faults.clear();
        assertThat(died).as("the load died half way through its deletes").isTrue();

        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(withoutQ("own51dcrash", "serial"), "second.json");

        assertThat(emulators.purchaseOrders("own51dcrash")).singleElement().asString().contains("\"description\":\"Second\"")
                .doesNotContain("\"partNumber\":\"Q\"");
        assertThat(emulators.inventory("own51dcrash")).singleElement().asString().contains("\"partNumber\":\"P\"");
    }

    /**
     * Found by review "own51d": a record of a dropped line given a serial by a Part Inventory file
     * after the load read it stops the load, which named the PO as changed (the PO was not); it
     * names the record.
     */
    @Test
    void catalog_reloadDroppingARecordAFileGaveASerialMeanwhile_stopsNamingTheRecord_andLoadingAgainFinishes() throws Exception {
        loadPo1("own51dserial", "serial", 1);
        long record = emulators.inventory("own51dserial").stream().filter(line -> line.contains("\"partNumber\":\"Q\""))
                .mapToLong(Emulators::idOf).findFirst().orElseThrow();
        var message = reloadDroppingQWhileAFileRunsBefore("own51dserial", "serial", "#page#",
                "part-inventory/serial.csv", "id,serial_number\n" + record + ",Q-RACE\n");
        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(withoutQ("own51dserial", "serial"), "second.json");

        assertThat(emulators.inventory("own51dserial")).singleElement().asString().contains("\"partNumber\":\"P\"");
        assertThat(message).contains("inventory " + record + " of PO PO-1 changed by an import after this load read it");
    }

    /**
     * Found by review "own51e" (7 December 2026): the checks that keep a PO's record deletes from
     * going in beside a PO an import changed were skipped where the PO had 50 items or more to
     * write (a reload of 500 lines: its header and 50 pages): the deletes went unchecked, the
     * header an import had changed refused the PO, and Q's records were gone.
     */
    @Test
    void catalog_reloadOfFiveHundredLinesDroppingFiftySerialUnitsOfAPoAnImportChangesTheHeaderOf_keepsTheirOnOrderRecords()
            throws Exception {
        loadPo1("own51e", "serial", 50);
        assertThat(emulators.inventory("own51e")).hasSize(51);
        var lines = String.join(", ", java.util.Collections.nCopies(500, "{\"partNumber\": \"P\", \"revision\": \"A\", \"quantity\": 1}"));
        var reload = CatalogFile.parse(catalog("own51e", "serial", "Second", lines));
        // a file changes PO-1's header just before the load's first transaction of Q's record deletes
        faults.interleaveBeforeCallNaming("TransactWriteItems", emulators.aws.config().inventoryTable(), () -> assertThat(emulators
                .importFile("own51e/purchase-orders/describe.csv", "po_number,po_description\nPO-1,Named by a file\n")
                .get("status").asText()).isEqualTo("SUCCEEDED"));
        var message = "";
        try {
            new CatalogLoader(emulators.cliDynamoThrough(faults, 3), emulators.aws.config()).load(reload, "second.json");
        } catch (CatalogException refused) {
            message = refused.getMessage();
        }

        assertThat(message).contains("PO PO-1 changed by an import after this load read it, and not written over");
        assertThat(emulators.purchaseOrders("own51e")).singleElement().asString().contains("\"description\":\"Named by a file\"")
                .contains("\"partNumber\":\"Q\"");
        assertThat(emulators.inventory("own51e")).as("PO-1 as the file left it, line Q included: its 50 On Order records too")
                .filteredOn(record -> record.contains("\"partNumber\":\"Q\"")).hasSize(50);
    }

    /** An org's catalog: parts P (untracked) and Q ({@code qTracking}), and PO-1 of that description and those lines. */
    private static String catalog(String org, String qTracking, String description, String lines) {
        return """
                {"org": "%s", "locations": ["Dock"], "unitsOfMeasure": ["each"],
                 "parts": [{"partNumber": "P", "revision": "A", "trackingType": "none", "unitOfMeasure": "each", "purchaseType": "receivable_inventory"},
                           {"partNumber": "Q", "revision": "A", "trackingType": "%s", "unitOfMeasure": "each", "purchaseType": "receivable_inventory"}],
                 "purchaseOrders": [{"poNumber": "PO-1", "description": "%s", "shipToLocation": "Dock", "lines": [%s]}]}
                """.formatted(org, qTracking, description, lines);
    }

    /** Loads PO-1 ("First") with a line of 5 P and one of {@code qUnits} Q, each with its On Order records. */
    private static void loadPo1(String org, String qTracking, int qUnits) throws Exception {
        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(CatalogFile.parse(catalog(org, qTracking, "First",
                "{\"partNumber\": \"P\", \"revision\": \"A\", \"quantity\": 5}, {\"partNumber\": \"Q\", \"revision\": \"A\", \"quantity\": "
                        + qUnits + "}")), "first.json");
    }

    /** The reload: PO-1 described "Second", line Q dropped. */
    private static CatalogFile withoutQ(String org, String qTracking) throws Exception {
        return CatalogFile.parse(catalog(org, qTracking, "Second", "{\"partNumber\": \"P\", \"revision\": \"A\", \"quantity\": 5}"));
    }

    /**
     * Reloads {@link #withoutQ} while a file ({@code key} under the org, {@code csv}) runs just
     * before the load's first transaction naming {@code naming}; returns the load's refusal ("" where it loaded).
     */
    private static String reloadDroppingQWhileAFileRunsBefore(String org, String qTracking, String naming, String key, String csv)
            throws Exception {
        faults.interleaveBeforeCallNaming("TransactWriteItems", naming, () -> assertThat(emulators.importFile(org + "/" + key, csv)
                .get("status").asText()).isEqualTo("SUCCEEDED"));
        try {
            new CatalogLoader(emulators.cliDynamoThrough(faults, 3), emulators.aws.config()).load(withoutQ(org, qTracking), "second.json");
            return "";
        } catch (CatalogException refused) {
            return refused.getMessage();
        }
    }
}
