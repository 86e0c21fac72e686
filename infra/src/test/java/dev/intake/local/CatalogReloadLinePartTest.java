package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A catalog reload that gives a stored PO's line another part: written by the stress review of 5 December 2026 (stresscat). */
class CatalogReloadLinePartTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of());

    private static String catalog(String line) {
        return """
                {"org": "linepart", "locations": ["Dock"], "unitsOfMeasure": ["each"],
                 "parts": [{"partNumber": "P", "revision": "A", "trackingType": "none", "unitOfMeasure": "each", "purchaseType": "receivable_inventory"},
                           {"partNumber": "S", "revision": "A", "trackingType": "serial", "unitOfMeasure": "each", "purchaseType": "receivable_inventory"}],
                 "purchaseOrders": [{"poNumber": "PO-1", "shipToLocation": "Dock", "lines": [%s]}]}
                """.formatted(line);
    }

    /**
     * Found by review (5 Dec 2026), by the stress with catalog reloads (seed 201, round 4: "On
     * Order record 1044 of PO-901 is a TORQ-WR-25"): a reload replaces a stored PO's lines by
     * position, and each line's On Order records are the stored line's
     * (SeedPurchaseOrders.write → OnOrderInventory.sync), updated for quantity and placement only.
     * Where the reloaded line names another part than the stored one, the line's On Order record
     * keeps the old part: here PO-1's line 1 was one unit of serial-tracked S and is reloaded as 5
     * of P; the line then lists an On Order record of part S with quantity 5 (a serial-tracked
     * item of quantity 5, which no rule allows), and no record of P is on order. The importer never
     * meets this (it matches lines by part); the load must: catalog.md says a reload "replaces its
     * header and lines with the file's", with their On Order inventory.
     */
    @Test
    void catalog_reloadGivesAStoredLineAnotherPart_itsOnOrderInventoryIsOfTheNewPart() throws Exception {
        var loader = new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config());
        loader.load(CatalogFile.parse(catalog("{\"partNumber\": \"S\", \"revision\": \"A\", \"quantity\": 1}")), "first.json");

        loader.load(CatalogFile.parse(catalog("{\"partNumber\": \"P\", \"revision\": \"A\", \"quantity\": 5}")), "second.json");

        var onOrder = emulators.inventory("linepart").stream().filter(line -> line.contains("\"purchaseOrderLine\":\"")).toList();
        assertThat(onOrder).as("PO-1's line 1 (P x 5): its On Order inventory").singleElement().asString()
                .contains("\"partNumber\":\"P\"", "\"quantity\":5");
    }
}
