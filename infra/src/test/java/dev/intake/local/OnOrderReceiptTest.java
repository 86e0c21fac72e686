package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * SPEC §6: On Order inventory belongs to its PO line "until it is received"; a Part Inventory file
 * may give it a serial number first, so the supplier can label the goods. The catalog load is how a
 * PO's status changes (docs/catalog.md): reloaded as RECEIVED, the goods have arrived, and their
 * inventory must remain (found by review: it is deleted, with the serial the file gave it).
 */
class OnOrderReceiptTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @TempDir
    static Path dir;

    @Test
    void catalog_poReloadedAsReceived_itsOnOrderInventoryAndItsSerialsRemain() throws Exception {
        var sample = Emulators.ROOT.resolve("samples/acme/catalog.json");
        emulators.loadCatalog(sample, "receipt");
        // 1014 is unit 1 of PO-900's line 1 (4 x PCB-410, ORDERED): the supplier is sent its serial
        var serial = emulators.importFile("receipt/part-inventory/serial.csv", "id,serial_number\n1014,PCB-2101\n");
        assertThat(serial.get("status").asText()).isEqualTo("SUCCEEDED");
        var po900 = (ObjectNode) new ObjectMapper().readTree(Files.readString(sample)).get("purchaseOrders").get(0);
        assertThat(po900.get("poNumber").asText()).isEqualTo("PO-900");
        po900.put("status", "RECEIVED");

        emulators.loadCatalog(Files.writeString(dir.resolve("received.json"),
                "{\"org\": \"receipt\", \"purchaseOrders\": [" + po900 + "]}"), "receipt");

        assertThat(emulators.inventory("receipt")).as("the received goods of PO-900 (1014 to 1018)")
                .anySatisfy(line -> assertThat(line).startsWith("{\"id\":1014,").contains("\"serialNumber\":\"PCB-2101\""));
        assertThat(emulators.heldSerials("receipt")).contains("PCB-410 PCB-2101 -> 1014");
    }

    /**
     * Found by review "receiving" on 6 December 2026: a PO's goods were received (the catalog
     * loaded with PO-900 RECEIVED), then the org's catalog file, which still says ORDERED, was
     * loaded again (to add a location, say). The received lines list no records, so the load made
     * a new On Order record for each unit beside the received ones: the four boards counted twice
     * (1014-1017 AVAILABLE, four more ON_ORDER), and the epoxy too. Such a load is refused, naming
     * the PO, and writes nothing: the refusal first came after the file's parts, locations and
     * inventory were written (found by review "own47", with a location and a quantity changed).
     */
    @Test
    void catalog_receivedPoLoadedBackAsOrdered_isRefusedAndWritesNothing() throws Exception {
        var org = "rereceipt";
        var sample = Emulators.ROOT.resolve("samples/acme/catalog.json");
        emulators.loadCatalog(sample, org);
        var mapper = new ObjectMapper();
        var po900 = (ObjectNode) mapper.readTree(Files.readString(sample)).get("purchaseOrders").get(0);
        po900.put("status", "RECEIVED");
        emulators.loadCatalog(Files.writeString(dir.resolve("received2.json"),
                "{\"org\": \"" + org + "\", \"purchaseOrders\": [" + po900 + "]}"), org);
        assertThat(emulators.inventory(org)).filteredOn(line -> line.contains("\"PCB-410\"") && line.contains("\"ON_ORDER\""))
                .as("received: no board on order").isEmpty();
        var before = emulators.dataTables();
        var edited = (ObjectNode) mapper.readTree(Files.readString(sample)); // PO-900 still ORDERED
        ((ArrayNode) edited.get("locations")).add("Stockroom C");
        ((ObjectNode) edited.get("inventory").get(3)).put("quantity", 9);
        var file = Files.writeString(dir.resolve("edited.json"), edited.toString());

        assertThatThrownBy(() -> emulators.loadCatalog(file, org))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("nothing was loaded")
                .hasMessageContaining("purchaseOrders (PO-900).status: the PO is RECEIVED: its goods are in stock, and a load"
                        + " may not take it back to ORDERED");

        assertThat(emulators.dataTables()).isEqualTo(before);
    }
}
