package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export, edit, import back (SPEC §10), through the real handler: an unchanged export changes no
 * record, and two edited cells change exactly those two fields. The orgs hold records that were
 * imported from files with every attribute column, which is what round-trips without a change
 * (docs/export.md: an item missing a text, number or boolean attribute gets its empty default).
 */
class RoundTripTest {

    private static final Path SAMPLES = Emulators.ROOT.resolve("samples/acme");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ORGS = new AtomicInteger();
    private static Emulators emulators;

    @TempDir
    static Path folder;

    @BeforeAll
    static void start() throws Exception {
        emulators = Emulators.start();
    }

    @AfterAll
    static void stop() {
        emulators.close();
    }

    @Test
    void partInventoryExport_dryRunThenImportedUnchanged_validatesThenSucceedsAndChangesNoRecord() throws Exception {
        var org = orgWith("part-inventory/receiving-2026-11.csv");
        var csv = export("part-inventory", org);
        var tables = emulators.dataTables();
        var before = emulators.inventory(org);

        var dryRun = emulators.importFile(org + "/part-inventory/validate/export.csv", csv);
        var tablesAfterDryRun = emulators.dataTables();
        var report = emulators.importFile(org + "/part-inventory/export.csv", csv);

        assertThat(dryRun.get("status").asText()).as(dryRun.toString()).isEqualTo("VALIDATED");
        assertThat(tablesAfterDryRun).isEqualTo(tables);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(report.get("counts").get("updated").asInt()).isEqualTo(before.size());
        assertThat(emulators.inventory(org)).isEqualTo(before);
    }

    @Test
    void partInventoryExport_twoCellsEdited_changesExactlyThoseTwoFields() throws Exception {
        var org = orgWith("part-inventory/receiving-2026-11.csv");
        var before = emulators.inventory(org);
        var rows = parse(export("part-inventory", org));
        var first = rows.get(1);
        var last = rows.getLast();
        first.put("supplier", "Acme Metals");
        last.put("location", "Stockroom A");

        var report = emulators.importFile(org + "/part-inventory/edited.csv", csv(rows));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(changedFields(before, emulators.inventory(org), "id"))
                .containsExactly(first.get("id") + ".supplier", last.get("id") + ".location");
    }

    @Test
    void purchaseOrderExport_importedUnchanged_isTheSamePurchaseOrdersAndLines() throws Exception {
        var org = orgWith("purchase-orders/november-orders.csv");
        var orders = emulators.purchaseOrders(org);
        var inventory = emulators.inventory(org);

        var report = emulators.importFile(org + "/purchase-orders/export.csv", export("purchase-orders", org));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(report.get("counts").get("created").asInt()).isZero();
        assertThat(report.get("counts").get("updated").asInt()).isEqualTo(orders.size());
        assertThat(emulators.purchaseOrders(org)).isEqualTo(orders);
        assertThat(emulators.inventory(org)).as("On Order inventory").isEqualTo(inventory);
    }

    @Test
    void purchaseOrderExport_lineAndHeaderCellEdited_changesExactlyThoseTwoFields() throws Exception {
        var org = orgWith("purchase-orders/november-orders.csv");
        var before = emulators.purchaseOrders(org);
        var rows = parse(export("purchase-orders", org));
        var line = rows.get(1);
        line.put("estimated_arrival_date", "2026-12-24");
        var headerOnly = rows.getLast();
        headerOnly.put("po_description", "Bar stock, lines in January");

        var report = emulators.importFile(org + "/purchase-orders/edited.csv", csv(rows));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(changedFields(before, emulators.purchaseOrders(org), "poNumber"))
                .containsExactly(line.get("po_number") + ".lines", headerOnly.get("po_number") + ".description");
        var po = JSON.readTree(emulators.purchaseOrders(org).stream()
                .filter(json -> json.contains("\"poNumber\":\"" + line.get("po_number") + "\"")).findFirst().orElseThrow());
        assertThat(po.get("lines").get(0).get("estimatedArrivalDate").asText()).isEqualTo("2026-12-24");
    }

    /** A fresh org with the acme catalog's reference data (no seeded records) and one sample imported. */
    private static String orgWith(String sample) throws Exception {
        var org = "roundtrip" + ORGS.incrementAndGet();
        var catalog = (ObjectNode) JSON.readTree(Files.readString(SAMPLES.resolve("catalog.json")));
        catalog.remove(List.of("inventory", "purchaseOrders"));
        var file = Files.writeString(folder.resolve(org + ".json"), catalog.toString());
        emulators.loadCatalog(file, org);
        var report = emulators.importFile(org + "/" + sample, Files.readString(SAMPLES.resolve(sample)));
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        return org;
    }

    private static String export(String importer, String org) throws IOException {
        var text = new StringWriter();
        CsvExports.write(CsvExports.table(emulators.aws, importer, org, true), text, false);
        return text.toString();
    }

    /** The rows of a CSV, each as column → cell in header order; the header itself first. */
    private static List<Map<String, String>> parse(String csv) throws IOException {
        var rows = new ArrayList<Map<String, String>>();
        try (var parser = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(csv))) {
            var header = new java.util.LinkedHashMap<String, String>();
            parser.getHeaderNames().forEach(name -> header.put(name, name));
            rows.add(header);
            for (CSVRecord record : parser) {
                rows.add(new java.util.LinkedHashMap<>(record.toMap()));
            }
        }
        return rows;
    }

    /** Writes parsed rows back, the way a spreadsheet saves them. */
    private static String csv(List<Map<String, String>> rows) {
        var text = new StringWriter();
        try (var writer = new SpreadsheetCsv(text)) {
            rows.forEach(row -> writer.write(List.copyOf(row.values())));
        }
        return text.toString();
    }

    /** {@code key.field} of every top-level field that differs between two dumps of the same records. */
    private static List<String> changedFields(List<String> before, List<String> after, String key) throws IOException {
        var old = byKey(before, key);
        var now = byKey(after, key);
        assertThat(now.keySet()).isEqualTo(old.keySet());
        var changed = new TreeSet<String>();
        for (var entry : old.entrySet()) {
            var then = entry.getValue();
            var current = now.get(entry.getKey());
            then.fieldNames().forEachRemaining(field -> {
                if (!then.get(field).equals(current.get(field))) {
                    changed.add(entry.getKey() + "." + field);
                }
            });
        }
        return List.copyOf(changed);
    }

    private static Map<String, JsonNode> byKey(List<String> lines, String key) throws IOException {
        var records = new TreeMap<String, JsonNode>();
        for (var line : lines) {
            var json = JSON.readTree(line);
            records.put(json.get(key).asText(), json);
        }
        return records;
    }
}
