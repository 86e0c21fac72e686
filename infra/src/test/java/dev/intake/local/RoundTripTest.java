package dev.intake.local;

import dev.intake.core.csv.SpreadsheetCsv;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export, edit, import back (SPEC §10), through the real handler: an unchanged export changes no
 * record (its dry run lists no change), and two edited cells change exactly those two fields. The
 * orgs hold the acme sample catalog's own records (seeded items without some attributes, On Order
 * inventory, an ORDERED PO and a DRAFT one without an order date) and a sample file's, plus values
 * a spreadsheet would take for formulas.
 */
class RoundTripTest {

    private static final Path SAMPLES = Emulators.ROOT.resolve("samples/acme");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ORGS = new AtomicInteger();
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();
    @TempDir
    static Path folder;

    @Test
    void partInventoryExport_dryRunThenImportedUnchanged_validatesThenSucceedsAndChangesNoRecord() throws Exception {
        var org = orgWith("part-inventory/receiving-2026-11.csv");
        imported(org + "/part-inventory/formulas.csv", """
                part_number,lot_number,quantity,location,BatchID
                FST-M3-10,-L7,5,Stockroom A,=X1+2
                FST-M3-10,@lot,6,Stockroom A,+44 20 7946 0000
                """);
        var csv = export("part-inventory", org);
        var tables = emulators.dataTables();
        var before = emulators.inventory(org);

        var dryRun = emulators.importFile(org + "/part-inventory/validate/export.csv", csv);
        var tablesAfterDryRun = emulators.dataTables();
        var report = emulators.importFile(org + "/part-inventory/export.csv", csv);

        assertThat(dryRun.get("status").asText()).as(dryRun.toString()).isEqualTo("VALIDATED");
        assertThat(dryRun.get("changes")).as("the dry run's changes").isEmpty();
        assertThat(tablesAfterDryRun).isEqualTo(tables);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(report.get("counts").get("updated").asInt()).isEqualTo(before.size());
        assertThat(emulators.inventory(org)).isEqualTo(before);
        assertThat(before).anySatisfy(line -> assertThat(line).contains("\"status\":\"ON_ORDER\""))
                .anySatisfy(line -> assertThat(line).contains("\"lotNumber\":\"-L7\"").contains("\"BatchID\":\"=X1+2\""))
                .anySatisfy(line -> assertThat(line).contains("\"lotNumber\":\"@lot\""));
    }

