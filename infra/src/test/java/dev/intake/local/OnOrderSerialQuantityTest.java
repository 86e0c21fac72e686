package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An On Order record that a Part Inventory file gave a serial holds its line to 0 or 1 (SPEC §6),
 * in a catalog reload as in the Purchase Orders importer (LineRules, SERIAL_QUANTITY). Found by
 * review (5 Dec 2026): a reload set the record to 5, keeping its serial, and a later reload as
 * RECEIVED kept both, after which every update of it failed.
 */
class OnOrderSerialQuantityTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @TempDir
    static Path dir;

    @Test
    void catalog_draftLineOfAnOnOrderRecordWithASerialReloadedWithQuantity5_refusedNamingTheLine() throws Exception {
        var org = "serialqty";
        var sample = Emulators.ROOT.resolve("samples/acme/catalog.json");
        emulators.loadCatalog(sample, org);
        // PO-901 (DRAFT) gets a line of one CBL-330 (untracked): one On Order record of quantity 1
        var po = emulators.importFile(org + "/purchase-orders/line.csv", "po_number,part_number,quantity,cost\nPO-901,CBL-330,1,10\n");
        assertThat(po.get("status").asText()).isEqualTo("SUCCEEDED");
        long onOrder = emulators.inventory(org).stream()
                .filter(line -> line.contains("\"CBL-330\"") && !line.contains("\"purchaseOrderLine\":null"))
                .map(Emulators::idOf).findFirst().orElseThrow();
        var serial = emulators.importFile(org + "/part-inventory/serial.csv", "id,serial_number\n" + onOrder + ",CBL-S1\n");
        assertThat(serial.get("status").asText()).isEqualTo("SUCCEEDED");
        // the importer refuses to set that line to 5 while its record has a serial
        var refused = emulators.importFile(org + "/purchase-orders/five.csv", "po_number,part_number,quantity,cost\nPO-901,CBL-330,5,10\n");
        assertThat(refused.get("status").asText()).isEqualTo("FAILED");

        // the catalog sets it to 5 all the same
        var mapper = new ObjectMapper();
        var po901 = (ObjectNode) mapper.readTree(Files.readString(sample)).get("purchaseOrders").get(1);
        assertThat(po901.get("poNumber").asText()).isEqualTo("PO-901");
        var cable = ((ObjectNode) po901.get("lines").get(0).deepCopy());
        cable.put("partNumber", "CBL-330").put("description", "cable").put("quantity", 5);
        ((ArrayNode) po901.get("lines")).add(cable);
        var file = Files.writeString(dir.resolve("five.json"), "{\"org\": \"" + org + "\", \"purchaseOrders\": [" + po901 + "]}");
        var load = refusal("five.json", () -> emulators.loadCatalog(file, org));

        assertThat(load).contains("purchaseOrders (PO-901).lines[1]: On Order inventory " + onOrder
                + " of this line has serial number CBL-S1, so its quantity, and the line's, can only be 0 or 1");
        assertThat(emulators.inventory(org)).filteredOn(line -> line.contains("\"serialNumber\":\"CBL-S1\""))
                .singleElement().asString().contains("\"quantity\":1,");
    }

    private interface Load {
        void run() throws Exception;
    }

    /** The message of the load's refusal. */
    private static String refusal(String name, Load load) throws Exception {
        try {
            load.run();
        } catch (CatalogException refused) {
            return refused.getMessage();
        }
        throw new AssertionError(name + " loaded");
    }
}
