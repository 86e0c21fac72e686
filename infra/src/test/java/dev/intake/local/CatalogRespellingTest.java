package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Names are matched case-insensitively and stored in the catalog's spelling (csv-format.md, catalog.md),
 * and a catalog load merges by key, in lower case: a reload may re-spell a location or a part number.
 * Records written before keep the old spelling. A file naming the same things must still be "no change"
 * (part-inventory.md: compared by meaning, `stockroom a` is `Stockroom A`; purchase-orders.md: re-importing
 * the same file changes nothing; a value equal to the stored one is no change on a PO that is not DRAFT).
 */
class CatalogRespellingTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @TempDir
    static Path dir;

    private static void loadAcmeThenRespell(String org, String respelling) throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), org);
        var file = dir.resolve(org + "-respelled.json");
        Files.writeString(file, respelling);
        emulators.loadCatalog(file, org);
    }

    private static String errors(JsonNode report) {
        return report.get("status").asText() + " " + report.get("errors");
    }

    @Test
    void import_sameShipToOnAnOrderedPoAfterAReloadRespelledTheLocation_noChangeAccepted() throws Exception {
        loadAcmeThenRespell("respell-po", "{\"org\": \"x\", \"locations\": [\"RECEIVING\"]}");

        var report = emulators.importFile("respell-po/purchase-orders/same.csv", "po_number,ship_to_location\nPO-900,Receiving\n");

        assertThat(report.get("status").asText()).as(errors(report)).isEqualTo("SUCCEEDED");
    }

    @Test
    void import_sameLocationOnOnOrderItemAfterAReloadRespelledIt_noOnOrderManaged() throws Exception {
        loadAcmeThenRespell("respell-oo", "{\"org\": \"x\", \"locations\": [\"RECEIVING\"]}");

        // 1014 is an On Order item of PO-900 (ship-to Receiving): an export of it, a serial added
        var report = emulators.importFile("respell-oo/part-inventory/serial.csv", "id,location,serial_number\n1014,Receiving,PCB-2101\n");

        assertThat(report.get("status").asText()).as(errors(report)).isEqualTo("SUCCEEDED");
    }

    @Test
    void import_sameLineOfAnOrderedPoAfterAReloadRespelledThePartNumber_matchesItsLine() throws Exception {
        loadAcmeThenRespell("respell-line", """
                {"org": "x", "parts": [{"partNumber": "Pcb-410", "revision": "A", "trackingType": "serial",
                  "unitOfMeasure": "each", "purchaseType": "receivable_inventory"}]}
                """);

        var report = emulators.importFile("respell-line/purchase-orders/eta.csv",
                "po_number,part_number,revision,quantity,estimated_arrival_date\nPO-900,PCB-410,A,4,2026-12-01\n");

        assertThat(report.get("status").asText()).as(errors(report)).isEqualTo("SUCCEEDED");
    }

    @Test
    void import_draftLineAgainAfterANewRevisionSpelledInAnotherCase_matchesItsLineAndAddsNone() throws Exception {
        loadAcmeThenRespell("respell-rev", """
                {"org": "x", "parts": [{"partNumber": "Fst-M3-10", "revision": "B", "trackingType": "none",
                  "unitOfMeasure": "each", "purchaseType": "receivable_inventory"}]}
                """);

        // PO-901 (DRAFT) has one line of FST-M3-10 rev A, quantity 1000; the row names it again with a blank revision
        var report = emulators.importFile("respell-rev/purchase-orders/again.csv", "po_number,part_number,quantity\nPO-901,FST-M3-10,1000\n");

        assertThat(report.get("status").asText()).as(errors(report)).isEqualTo("SUCCEEDED");
        assertThat(emulators.purchaseOrders("respell-rev")).filteredOn(po -> po.contains("\"PO-901\""))
                .singleElement().satisfies(po -> assertThat(po).doesNotContain("\"line\":2"));
    }

    /**
     * Found by review "crossimporter" on 7 December 2026: a reload that re-spells a part's unit
     * (FST-M3-10 "each" as "EACH", the same unit, so not a retype the load refuses) leaves the On
     * Order record of DRAFT PO-901 (1019) with "each". The PO's line imported again as it is
     * ("re-importing the same file changes nothing", SPEC §7; an unchanged export likewise, §10)
     * then rewrites 1019 with the new spelling, and with it PO-901's header, at their next
     * versions: a colleague's file that read either meanwhile fails CONCURRENT_CHANGE over a change
     * no one made. The location re-spelled the same way writes nothing.
     */
    @Test
    void import_sameDraftLineAfterAReloadRespelledItsPartsUnit_writesNothing() throws Exception {
        loadAcmeThenRespell("respell-unit", """
                {"org": "x", "unitsOfMeasure": ["EACH"], "parts": [{"partNumber": "FST-M3-10", "revision": "A",
                  "trackingType": "none", "unitOfMeasure": "EACH", "purchaseType": "receivable_inventory"}]}
                """);
        var inventory = emulators.inventory("respell-unit");
        var orders = emulators.purchaseOrders("respell-unit");

        // PO-901 (DRAFT): line 1 is 1000 of FST-M3-10 rev A, On Order as 1019
        var report = emulators.importFile("respell-unit/purchase-orders/again.csv",
                "po_number,part_number,revision,quantity\nPO-901,FST-M3-10,A,1000\n");

        assertThat(report.get("status").asText()).as(errors(report)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory("respell-unit")).as("the On Order records").isEqualTo(inventory);
        assertThat(emulators.purchaseOrders("respell-unit")).as("the PO after the same line again").isEqualTo(orders);
    }

    /**
     * Fee names are free text, not catalog names: on a DRAFT PO "the column replaces the PO's fee
     * list" (purchase-orders.md, Fees). While fee lists compared in any case as "no change", a file
     * correcting a fee's spelling succeeded and changed nothing (found by review).
     */
    @Test
    void import_feeRespelledOnADraftPo_storesTheNewSpelling() throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), "fee-case");
        var first = emulators.importFile("fee-case/purchase-orders/fee.csv", "po_number,fees\nPO-901,shipping[50][currency]\n");
        assertThat(first.get("status").asText()).as(errors(first)).isEqualTo("SUCCEEDED");

        var report = emulators.importFile("fee-case/purchase-orders/fee-fixed.csv", "po_number,fees\nPO-901,Shipping[50][currency]\n");

        assertThat(report.get("status").asText()).as(errors(report)).isEqualTo("SUCCEEDED");
        assertThat(report.get("counts").get("updated").asInt()).as("updated").isEqualTo(1);
        assertThat(emulators.purchaseOrders("fee-case")).filteredOn(po -> po.contains("\"PO-901\""))
                .singleElement().satisfies(po -> assertThat(po).contains("\"Shipping\"").doesNotContain("\"shipping\""));
    }

    /**
     * Found by review (5 Dec 2026): since 5 December 2026 the catalog reads any Unicode space in a
     * name as a plain one (NameIndex.key), so a reload may re-spell part number "WIDGET A" as
     * "WIDGET&nbsp;A" with a no-break space (the same catalog item, as a case change is), but
     * serial claims key the part number by SerialKey.canonical, which does not fold spaces: the
     * record imported after the reload, in the catalog's new spelling, claims SN-1 under another
     * key, and the serial is held twice for one part number (SPEC §6), where a reload re-spelling
     * the case is caught (SerialKey's contract: one key for every spelling the catalog takes for
     * one part number).
     */
    @Test
    void import_sameSerialAfterAReloadRespelledThePartNumberWithANoBreakSpace_duplicateSerial() throws Exception {
        var catalog = """
                {"org": "x", "locations": ["Receiving"], "unitsOfMeasure": ["each"],
                 "parts": [{"partNumber": "%s", "revision": "A", "trackingType": "serial",
                  "unitOfMeasure": "each", "purchaseType": "receivable_inventory"}]}
                """;
        emulators.loadCatalog(Files.writeString(dir.resolve("nbsp-serial-1.json"), catalog.formatted("WIDGET A")), "nbsp-serial");
        var before = emulators.importFile("nbsp-serial/part-inventory/one.csv",
                "part_number,serial_number,quantity,location\nWIDGET A,SN-1,1,Receiving\n");
        assertThat(before.get("status").asText()).as(errors(before)).isEqualTo("SUCCEEDED");
        emulators.loadCatalog(Files.writeString(dir.resolve("nbsp-serial-2.json"), catalog.formatted("WIDGET\\u00A0A")), "nbsp-serial");

        var report = emulators.importFile("nbsp-serial/part-inventory/two.csv",
                "part_number,serial_number,quantity,location\nWIDGET A,SN-1,1,Receiving\n");

        assertThat(report.get("status").asText()).as(errors(report)).isEqualTo("FAILED");
        assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("DUPLICATE_SERIAL");
    }
}