    /**
     * A number of 40 characters with no digit before its point, the longest a cell takes, used to
     * come back one character longer ("0.000…15", written from DynamoDB's 1.5E-38), and its
     * re-import failed with INVALID_NUMBER (found by review).
     */
    @Test
    void partInventoryExport_fortyCharacterNumbersWithoutLeadingZero_importBackUnchanged() throws Exception {
        var tiny = "." + "0".repeat(37) + "15";
        var negativeTiny = "-." + "0".repeat(36) + "15";
        var org = orgWith("part-inventory/receiving-2026-11.csv");
        imported(org + "/part-inventory/tiny.csv", """
                part_number,lot_number,quantity,location,TorqueNm
                FST-M3-10,L-TINY,%s,Stockroom A,%s
                """.formatted(tiny, negativeTiny));
        var before = emulators.inventory(org);
        var csv = export("part-inventory", org);

        var report = emulators.importFile(org + "/part-inventory/export.csv", csv);

        assertThat(parse(csv)).anySatisfy(row -> assertThat(row)
                .containsEntry("quantity", tiny).containsEntry("TorqueNm", negativeTiny));
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
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

    /**
     * Found by review (5 Dec 2026): moving an assembly in the exported file does not move what is
     * installed in it. SPEC §6 says "changing an item's location moves every item installed in it",
     * and SPEC §10 that editing the export "updates exactly what was edited"; but the export lists
     * items in id order, so the installed items' rows (1002 to 1005, unchanged, "Clean Room") come
     * after the edited satellite bus 1001 and, rows applying in file order, put each back where it
     * was: the bus goes to Line 2 alone, its avionics module, board, bolts and brackets stay in the
     * Clean Room. The same edit as a one-row file moves the whole tree. (The dry run lists nine
     * changes, each child moved to Line 2 and back.)
     */
    @Test
    void partInventoryExport_assemblyLocationEdited_movesWhatIsInstalledInItAsAOneRowFileDoes() throws Exception {
        var org = orgWithCatalog(catalog -> { });
        var rows = parse(export("part-inventory", org));
        var bus = rows.stream().filter(row -> "1001".equals(row.get("id"))).findFirst().orElseThrow();
        assertThat(bus.get("location")).isEqualTo("Clean Room");
        bus.put("location", "Line 2");

        var report = emulators.importFile(org + "/part-inventory/moved.csv", csv(rows));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(busTreeLocations(org)).as("the bus 1001 and the items installed in it, 1002 to 1005")
                .isEqualTo(Map.of(1001L, "Line 2", 1002L, "Line 2", 1003L, "Line 2", 1004L, "Line 2", 1005L, "Line 2"));
    }

    /**
     * Found by review (5 Dec 2026): docs/export.md said that an installed item's own location,
     * edited in the same file as its assembly's, was overwritten by the assembly's move (the export
     * wrote assemblies after what is installed in them). Both edits apply now: assemblies come
     * first, and an unchanged row leaves its item where the move took it.
     */
    @Test
    void partInventoryExport_assemblyAndAModuleInsideItBothMoved_eachEditApplies() throws Exception {
        var org = orgWithCatalog(catalog -> { });
        var rows = parse(export("part-inventory", org));
        rows.stream().filter(row -> "1001".equals(row.get("id"))).findFirst().orElseThrow().put("location", "Line 2");
        rows.stream().filter(row -> "1002".equals(row.get("id"))).findFirst().orElseThrow().put("location", "Quarantine");

        var report = emulators.importFile(org + "/part-inventory/moved.csv", csv(rows));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(busTreeLocations(org)).as("the bus 1001 and its brackets 1005; the module 1002 and its board and bolts")
                .isEqualTo(Map.of(1001L, "Line 2", 1002L, "Quarantine", 1003L, "Quarantine", 1004L, "Quarantine",
                        1005L, "Line 2"));
    }

    /** The locations of the satellite bus 1001 and the items installed in it, 1002 to 1005, by id. */
    private static Map<Long, String> busTreeLocations(String org) {
        var locations = new TreeMap<Long, String>();
        emulators.inventory(org).stream().map(RoundTripTest::json)
                .filter(item -> item.get("id").asLong() >= 1001 && item.get("id").asLong() <= 1005)
                .forEach(item -> locations.put(item.get("id").asLong(), item.get("location").asText()));
        return locations;
    }

    @Test
    void purchaseOrderExport_dryRunThenImportedUnchanged_everyRowMatchesItsLineAndNothingChanges() throws Exception {
        var org = orgWith("purchase-orders/november-orders.csv");
        var orders = emulators.purchaseOrders(org);
        var inventory = emulators.inventory(org);
        var csv = export("purchase-orders", org);

        var dryRun = emulators.importFile(org + "/purchase-orders/validate/export.csv", csv);
        var report = emulators.importFile(org + "/purchase-orders/export.csv", csv);

        assertThat(dryRun.get("status").asText()).as(dryRun.toString()).isEqualTo("VALIDATED");
        assertThat(dryRun.get("changes")).as("the dry run's changes").isEmpty();
        assertThat(dryRun.get("matches")).as("a match per line").hasSize(lineCount(orders));
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(report.get("counts").get("created").asInt()).isZero();
        assertThat(report.get("counts").get("updated").asInt()).isEqualTo(orders.size());
        assertThat(emulators.purchaseOrders(org)).isEqualTo(orders);
        assertThat(emulators.inventory(org)).as("On Order inventory").isEqualTo(inventory);
    }

    /** An unchanged export gets no write: no header, page or On Order record (docs/lifecycle.md; review "own46"). */
    @Test
    void purchaseOrderExport_importedUnchanged_writesNoPurchaseOrderOrInventoryItem() throws Exception {
        var org = orgWith("purchase-orders/november-orders.csv");
        var csv = export("purchase-orders", org);
        var before = emulators.dataTables();

        var report = emulators.importFile(org + "/purchase-orders/export.csv", csv);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        var after = emulators.dataTables();
        for (var table : List.of(emulators.aws.config().purchaseOrdersTable(), emulators.aws.config().inventoryTable())) {
            var added = new ArrayList<>(after.get(table));
            added.removeAll(before.get(table));
            assertThat(added).as("items of " + table + " the unchanged export wrote").isEmpty();
        }
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
                .containsExactlyInAnyOrder(line.get("po_number") + ".lines", headerOnly.get("po_number") + ".description");
        var po = JSON.readTree(emulators.purchaseOrders(org).stream()
                .filter(json -> json.contains("\"poNumber\":\"" + line.get("po_number") + "\"")).findFirst().orElseThrow());
        assertThat(po.get("lines").get(0).get("estimatedArrivalDate").asText()).isEqualTo("2026-12-24");
    }

    /**
     * Found by review (5 Dec 2026): docs/export.md advised "keep only the rows you edited", but in a
     * Purchase Orders export a row is matched to a line by its part revision and its place among
     * that PO's rows for the part (purchase-orders.md, Lines): a DRAFT PO with two FST-M3-10 lines,
     * the second line's row kept alone, wrote over the first line (its On Order stock 1000 → 50).
     * The doc now says to keep every row of a PO you edit; kept so, the edit changes that line.
     */
    @Test
    void purchaseOrderExport_everyRowOfTheEditedPoKeptAsExportMdAdvises_changesThatLineNotAnother() throws Exception {
        var org = orgWithCatalog(catalog -> ((ArrayNode) catalog.get("purchaseOrders").get(1).get("lines")).addObject()
                .put("partNumber", "FST-M3-10").put("revision", "A").put("description", "M3x10, second batch")
                .put("quantity", 50).put("cost", 0.12).put("needDate", "2027-01-15"));
        var rows = parse(export("purchase-orders", org));
        var second = rows.stream().filter(row -> "M3x10, second batch".equals(row.get("description"))).findFirst().orElseThrow();
        second.put("need_date", "2027-02-01");
        var before = JSON.readTree(emulators.purchaseOrders(org).stream()
                .filter(json -> json.contains("\"poNumber\":\"PO-901\"")).findFirst().orElseThrow());

        var header = rows.getFirst();
        var report = emulators.importFile(org + "/purchase-orders/edited.csv",
                csv(rows.stream().filter(row -> row == header || "PO-901".equals(row.get("po_number"))).toList()));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        var after = JSON.readTree(emulators.purchaseOrders(org).stream()
                .filter(json -> json.contains("\"poNumber\":\"PO-901\"")).findFirst().orElseThrow());
        assertThat(after.get("lines").get(0)).as("the first line, whose row was not in the file").isEqualTo(before.get("lines").get(0));
        assertThat(after.get("lines").get(1).get("needDate").asText()).as("the edited line").isEqualTo("2027-02-01");
    }

    /**
     * Found by review "linematching" on 7 December 2026: an unchanged export whose rows a
     * spreadsheet sorted (by need_date, latest first: Excel's Sort on the whole sheet) and uploaded
     * again. Matched by place among the rows of their part, DRAFT PO-901's two FST-M3-10 lines
     * swapped everything (description, quantity, need date) and their On Order records swapped
     * quantities (1000 and 50), and the report said SUCCEEDED. Each row now takes the line it
     * leaves as it is.
     */
    @Test
    void purchaseOrderExport_sortedBySpreadsheetAndImportedUnchanged_sameLinesAndOnOrderInventory() throws Exception {
        var org = orgWithCatalog(catalog -> ((ArrayNode) catalog.get("purchaseOrders").get(1).get("lines")).addObject()
                .put("partNumber", "FST-M3-10").put("revision", "A").put("description", "M3x10, second batch")
                .put("quantity", 50).put("cost", 0.12).put("needDate", "2027-01-15"));
        var orders = emulators.purchaseOrders(org);
        var inventory = emulators.inventory(org);
        var rows = new ArrayList<>(parse(export("purchase-orders", org)));
        var header = rows.removeFirst();
        rows.sort(Comparator.comparing((Map<String, String> row) -> row.getOrDefault("need_date", "")).reversed());
        rows.addFirst(header);

        var report = emulators.importFile(org + "/purchase-orders/sorted.csv", csv(rows));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.purchaseOrders(org)).isEqualTo(orders);
        assertThat(emulators.inventory(org)).as("On Order inventory").isEqualTo(inventory);
    }

