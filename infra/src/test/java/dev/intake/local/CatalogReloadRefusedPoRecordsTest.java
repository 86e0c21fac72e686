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
        var catalog = """
                {"org": "poseedc", "locations": ["Dock"], "unitsOfMeasure": ["each"],
                 "parts": [{"partNumber": "P", "revision": "A", "trackingType": "none", "unitOfMeasure": "each", "purchaseType": "receivable_inventory"},
                           {"partNumber": "Q", "revision": "A", "trackingType": "none", "unitOfMeasure": "each", "purchaseType": "receivable_inventory"}],
                 "purchaseOrders": [{"poNumber": "PO-1", "description": "%s", "shipToLocation": "Dock", "lines": [%s]}]}
                """;
        var loader = new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config());
        loader.load(CatalogFile.parse(catalog.formatted("First", """
                {"partNumber": "P", "revision": "A", "quantity": 5}, {"partNumber": "Q", "revision": "A", "quantity": 2}""")), "first.json");
        assertThat(emulators.inventory("poseedc")).hasSize(2);
        // the reload drops line Q; a file changes PO-1's header just before the load writes PO-1
        var reload = CatalogFile.parse(catalog.formatted("Second", """
                {"partNumber": "P", "revision": "A", "quantity": 5}"""));
        faults.interleaveBeforeCallNaming("TransactWriteItems", "#page#", () -> assertThat(emulators.importFile(
                "poseedc/purchase-orders/describe.csv", "po_number,po_description\nPO-1,Named by a file\n")
                .get("status").asText()).isEqualTo("SUCCEEDED"));
        var message = "";
        try {
            new CatalogLoader(emulators.cliDynamoThrough(faults, 3), emulators.aws.config()).load(reload, "second.json");
        } catch (CatalogException expected) {
            message = expected.getMessage();
        }

        assertThat(message).contains("PO PO-1 changed by an import after this load read it, and not written over");
        var po = emulators.purchaseOrders("poseedc");
        assertThat(po).singleElement().asString().contains("\"description\":\"Named by a file\"").contains("\"partNumber\":\"Q\"");
        assertThat(emulators.inventory("poseedc")).as("PO-1 as the file left it, line Q included: its On Order record too")
                .anySatisfy(record -> assertThat(record).contains("\"partNumber\":\"Q\""));
    }
}
