package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
}