    /**
     * Found by review "own55g" on 7 December 2026: a delivery of 5 written above the only CBL-330
     * row of an export, whose line's On Order record holds a serial: by place the new row took that
     * line, and the file was refused SERIAL_QUANTITY for a line nobody changed. The unchanged row
     * keeps its line (PurchaseOrderImporterTest has the other keys).
     */
    @Test
    void purchaseOrderExport_deliveryAddedAboveAPartsOnlyLineWithASerial_succeedsAndKeepsTheSerial() throws Exception {
        var org = orgWithCatalog(catalog -> { });
        imported(org + "/purchase-orders/seed.csv", "po_number,supplier,ship_to_location,part_number,quantity,cost\n"
                + "PO-3600,Acme Metals,Receiving,CBL-330,1,10\n");
        long onOrder = emulators.inventory(org).stream()
                .filter(line -> line.contains("\"CBL-330\"") && !line.contains("\"purchaseOrderLine\":null"))
                .map(Emulators::idOf).findFirst().orElseThrow();
        imported(org + "/part-inventory/serial.csv", "id,serial_number\n" + onOrder + ",CBL-S1\n");
        var inventory = emulators.inventory(org);
        var rows = new ArrayList<>(parse(export("purchase-orders", org)));
        var header = rows.removeFirst();
        rows.removeIf(row -> !"PO-3600".equals(row.get("po_number")));
        var added = new java.util.LinkedHashMap<>(rows.getFirst());
        added.put("quantity", "5");
        rows.addFirst(added);
        rows.addFirst(header);

        var report = emulators.importFile(org + "/purchase-orders/added.csv", csv(rows));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).as("the serial's record stays").containsAll(inventory);
    }

    /**
     * Found by review: the catalog stored any number DynamoDB takes (38 significant digits, up to
     * 1E+126), but the export writes it as a plain decimal of more than 40 characters
     * ({@code 1E+40} as a 1 and forty zeros, {@code 1E-45} as ".000…1"), which the importer refuses
     * (INVALID_NUMBER, "longer than 40 characters"): one such item failed the whole unchanged file.
     * The load now refuses a number the importers could not read back.
     */
    @Test
    void catalog_numbersAnExportCouldNotWriteReadably_refusedAtLoad() {
        assertThatThrownBy(() -> orgWithCatalog(catalog -> ((ArrayNode) catalog.get("inventory")).addObject()
                .put("id", 1100).put("partNumber", "FST-M3-10").put("revision", "A").put("location", "Line 2")
                .put("quantity", new java.math.BigDecimal("1E+40"))
                .putObject("attributes").put("TorqueNm", new java.math.BigDecimal("1.5E-45"))))
                .isInstanceOf(CatalogException.class)
                .hasMessageContaining("inventory[").hasMessageContaining("quantity 1E+40 is no number the importers read")
                .hasMessageContaining("longer than 40 characters");
    }

    /**
     * Found by review: the catalog loaded a date attribute of year 0, -1 or 10000 ("0000-01-01",
     * "-0001-01-01", "+10000-01-01"), which the export writes as it is, while the importer reads
     * only years 1 to 9999 (docs/csv-format.md): the unchanged file failed INVALID_DATE. The load
     * now refuses them.
     */
    @Test
    void catalog_datesOutsideTheImportersYears_refusedAtLoad() {
        for (var date : List.of("0000-01-01", "-0001-01-01", "+10000-01-01")) {
            assertThatThrownBy(() -> orgWithCatalog(catalog -> ((ArrayNode) catalog.get("inventory")).addObject()
                    .put("id", 1100).put("partNumber", "FST-M3-10").put("revision", "A").put("quantity", 1)
                    .putObject("attributes").put("CalibrationDue", date)))
                    .as(date).isInstanceOf(CatalogException.class).hasMessageContaining("years 1 to 9999");
        }
    }

    /**
     * Found by review: the catalog takes any number of attributes, but a file may have at most
     * INTAKE_MAX_COLUMNS (500) columns: with 490 inventory attributes the export (and the template)
     * had 507 columns, and the unchanged export failed LIMIT_EXCEEDED ("the header has 507
     * columns"), without a word from the export. A file of fewer columns imports, so the load
     * takes such a catalog; the export now says what to do.
     */
    @Test
    void export_orgWithMoreColumnsThanAnImportReads_notesWhichToDelete() throws Exception {
        var org = orgWithCatalog(catalog -> {
            var attributes = (ArrayNode) catalog.get("attributes");
            for (int i = 0; i < 490; i++) {
                attributes.addObject().put("key", "Extra%03d".formatted(i)).put("entity", "inventory").put("type", "text");
            }
        });

        for (var withRecords : List.of(true, false)) {
            var table = CsvExports.table(emulators.aws, "part-inventory", org, withRecords);
            assertThat(table.notes()).as("export " + withRecords).anySatisfy(note -> assertThat(note)
                    .contains("507 columns, more than the 500 an import reads (INTAKE_MAX_COLUMNS)", "delete the columns"));
        }
    }

    /**
     * Found by review: a PO reloaded as RECEIVED leaves its On Order items as AVAILABLE stock
     * without the serial or lot that the On Order items never needed (docs/catalog.md). Exported and
     * imported back unchanged, each of those rows failed TRACKING_REQUIRED, and with them the whole
     * file: SPEC §10 says "importing it unchanged changes nothing".
     */
    @Test
    void partInventoryExport_goodsOfAReceivedPo_importBackUnchanged() throws Exception {
        var org = orgWithCatalog(catalog -> { });
        reloadWithPoStatus(org, "PO-900", "RECEIVED");
        var before = emulators.inventory(org);
        assertThat(before).as("PO-900's received boards, no longer On Order and without a serial")
                .anySatisfy(line -> assertThat(line).contains("\"partNumber\":\"PCB-410\"")
                        .contains("\"serialNumber\":null").contains("\"status\":\"AVAILABLE\""));

        var report = emulators.importFile(org + "/part-inventory/export.csv", export("part-inventory", org));

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(before);
    }

    /**
     * Found by review: the catalog loads a label, a quality clause's title or a seeded fee's name
     * with a semicolon ("ISO 9001; AS9100"), but list cells are semicolon-delimited: exported and
     * imported back, the clause was UNKNOWN_REFERENCE ("ISO 9001"), the fee INVALID_FEE, and the
     * label "semi;colon" silently became two new labels "semi" and "colon". Either the load
     * refuses such a name, or the export of what it loaded imports back unchanged.
     */
    @Test
    void purchaseOrderExport_namesWithSemicolons_importBackUnchangedOrAreRefusedAtLoad() throws Exception {
        String org;
        try {
            org = orgWithCatalog(catalog -> {
                ((ArrayNode) catalog.get("labels")).add("semi;colon");
                ((ArrayNode) catalog.get("requirements")).addObject().put("title", "ISO 9001; AS9100").put("type", "QUALITY_CLAUSE");
                var po = ((ArrayNode) catalog.get("purchaseOrders")).addObject().put("poNumber", "PO-SEMI").put("status", "DRAFT");
                po.putArray("labels").add("semi;colon");
                po.putArray("fees").addObject().put("name", "Ship;ping").put("value", 1).put("type", "currency");
                var line = po.putArray("lines").addObject().put("partNumber", "FST-M3-10").put("revision", "A").put("quantity", 1);
                line.putArray("labels").add("semi;colon");
                line.putArray("qualityClauses").add("ISO 9001; AS9100");
            });
        } catch (CatalogException refused) {
            assertThat(refused.getMessage()).contains(";");
            return;
        }
        assertPurchaseOrderExportImportsBackUnchanged(org);
    }

    /**
     * Found by review: the catalog trims a seeded item's lot and names, but keeps a text
     * attribute's outer spaces ("  spaced  "); the importer trims every cell, so the unchanged
     * export changed the attribute to "spaced" (the dry run listed it as a change).
     */
    @Test
    void partInventoryExport_seededTextAttributeWithOuterSpaces_importsBackUnchanged() throws Exception {
        var org = orgWithCatalog(catalog -> ((ArrayNode) catalog.get("inventory")).addObject()
                .put("id", 1100).put("partNumber", "FST-M3-10").put("revision", "A").put("quantity", 1)
                .putObject("attributes").put("BatchID", "  spaced  "));

        var dryRun = dryRunOfUnchangedExport("part-inventory", org);

        assertThat(dryRun.get("changes")).as("the dry run's changes").isEmpty();
    }

    /**
     * Found by review: the catalog now trims a text attribute as the importers trim a cell
     * ({@code CellValues.trimmed}, which takes a no-break space off too), but still trims a
     * PO's description with {@code String.trim}, which keeps it. The importer reads the exported
     * "Main boards and adhesive for SB-0002" without it, a change to an ORDERED PO's header: the
     * unchanged export failed whole (PO_NOT_EDITABLE), though SPEC §10 says importing it unchanged
     * changes nothing.
     */
    @Test
    void purchaseOrderExport_seededDescriptionEndingInANoBreakSpace_importsBackUnchanged() throws Exception {
        var org = orgWithCatalog(catalog -> ((ObjectNode) catalog.get("purchaseOrders").get(0))
                .put("description", "Main boards and adhesive for SB-0002\u00A0"));
        assertPurchaseOrderExportImportsBackUnchanged(org);
    }

    /**
     * Found by review: likewise a seeded PO number keeps a trailing no-break space
     * ({@code String.trim}); the export writes it, the importer reads "PO-901" without it, finds no
     * such PO and creates a second one beside it, with its own On Order items.
     */
    @Test
    void purchaseOrderExport_seededPoNumberEndingInANoBreakSpace_importsBackWithoutCreatingAPo() throws Exception {
        var org = orgWithCatalog(catalog -> ((ObjectNode) catalog.get("purchaseOrders").get(1)).put("poNumber", "PO-901\u00A0"));
        var orders = emulators.purchaseOrders(org);

        var dryRun = dryRunOfUnchangedExport("purchase-orders", org);

        assertThat(dryRun.get("counts").get("created").asInt()).as(dryRun.toString()).isZero();
        assertThat(emulators.purchaseOrders(org)).isEqualTo(orders);
    }

    /**
     * Found by review: likewise the catalog trims a label's name with {@code String.trim}, so
     * "Expedite\u00A0" is a label of its own beside the sample's "expedite". A PO labelled with it
     * is exported, read back as "Expedite", which matches "expedite": the unchanged export's dry
     * run lists po_labels "Expedite " to "expedite", and importing it moves the PO to the other
     * label (a label that matched none would have been created).
     */
    @Test
    void purchaseOrderExport_seededLabelEndingInANoBreakSpace_importsBackUnchanged() throws Exception {
        var org = orgWithCatalog(catalog -> {
            ((ArrayNode) catalog.get("labels")).add("Expedite\u00A0");
            ((ObjectNode) catalog.get("purchaseOrders").get(1)).putArray("labels").add("Expedite\u00A0");
        });

        var dryRun = dryRunOfUnchangedExport("purchase-orders", org);

        assertThat(dryRun.get("createdLabels")).as(dryRun.toString()).isEmpty();
        assertThat(dryRun.get("changes")).as("the dry run's changes").isEmpty();
    }

    /**
     * Found by review: likewise a seeded item's serial is trimmed with {@code String.trim}, and
     * keeps a trailing no-break space the importer takes off: the unchanged export's dry run
     * listed the serial as changed ("AVN-0007 " to "AVN-0007"), and importing it changed it.
     */
    @Test
    void partInventoryExport_seededSerialEndingInANoBreakSpace_importsBackUnchanged() throws Exception {
        var org = orgWithCatalog(catalog -> ((ArrayNode) catalog.get("inventory")).addObject()
                .put("id", 1100).put("partNumber", "AVN-100").put("revision", "B").put("quantity", 1)
                .put("serialNumber", "AVN-0007\u00A0"));

        var dryRun = dryRunOfUnchangedExport("part-inventory", org);

        assertThat(dryRun.get("changes")).as("the dry run's changes").isEmpty();
    }

    /**
     * Found by review: the catalog loads a percentage fee above 100 (docs/catalog.md asks only
     * "value zero or more"), which the importer refuses (INVALID_FEE: "a percentage fee is at most
     * 100"): the unchanged export of its PO failed whole, though docs/export.md says "Values the
     * importers could not read back are refused when a catalog is loaded, so they never reach an
     * export". Either the load refuses it, or the export imports back.
     */
    @Test
    void purchaseOrderExport_seededPercentageFeeAbove100_importsBackUnchangedOrIsRefusedAtLoad() throws Exception {
        String org;
        try {
            org = orgWithCatalog(catalog -> ((ArrayNode) catalog.get("purchaseOrders").get(1).withArray("fees")).addObject()
                    .put("name", "Rush").put("value", 150).put("type", "percentage"));
        } catch (CatalogException refused) {
            assertThat(refused.getMessage()).contains("fees[0]").contains("100");
            return;
        }
        assertPurchaseOrderExportImportsBackUnchanged(org);
    }

    /**
     * Found by review (5 Dec 2026): the catalog loads a text attribute of any length, but an
     * import reads at most 32,767 characters in a cell (INTAKE_MAX_CELL_LENGTH). A seeded item
     * with a 40,000-character BatchID is exported whole, and the unchanged export fails
     * (LIMIT_EXCEEDED on that row), though docs/export.md says "Values the importers could not
     * read back are refused when a catalog is loaded, so they never reach an export". Either the
     * load refuses it, or the export imports back.
     */
    @Test
    void partInventoryExport_seededTextAttributeLongerThanACell_importsBackUnchangedOrIsRefusedAtLoad() throws Exception {
        refusedAtLoadOrExportImportsBackUnchanged(catalog -> ((ArrayNode) catalog.get("inventory")).addObject()
                .put("id", 1100).put("partNumber", "FST-M3-10").put("revision", "A").put("quantity", 1)
                .putObject("attributes").put("BatchID", "y".repeat(40_000)), "BatchID", "32767");
    }

    /**
     * Found by review (5 Dec 2026): the catalog loads a text attribute holding a NUL character
     * (U+0000, escaped in the JSON), which the export writes as it is; the importer refuses any file with
     * a NUL byte (MALFORMED_CSV, "binary data"), so the org's whole unchanged export fails, every
     * other row with it. Either the load refuses it, or the export imports back.
     */
    @Test
    void partInventoryExport_seededTextAttributeWithANulCharacter_importsBackUnchangedOrIsRefusedAtLoad() throws Exception {
        refusedAtLoadOrExportImportsBackUnchanged(catalog -> ((ArrayNode) catalog.get("inventory")).addObject()
                .put("id", 1100).put("partNumber", "FST-M3-10").put("revision", "A").put("quantity", 1)
                .putObject("attributes").put("BatchID", "B" + (char) 0 + "7"), "BatchID", "NUL");
    }

    /**
     * Found by review (5 Dec 2026): the loader refuses attribute keys no column could ever name
     * (outer spaces, a standard column's name: docs/catalog.md, "So that a column can be each
     * attribute"), but accepts a key that begins with an apostrophe and then =, +, - or @. The
     * template and the export write that header cell as it is, and the importer reads it without
     * the apostrophe (the formula guard, docs/csv-format.md): "'=Total" comes back as "=Total",
     * an UNKNOWN_COLUMN, so every export and every file made from the template fails whole.
     * Either the load refuses such a key, or the export imports back.
     */
    @Test
    void partInventoryExport_attributeKeyBeginningWithAnApostropheAndEquals_importsBackOrIsRefusedAtLoad() throws Exception {
        refusedAtLoadOrExportImportsBackUnchanged(catalog -> ((ArrayNode) catalog.get("attributes")).addObject()
                .put("key", "'=Total").put("entity", "inventory").put("type", "text"), "'=Total", "formula guard");
    }

    /**
     * Found by review (5 Dec 2026): the catalog loads a text attribute holding an unpaired UTF-16
     * surrogate ("a", U+D800, "b", escaped in the JSON; what a tool that cuts a string of emoji at a
     * length in UTF-16 units writes), which no UTF-8 file can hold. {@code ./intake export
     * part-inventory --org ORG --out FILE} then fails whole with "could not write FILE: Input
     * length = 1; nothing was written to it", which reads like a disk fault, and the export to
     * stdout writes "a?b", whose unchanged re-import changes the attribute (the dry run lists
     * BatchID "a", U+D800, "b" to "a?b"). docs/export.md: "Values the importers could not read back are
     * refused when a catalog is loaded, so they never reach an export". Either the load refuses
     * it, or the export imports back.
     */
    @Test
    void partInventoryExport_seededTextAttributeWithALoneSurrogate_importsBackUnchangedOrIsRefusedAtLoad() throws Exception {
        var org = "roundtrip" + ORGS.incrementAndGet();
        var catalog = (ObjectNode) JSON.readTree(Files.readString(SAMPLES.resolve("catalog.json")));
        ((ArrayNode) catalog.get("inventory")).addObject()
                .put("id", 1100).put("partNumber", "FST-M3-10").put("revision", "A").put("quantity", 1)
                .putObject("attributes").put("BatchID", "a\uD800b");
        var json = JSON.writer().with(com.fasterxml.jackson.core.json.JsonWriteFeature.ESCAPE_NON_ASCII).writeValueAsString(catalog);
        assertThat(json).contains("a\\uD800b");
        try {
            emulators.loadCatalog(Files.writeString(folder.resolve(org + ".json"), json), org);
        } catch (CatalogException refused) {
            assertThat(refused.getMessage()).contains("BatchID");
            return;
        }

        var dryRun = dryRunOfUnchangedExport("part-inventory", org);

        assertThat(dryRun.get("changes")).as("the dry run's changes").isEmpty();
    }

    /**
     * Found by review (5 Dec 2026): the load refuses a NUL, a text longer than a cell and an
     * apostrophe before =, +, - or @ only in text attribute values and attribute keys
     * ({@code CatalogText.unreadableAsCell}, called from SeedValues and CatalogMerge), not in a
     * seeded item's serial or lot number. A serial "'=X1" is exported as it is, and the importer
     * takes the apostrophe for the formula guard: the unchanged export's dry run lists
     * serial_number "'=X1" to "=X1", and importing it changes the serial. docs/export.md: "Values
     * the importers could not read back are refused when a catalog is loaded, so they never reach
     * an export".
     */
    @Test
    void partInventoryExport_seededSerialBeginningWithAnApostropheAndEquals_importsBackUnchangedOrIsRefusedAtLoad() throws Exception {
        refusedAtLoadOrExportImportsBackUnchanged(catalog -> ((ArrayNode) catalog.get("inventory")).addObject()
                .put("id", 1100).put("partNumber", "AVN-100").put("revision", "B").put("quantity", 1)
                .put("serialNumber", "'=X1"), "serialNumber");
    }

    /**
     * Found by review (5 Dec 2026): likewise a seeded lot number holding a NUL is loaded; the
     * export writes it, and the unchanged file fails whole (MALFORMED_CSV, "the file holds binary
     * data (a NUL byte on row 15)").
     */
    @Test
    void partInventoryExport_seededLotWithANulCharacter_importsBackUnchangedOrIsRefusedAtLoad() throws Exception {
        refusedAtLoadOrExportImportsBackUnchanged(catalog -> ((ArrayNode) catalog.get("inventory")).addObject()
                .put("id", 1100).put("partNumber", "BRKT-220").put("revision", "C").put("quantity", 1)
                .put("lotNumber", "L" + (char) 0 + "7"), "lotNumber");
    }

    /**
     * Found by review (5 Dec 2026): likewise a location named "'@Dock" is loaded and given to an
     * item; the export writes "'@Dock", the importer reads "@Dock", and the unchanged file fails
     * whole (UNKNOWN_REFERENCE: no location named "@Dock" exists).
     */
    @Test
    void partInventoryExport_locationNameBeginningWithAnApostropheAndAt_importsBackUnchangedOrIsRefusedAtLoad() throws Exception {
        refusedAtLoadOrExportImportsBackUnchanged(catalog -> {
            ((ArrayNode) catalog.get("locations")).add("'@Dock");
            ((ArrayNode) catalog.get("inventory")).addObject()
                    .put("id", 1100).put("partNumber", "FST-M3-10").put("revision", "A").put("quantity", 1).put("location", "'@Dock");
        }, "'@Dock");
    }

    /**
     * Found by review (5 Dec 2026): likewise a PO description longer than a cell (40,000
     * characters), a line description with a NUL and a PO number "'+901" are loaded. The unchanged
     * Purchase Orders export then fails whole (LIMIT_EXCEEDED on po_description; MALFORMED_CSV,
     * binary data), or, for the number, reads "+901", finds no such PO and creates a second PO
     * beside "'+901" (the dry run counts 1 created), with its own On Order items.
     */
    @Test
    void purchaseOrderExport_seededTextsNoCellCanCarry_importBackUnchangedOrAreRefusedAtLoad() throws Exception {
        List<java.util.function.Consumer<ObjectNode>> edits = List.of(
                catalog -> ((ObjectNode) catalog.get("purchaseOrders").get(1)).put("description", "d".repeat(40_000)),
                catalog -> ((ObjectNode) catalog.get("purchaseOrders").get(1).get("lines").get(0)).put("description", "a" + (char) 0 + "b"),
                catalog -> ((ObjectNode) catalog.get("purchaseOrders").get(1)).put("poNumber", "'+901"));
        var failures = new ArrayList<String>();
        for (int i = 0; i < edits.size(); i++) {
            String org;
            try {
                org = orgWithCatalog(edits.get(i));
            } catch (CatalogException refused) {
                continue;
            }
            var orders = emulators.purchaseOrders(org);
            var report = emulators.importFile(org + "/purchase-orders/export.csv", export("purchase-orders", org));
            if (!report.get("status").asText().equals("SUCCEEDED") || !emulators.purchaseOrders(org).equals(orders)) {
                failures.add("edit " + i + ": " + report.get("status").asText() + " " + report.get("counts") + " " + report.get("errors"));
            }
        }
        assertThat(failures).as("unchanged exports that did not import back unchanged").isEmpty();
    }

    /**
     * Found by review "crossimporter" on 7 December 2026: the catalog refuses to retype a part
     * "while purchase orders have it on order, since their On Order inventory follows it"
     * (docs/catalog.md), but checks only lines that list On Order records. A DRAFT line of a part
     * that created none (PO-1001's line 4, the first-article report DOC-FAI, receivable_non_inventory)
     * is not checked: the part is made receivable_inventory, and the org's Purchase Orders export,
     * imported back unchanged, then creates an On Order record for that line and rewrites the PO
     * (SPEC §10: "importing it unchanged changes nothing"). The load should be refused as for a
     * line with records, or give the line its On Order records itself: it is refused.
     */
    @Test
    void catalog_makingADraftLinesPartCreateInventory_isRefusedAsForALineWithOnOrderRecords() throws Exception {
        var org = orgWith("purchase-orders/november-orders.csv");
        assertThat(emulators.purchaseOrders(org)).anySatisfy(po -> assertThat(po).contains("\"poNumber\":\"PO-1001\"")
                .contains("\"status\":\"DRAFT\"").contains("\"partNumber\":\"DOC-FAI\""));

        retypeRefused(org, "DOC-FAI", "none", "each", "PO-1001");
    }

    /** A line of a part that makes no inventory before the load nor after it has nothing the retype changes. */
    @Test
    void catalog_retrackingAPartThatMakesNoInventoryUnderADraftLine_goesAheadAndTheExportImportsBackUnchanged() throws Exception {
        var org = orgWith("purchase-orders/november-orders.csv");

        retypeLoadedAndThePoExportImportsBackUnchanged(org, """
                {"org": "%s", "parts": [{"partNumber": "DOC-FAI", "revision": "A", "trackingType": "lot",
                                        "unitOfMeasure": "each", "purchaseType": "receivable_non_inventory"}]}""");
    }

    /**
     * The same gap (review "crossimporter"): a DRAFT line of 0 units of a serial-tracked part has no
     * On Order record, so the catalog lets the part become untracked; the line's unchanged export,
     * imported back, then created a record of quantity 0 for it. Refused now.
     */
    @Test
    void catalog_untrackingTheSerialPartOfADraftLineOfZero_isRefusedAsForALineWithOnOrderRecords() throws Exception {
        var org = orgWithADraftLineOfZeroWrenches();

        retypeRefused(org, "TORQ-WR-25", "none", "each", "PO-2001");
    }

    /**
     * Review own49 (7 Dec 2026): docs/catalog.md "A retype of a part whose lines have none before
     * the load and none after ... goes ahead". A DRAFT line of 0 units of a serial-tracked part has
     * no On Order record, and keeps none when the part's unit changes (it stays serial-tracked:
     * one record per unit, 0 units). Retypes.onOrderFollows counts only whether the part makes
     * inventory after the load, so the load is refused over a line that has nothing to follow it.
     */
    @Test
    void catalog_changingTheUnitOfTheSerialPartOfADraftLineOfZero_goesAheadAndTheExportImportsBackUnchanged() throws Exception {
        var org = orgWithADraftLineOfZeroWrenches();

        retypeLoadedAndThePoExportImportsBackUnchanged(org, """
                {"org": "%s", "parts": [{"partNumber": "TORQ-WR-25", "revision": "A", "trackingType": "serial",
                                        "unitOfMeasure": "kg", "purchaseType": "receivable_inventory"}]}""");
    }

    /** The november orders, and DRAFT PO-2001 with a line of 0 units of the serial-tracked TORQ-WR-25. */
    private static String orgWithADraftLineOfZeroWrenches() throws Exception {
        var org = orgWith("purchase-orders/november-orders.csv");
        imported(org + "/purchase-orders/wrench.csv", """
                po_number,supplier,ship_to_location,part_number,revision,quantity,cost
                PO-2001,Acme Metals,Receiving,TORQ-WR-25,A,0,90
                """);
        return org;
    }

    /** A load making {@code part} rev A an inventory part of {@code tracking} and {@code unit} is refused naming DRAFT {@code po}; nothing loaded. */
    private void retypeRefused(String org, String part, String tracking, String unit, String po) throws Exception {
        var retyped = Files.writeString(folder.resolve(org + "-" + part + ".json"), """
                {"org": "%s", "parts": [{"partNumber": "%s", "revision": "A", "trackingType": "%s",
                                        "unitOfMeasure": "%s", "purchaseType": "receivable_inventory"}]}"""
                .formatted(org, part, tracking, unit));
        var inventory = emulators.inventory(org);
        var orders = emulators.purchaseOrders(org);

        assertThatThrownBy(() -> emulators.loadCatalog(retyped, org)).isInstanceOf(CatalogException.class)
                .hasMessageContaining(part + " rev A").hasMessageContaining("PO \"" + po + "\" (DRAFT)")
                .hasMessageContaining("while purchase orders have it on order");
        assertThat(emulators.inventory(org)).as("nothing loaded").isEqualTo(inventory);
        assertThat(emulators.purchaseOrders(org)).as("nothing loaded").isEqualTo(orders);
    }

    /** {@code catalog} (its org a %s) loads, and the org's Purchase Orders export then imports back changing nothing. */
    private void retypeLoadedAndThePoExportImportsBackUnchanged(String org, String catalog) throws Exception {
        emulators.loadCatalog(Files.writeString(folder.resolve(org + "-retyped.json"), catalog.formatted(org)), org);
        var csv = export("purchase-orders", org);
        var inventory = emulators.inventory(org);
        var orders = emulators.purchaseOrders(org);

        var report = emulators.importFile(org + "/purchase-orders/export.csv", csv);

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).as("the inventory after the unchanged export of the org's POs").isEqualTo(inventory);
        assertThat(emulators.purchaseOrders(org)).as("the POs after the unchanged export").isEqualTo(orders);
    }

    /** A catalog as {@code edit} makes it is refused at load, saying {@code said}, or its org's Part Inventory export imports back unchanged. */
    private static void refusedAtLoadOrExportImportsBackUnchanged(java.util.function.Consumer<ObjectNode> edit, String... said)
            throws Exception {
        String org;
        try {
            org = orgWithCatalog(edit);
        } catch (CatalogException refused) {
            assertThat(refused.getMessage()).contains(said);
            return;
        }

        var dryRun = dryRunOfUnchangedExport("part-inventory", org);

        assertThat(dryRun.get("changes")).as("the dry run's changes").isEmpty();
    }

    /**
     * Found by review (5 Dec 2026): docs/part-inventory.md said of the dump's shape "`attributes`
     * holds the custom attributes whose value is not their empty default", but an update whose
     * attribute cells are blank on an item that has values stores the empty defaults (which read
     * the same as absent ones): item 1003 of the sample (BatchID "OE-2609-C", Inspected true)
     * updated with "1003,,," dumps {"BatchID":"","Inspected":false}. The doc now says so; this
     * pins the behaviour it describes, and that the blanked values export as blank cells.
     */
    @Test
    void dump_attributesBlankedByAnUpdate_keepTheirEmptyDefaultsAsDocsPartInventorySays() throws Exception {
        var org = orgWithCatalog(catalog -> { });
        imported(org + "/part-inventory/blanks.csv", """
                id,BatchID,Inspected,TorqueNm
                1003,,,
                """);
        var item = emulators.inventory(org).stream().map(RoundTripTest::json)
                .filter(record -> record.get("id").asLong() == 1003).findFirst().orElseThrow();

        assertThat(item.get("attributes").toString()).as("the attributes of an item whose values were all blanked")
                .isEqualTo("{\"BatchID\":\"\",\"Inspected\":false}");
        assertThat(Files.readString(Emulators.ROOT.resolve("docs/part-inventory.md")).replaceAll("\\s+", " "))
                .contains("An update's blank cell for an attribute the item has stores that empty default");
        dryRunOfUnchangedExport("part-inventory", org);
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The dry run of the org's {@code importer} export, unchanged: VALIDATED, or the test fails. */
    private static JsonNode dryRunOfUnchangedExport(String importer, String org) throws IOException {
        var dryRun = emulators.importFile(org + "/" + importer + "/validate/export.csv", export(importer, org));
        assertThat(dryRun.get("status").asText()).as(dryRun.toString()).isEqualTo("VALIDATED");
        return dryRun;
    }

    /** Imports the org's Purchase Orders export, unchanged: SUCCEEDED, and every PO as it was. */
    private static void assertPurchaseOrderExportImportsBackUnchanged(String org) throws IOException {
        var orders = emulators.purchaseOrders(org);
        var report = emulators.importFile(org + "/purchase-orders/export.csv", export("purchase-orders", org));
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.purchaseOrders(org)).isEqualTo(orders);
    }

    /** A fresh org with the acme sample catalog as {@code edit} leaves it, loaded from a file. */
    private static String orgWithCatalog(java.util.function.Consumer<ObjectNode> edit) throws Exception {
        var org = "roundtrip" + ORGS.incrementAndGet();
        var catalog = (ObjectNode) JSON.readTree(Files.readString(SAMPLES.resolve("catalog.json")));
        edit.accept(catalog);
        emulators.loadCatalog(Files.writeString(folder.resolve(org + ".json"), catalog.toString()), org);
        return org;
    }

    /** Loads the sample's PO {@code poNumber} again with another status (how a PO's status changes). */
    private static void reloadWithPoStatus(String org, String poNumber, String status) throws Exception {
        var catalog = (ObjectNode) JSON.readTree(Files.readString(SAMPLES.resolve("catalog.json")));
        for (var po : catalog.get("purchaseOrders")) {
            if (po.get("poNumber").asText().equals(poNumber)) {
                ((ObjectNode) po).put("status", status);
                var file = JSON.createObjectNode().put("org", org);
                file.putArray("purchaseOrders").add(po);
                emulators.loadCatalog(Files.writeString(folder.resolve(org + "-" + status + ".json"), file.toString()), org);
                return;
            }
        }
        throw new IllegalArgumentException("no " + poNumber);
    }

    /**
     * Found by review "exports" on 6 December 2026: Excel's plain "CSV (Comma delimited)" (and older Excel's Save of a CSV it
     * opened) writes the system code page, Windows-1252 in the US and Western Europe, and puts "?"
     * for every character that code page lacks: the Ω of "10 kΩ", ∅, ≤, →, ✓, Greek, Cyrillic, CJK.
     * A file whose every other character is ASCII is then valid UTF-8, so csv-format.md's "any
     * other encoding is MALFORMED_CSV" does not catch it: the export, edited elsewhere and imported
     * back, writes "10 k?" over every such value, without a word (the dry run lists it as an
     * ordinary change).
     */
    @Test
    void partInventoryExport_savedByExcelAsPlainCsv_doesNotTurnCharactersOutsideWindows1252IntoQuestionMarks() throws Exception {
        var org = orgWithCatalog(catalog -> { }); // the seeded records: every other character is ASCII
        imported(org + "/part-inventory/resistors.csv", """
                part_number,lot_number,quantity,location,BatchID
                FST-M3-10,L-R10K,5,Stockroom A,R 10 kΩ 0603
                """);
        var before = emulators.inventory(org);
        var report = exportedAndImportedBackSavedAsPlainCsv("part-inventory", org);

        assertThat(emulators.inventory(org)).as(report.toString()).isEqualTo(before);
        assertThat(report.get("errors")).extracting(e -> e.get("column").asText() + " " + e.get("code").asText())
                .containsExactly("BatchID MALFORMED_CSV");
    }

    /**
     * Review "exports": the same plain-CSV save of a Purchase Orders export. A line without a part
     * is found by its description (purchase-orders.md, Lines, rule 3), so "Pull-up resistor 10 k?"
     * finds no line: the import adds a second line beside "Pull-up resistor 10 kΩ" and reports
     * SUCCEEDED.
     */
    @Test
    void purchaseOrderExport_savedByExcelAsPlainCsv_doesNotAddALineForADescriptionWithQuestionMarks() throws Exception {
        var org = orgWithCatalog(catalog -> ((ArrayNode) catalog.get("purchaseOrders").get(1).get("lines")).addObject()
                .put("description", "Pull-up resistor 10 kΩ").put("quantity", 100).put("cost", 0.01)
                .put("needDate", "2027-01-15"));
        var before = emulators.purchaseOrders(org);
        assertThat(before).anySatisfy(po -> assertThat(po).contains("Pull-up resistor 10 kΩ"));
        var report = exportedAndImportedBackSavedAsPlainCsv("purchase-orders", org);

        assertThat(emulators.purchaseOrders(org)).as(report.toString()).isEqualTo(before);
        assertThat(report.get("errors")).extracting(e -> e.get("column").asText() + " " + e.get("code").asText())
                .containsExactly("description MALFORMED_CSV");
    }

    /**
     * Found by review "exportloop" (7 December 2026): the same plain-CSV save of a Purchase Orders
     * export, for the texts the "?" check left out. A PO's labels, a line's labels and a fee's name
     * came back as "?5kg", "?-rated" and "? handling": the import reported SUCCEEDED, renamed the
     * fee, swapped the labels for new ones (creating the labels "?5kg" and "?-rated"). They are
     * refused as po_description, a line's description and text attributes are.
     */
    @Test
    void purchaseOrderExport_savedByExcelAsPlainCsv_doesNotTurnLabelsAndFeeNamesIntoQuestionMarks() throws Exception {
        var org = orgWithCatalog(catalog -> { }); // the seeded records: every other character is ASCII
        imported(org + "/purchase-orders/rated.csv", """
                po_number,supplier,currency,po_labels,fees,part_number,description,quantity,cost,labels
                PO-7001,Acme Metals,USD,≤5kg,Ω handling[5][currency],CBL-330,Shielded cable,5,2,Ω-rated
                """);
        var tables = emulators.dataTables();
        var report = exportedAndImportedBackSavedAsPlainCsv("purchase-orders", org);

        assertThat(emulators.dataTables()).as(report.toString()).isEqualTo(tables);
        int row = exportRow("purchase-orders", org, "PO-7001");
        assertThat(report.get("errors")).extracting(e -> e.get("column").asText() + " " + e.get("code").asText() + " row " + e.get("row").asInt())
                .containsExactlyInAnyOrder("po_labels MALFORMED_CSV row " + row, "fees MALFORMED_CSV row " + row,
                        "labels MALFORMED_CSV row " + row);
    }

    /**
     * Found by review "exportloop" (7 December 2026): a PO number with a character outside
     * Windows-1252 ("PO-Ω-12"), exported and saved as plain CSV, came back "PO-?-12", which no PO
     * has: the import created a second PO with copies of every line and their On Order inventory,
     * and reported SUCCEEDED. Like a line's description, the PO number is how the row finds its
     * record: refused, MALFORMED_CSV on po_number, nothing written.
     */
    @Test
    void purchaseOrderExport_savedByExcelAsPlainCsv_doesNotCreateASecondPoUnderAQuestionMarkedNumber() throws Exception {
        var org = orgWithCatalog(catalog -> { }); // the seeded records: every other character is ASCII
        imported(org + "/purchase-orders/omega.csv", """
                po_number,supplier,currency,part_number,description,quantity,cost
                PO-Ω-12,Acme Metals,USD,CBL-330,Shielded cable,5,2
                """);
        var tables = emulators.dataTables();
        var report = exportedAndImportedBackSavedAsPlainCsv("purchase-orders", org);

        assertThat(emulators.dataTables()).as(report.toString()).isEqualTo(tables);
        assertThat(report.get("errors")).extracting(e -> e.get("column").asText() + " " + e.get("code").asText() + " row " + e.get("row").asInt())
                .containsExactly("po_number MALFORMED_CSV row " + exportRow("purchase-orders", org, "PO-Ω-12"));
    }

    /**
     * Review "exports": Excel takes off the formula guard's apostrophe when it opens the export and
     * saves the value bare ({@code @lot}), which imports back as it should. Opened again in Excel
     * (the user's file is what errors.md says to correct and upload whole), that cell runs as a
     * formula, and Excel saves what it shows: {@code #NAME?}. Intake stores the text "#NAME?" as
     * the lot number, without a word. No serial, lot, or attribute is ever an Excel error value
     * (#NAME?, #VALUE!, #REF!, #N/A, #DIV/0!, #NUM!, #NULL!, #SPILL!, #CALC!): such a cell says the
     * spreadsheet ran a formula, and could fail its row saying so.
     */
    @Test
    void partInventoryExport_reopenedInExcelSoACellRanAsAFormula_excelErrorValueRefusedNotStored() throws Exception {
        var org = orgWith("part-inventory/receiving-2026-11.csv");
        imported(org + "/part-inventory/formulas.csv", """
                part_number,lot_number,quantity,location
                FST-M3-10,@lot,6,Stockroom A
                """);
        var before = emulators.inventory(org);
        var rows = parse(export("part-inventory", org));
        var edited = rows.stream().filter(row -> "'@lot".equals(row.get("lot_number"))) // as the export guards it
                .findFirst().orElseThrow();
        edited.put("lot_number", "#NAME?"); // what Excel shows, and saves, for =@lot

        var report = emulators.importFile(org + "/part-inventory/resaved.csv", csv(rows));

        assertThat(emulators.inventory(org)).as(report.toString()).isEqualTo(before);
        assertThat(report.get("errors")).extracting(e -> e.get("column").asText() + " " + e.get("code").asText())
                .containsExactly("lot_number SPREADSHEET_ERROR");
    }

    /** A fresh org with the acme sample catalog, its seeded records included, and one sample imported. */
    private static String orgWith(String sample) throws Exception {
        var org = "roundtrip" + ORGS.incrementAndGet();
        emulators.loadCatalog(SAMPLES.resolve("catalog.json"), org);
        imported(org + "/" + sample, Files.readString(SAMPLES.resolve(sample)));
        return org;
    }

    private static void imported(String key, String csv) {
        var report = emulators.importFile(key, csv);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
    }

    private static int lineCount(List<String> orders) throws IOException {
        int lines = 0;
        for (var po : orders) {
            lines += JSON.readTree(po).get("lines").size();
        }
        return lines;
    }

    /**
     * The org's export as Excel's plain "CSV (Comma delimited)" save writes it (every character
     * Windows-1252 has as its byte, every other as "?"), uploaded and delivered: its report.
     */
    private static JsonNode exportedAndImportedBackSavedAsPlainCsv(String importer, String org) throws IOException {
        var savedAsPlainCsv = export(importer, org).getBytes(java.nio.charset.Charset.forName("windows-1252"));
        var key = org + "/" + importer + "/export.csv";
        emulators.deliver(emulators.put(key, savedAsPlainCsv));
        return emulators.report(key);
    }

    /** The row of the org's export (the header is row 1) of the first line holding {@code text}. */
    private static int exportRow(String importer, String org, String text) throws IOException {
        var lines = export(importer, org).lines().toList();
        return java.util.stream.IntStream.range(0, lines.size()).filter(i -> lines.get(i).contains(text)).findFirst().orElseThrow() + 1;
    }

    private static String export(String importer, String org) throws IOException {
        var text = new StringWriter();
        CsvExports.write(CsvExports.table(emulators.aws, importer, org, true), text, false, note -> { });
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
