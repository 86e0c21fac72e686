package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A month of On Order inventory, as buyers, the receiving team and the catalog's owner live it
 * (written by review "receiving" on 6 December 2026): Purchase Orders files (lines raised, lowered
 * to 0 and added, ship-to and supplier moved, header-only rows), Part Inventory files (serials,
 * lots and attributes given to On Order and received records, their frozen columns repeated as
 * they are, a location in lower case) and catalog loads moving a PO on (ORDERED, APPROVED,
 * RECEIVED, CANCELED), in a random order from a fixed seed. After every step: each line lists
 * exactly its own On Order records, each once, none is left owned by no line, a DRAFT PO's records
 * follow its line and header, and the serial claims are the serials the records hold.
 */
class OnOrderMonthTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SERIAL_PART = "PCB-410";
    private static final String[] LOCATIONS = {"Receiving", "Stockroom A", "Stockroom B", "Line 2"};
    private static final String[] SUPPLIERS = {"Orbital Electronics", "Acme Metals"};
    private static final String[] PARTS = {SERIAL_PART, "BRKT-220", "CBL-330", SERIAL_PART};
    private static final String[] STATUSES = {"ORDERED", "RECEIVED", "CANCELED", "APPROVED"};
    /** The last id the acme sample seeds, its POs' On Order records included. */
    private static final long LAST_SEEDED_ID = 1019;

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @TempDir
    static Path dir;

    @Test
    void aMonthOfOrdersReceiptsAndStatusLoads_linesAndTheirOnOrderRecordsStayInStep() throws Exception {
        for (long seed : new long[] {11, 23}) {
            var org = "month" + seed;
            int succeeded = liveAMonth(org, new Random(seed));
            assertThat(succeeded).as("imports that wrote something, of 40 (seed %d)", seed).isGreaterThan(20);
        }
    }

    /** 45 steps: every ninth a status load of the next PO, the rest Purchase Orders and Part Inventory files in turn. */
    private int liveAMonth(String org, Random random) throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), org);
        int secondPo = 2;
        int succeeded = 0;
        for (int step = 0; step < 45; step++) {
            String outcome;
            if (step % 9 == 8) {
                var status = STATUSES[random.nextInt(STATUSES.length)];
                loadWithStatus(org, "PO-" + secondPo++, status);
                outcome = "loaded as " + status;
            } else {
                var csv = step % 2 == 0 ? purchaseOrders(random, secondPo) : partInventory(org, random, step);
                var report = emulators.importFile(org + (step % 2 == 0 ? "/purchase-orders/" : "/part-inventory/")
                        + "step" + step + ".csv", csv);
                outcome = report.get("status").asText() + " " + report.get("errors");
                succeeded += report.get("status").asText().equals("SUCCEEDED") ? 1 : 0;
            }
            assertThat(brokenInvariants(org)).as("after step %d (%s)", step, outcome).isEmpty();
        }
        return succeeded;
    }

    /** Up to four random lines each for PO-1 and the PO now in play, or a header-only row where none. */
    private static String purchaseOrders(Random random, int secondPo) {
        var csv = new StringBuilder("po_number,supplier,ship_to_location,part_number,quantity,cost\n");
        for (int po : new int[] {1, secondPo}) {
            var header = "PO-" + po + "," + SUPPLIERS[random.nextInt(SUPPLIERS.length)] + ","
                    + LOCATIONS[random.nextInt(LOCATIONS.length)] + ",";
            int rows = random.nextInt(5);
            if (rows == 0) {
                csv.append(header).append(",,\n");
            }
            for (int r = 0; r < rows; r++) {
                csv.append(header).append(PARTS[random.nextInt(PARTS.length)]).append(',').append(random.nextInt(4)).append(",1\n");
            }
        }
        return csv.toString();
    }

    /**
     * Up to three On Order or imported records: a serial (one of few, so some clash) or none, a
     * lot and an attribute, and their quantity, location (in lower case) and supplier as they are.
     */
    private static String partInventory(String org, Random random, int step) throws Exception {
        var candidates = new ArrayList<JsonNode>();
        for (var line : emulators.inventory(org)) {
            var record = JSON.readTree(line);
            if (!record.get("purchaseOrderLine").isNull() || record.get("id").asLong() > LAST_SEEDED_ID) {
                candidates.add(record);
            }
        }
        var csv = new StringBuilder("id,serial_number,lot_number,BatchID,quantity,location,supplier\n");
        Set<Long> picked = new HashSet<>();
        for (int r = 0; r < Math.min(3, candidates.size()); r++) {
            var record = candidates.get(random.nextInt(candidates.size()));
            if (!picked.add(record.get("id").asLong())) {
                continue;
            }
            var serial = random.nextInt(4) == 0 ? "" : "Z-" + random.nextInt(8);
            csv.append(record.get("id").asLong()).append(',').append(serial).append(",L").append(step).append(",b").append(step)
                    .append(',').append(record.get("quantity").asText()).append(',')
                    .append(record.get("location").asText("").toLowerCase()).append(',').append(record.get("supplier").asText(""))
                    .append('\n');
        }
        return csv.toString();
    }

    /** Loads the PO as stored, with {@code status}, its lines without their numbers and ids (a catalog file's form). */
    private static void loadWithStatus(String org, String poNumber, String status) throws Exception {
        var po = (ObjectNode) JSON.readTree(emulators.purchaseOrders(org).stream()
                .filter(line -> line.contains("\"poNumber\":\"" + poNumber + "\"")).findFirst().orElseThrow());
        po.put("status", status);
        for (var line : po.get("lines")) {
            ((ObjectNode) line).remove(List.of("line", "inventoryIds"));
        }
        emulators.loadCatalog(Files.writeString(dir.resolve(org + "-" + poNumber + ".json"),
                "{\"org\": \"" + org + "\", \"purchaseOrders\": [" + po + "]}"), org);
    }

    private static List<String> brokenInvariants(String org) throws Exception {
        Map<Long, JsonNode> records = new HashMap<>();
        for (var line : emulators.inventory(org)) {
            var record = JSON.readTree(line);
            records.put(record.get("id").asLong(), record);
        }
        var broken = new ArrayList<String>();
        Set<Long> listed = new HashSet<>();
        for (var stored : emulators.purchaseOrders(org)) {
            var po = JSON.readTree(stored);
            for (var line : po.get("lines")) {
                checkLine(po, line, records, listed, broken);
            }
        }
        records.values().stream().filter(r -> !r.get("purchaseOrderLine").isNull() && !listed.contains(r.get("id").asLong()))
                .forEach(r -> broken.add("On Order record " + r.get("id") + " of " + r.get("purchaseOrderLine") + " is listed by no line"));
        var held = emulators.heldSerials(org);
        var claimed = emulators.serials(org);
        if (!held.equals(claimed)) {
            broken.add("serial claims " + claimed + ", serials held " + held);
        }
        return broken;
    }

    private static void checkLine(JsonNode po, JsonNode line, Map<Long, JsonNode> records, Set<Long> listed, List<String> broken) {
        var name = po.get("poNumber").asText() + " line " + line.get("line").asInt();
        var part = line.get("partNumber").asText(null);
        double quantity = line.get("quantity").asDouble();
        boolean draft = po.get("status").asText().equals("DRAFT");
        var ids = line.get("inventoryIds");
        for (var idNode : ids) {
            long id = idNode.asLong();
            var record = records.get(id);
            if (!listed.add(id)) {
                broken.add(name + " lists " + id + ", listed already");
            } else if (record == null) {
                broken.add(name + " lists " + id + ", which is not stored");
            } else {
                var owner = record.get("purchaseOrderLine").asText("");
                if (!owner.endsWith("#" + line.get("line").asInt())) {
                    broken.add(name + " lists " + id + ", owned by " + owner);
                }
                if (!record.get("partNumber").asText().equals(part)) {
                    broken.add(name + " lists " + id + " of part " + record.get("partNumber"));
                }
                if (draft) {
                    checkFollowsItsLine(po, record, part.equals(SERIAL_PART) ? 1 : quantity, name, broken);
                }
            }
        }
        if (draft && part != null && ids.size() != (part.equals(SERIAL_PART) ? (int) quantity : 1)) {
            broken.add(name + " lists " + ids.size() + " records for a quantity of " + quantity);
        }
    }

    private static void checkFollowsItsLine(JsonNode po, JsonNode record, double quantity, String name, List<String> broken) {
        var id = record.get("id").asLong();
        if (!record.get("location").asText("").equals(po.get("shipToLocation").asText(""))) {
            broken.add(name + ": " + id + " is at " + record.get("location") + ", the PO ships to " + po.get("shipToLocation"));
        }
        if (!record.get("supplier").asText("").equals(po.get("supplier").asText(""))) {
            broken.add(name + ": " + id + " is from " + record.get("supplier") + ", the PO's supplier is " + po.get("supplier"));
        }
        if (record.get("quantity").asDouble() != quantity) {
            broken.add(name + ": " + id + " holds " + record.get("quantity") + ", the line " + quantity);
        }
    }
}
