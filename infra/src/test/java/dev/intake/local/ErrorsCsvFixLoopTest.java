package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.core.csv.FormulaGuard;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fix loop as an operations person lives it (review of 5 December 2026): a file fails, they
 * download {@code <key>.errors.CSV}, open it in a spreadsheet, fix the cells, save it as CSV and
 * upload it again. Until that review docs/errors.md, docs/report.md and {@code ./intake import}
 * sent them to upload the corrected errors CSV itself, which holds only the failing rows; they
 * now say to correct the original file and upload it whole. Every upload here goes through the
 * real handler.
 */
class ErrorsCsvFixLoopTest {

    private static final Path SAMPLES = Emulators.ROOT.resolve("samples/acme");
    private static final AtomicInteger ORGS = new AtomicInteger();
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    /**
     * Found by review (5 Dec 2026): the docs send a user to import a corrected errors CSV
     * (errors.md, The errors CSV: "so a corrected errors CSV (its row and errors columns removed)
     * imports as the values it shows"; report.md: "Save corrected rows under a name of their
     * own"; the CLI's refusal of an errors file's name says the same), but the errors CSV holds
     * only the failing rows, and nothing of the failed file was written (all or nothing). Followed
     * as written, the corrected errors CSV imports SUCCEEDED and the rows that had no error are
     * never imported, with nothing in the report or the docs to say so; uploading the whole file
     * afterwards creates every corrected new item a second time (inventory creates have no id).
     * The errors CSV section now says the rows without errors are not in it and that the fix is
     * the original file, corrected and uploaded whole.
     */
    @Test
    void partInventory_correctedErrorsCsvImported_rowsWithoutErrorsAreImportedOrTheDocsSaySo() throws Exception {
        var org = org();
        var key = org + "/part-inventory/receiving.csv";
        var first = emulators.importFile(key, """
                part_number,revision,serial_number,quantity,location
                PCB-410,A,PCB-3001,1,Receiving
                FST-M3-10,,,-5,Stockroom A
                FST-M3-10,,,7,Stockroom A
                """);
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("FAILED");
        var errorsCsv = emulators.text(key + ".errors.CSV").orElseThrow();

        var corrected = savedFromASpreadsheet(errorsCsv, Map.of("3", Map.of("quantity", "5")));
        var second = emulators.importFile(org + "/part-inventory/receiving-fixed.csv", corrected);

        assertThat(second.get("status").asText()).as(second.toString()).isEqualTo("SUCCEEDED");
        var inventory = emulators.inventory(org);
        boolean passedRowsImported = inventory.stream().anyMatch(item -> item.contains("\"PCB-3001\""))
                && inventory.stream().anyMatch(item -> item.contains("\"quantity\":7"));
        if (!passedRowsImported) {
            assertThat(errorsCsvSection())
                    .as("docs/errors.md, The errors CSV: the rows of row 2 and 4 had no error, so are not in the errors CSV, and"
                            + " were not written (the file is all or nothing); after the corrected errors CSV (%s) they are still not"
                            + " imported, and the docs do not say so", second.get("counts"))
                    .containsPattern(ROWS_WITHOUT_ERRORS_MUST_BE_UPLOADED_TOO);
        }
    }

    /**
     * Found by review (5 Dec 2026): the same loop for Purchase Orders. A PO whose supplier
     * conflicts on one of its rows has only that row in the errors CSV (purchase-orders.md: "The
     * rows that hold that first value are listed in the report's rows, not in the errors CSV"),
     * and its other, valid line is not there either. The corrected errors CSV, imported as the
     * docs say, creates the PO SUCCEEDED with one line of its two, and nothing says the other is
     * missing.
     */
    @Test
    void purchaseOrders_correctedErrorsCsvImported_otherLinesOfThePoAreImportedOrTheDocsSaySo() throws Exception {
        var org = org();
        var key = org + "/purchase-orders/december.csv";
        var first = emulators.importFile(key, """
                po_number,supplier,currency,part_number,revision,quantity,cost
                PO-3001,Pacific Fasteners,USD,FST-M3-10,A,500,0.12
                PO-3001,Pacific Fastener,USD,BRKT-220,C,20,18.50
                """);
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("FAILED");
        var errorsCsv = emulators.text(key + ".errors.CSV").orElseThrow();

        var corrected = savedFromASpreadsheet(errorsCsv, Map.of("3", Map.of("supplier", "Pacific Fasteners")));
        var second = emulators.importFile(org + "/purchase-orders/december-fixed.csv", corrected);

        assertThat(second.get("status").asText()).as(second.toString()).isEqualTo("SUCCEEDED");
        var order = emulators.purchaseOrders(org).stream().filter(po -> po.contains("\"PO-3001\"")).findFirst().orElseThrow();
        if (!order.contains("\"FST-M3-10\"")) {
            assertThat(errorsCsvSection())
                    .as("docs/errors.md, The errors CSV: PO-3001 was created with its BRKT-220 line only (%s); its FST-M3-10 line,"
                            + " row 2, had no error and is in no errors CSV, and the docs do not say to upload it too", order)
                    .containsPattern(ROWS_WITHOUT_ERRORS_MUST_BE_UPLOADED_TOO);
        }
    }

    /**
     * Found by review (5 Dec 2026): a PO's header value that is wrong on every row of the PO (an
     * unknown supplier, as a PO's rows repeat their header) is checked, and reported, on the PO's
     * first row only, so the errors CSV holds that one row. purchase-orders.md says the errors CSV
     * "lists each offending row" and that "a file can be fixed in one go"; fixing the rows the
     * errors CSV lists (row 2) and uploading again fails a second time, now with HEADER_CONFLICT
     * on rows 3 and 4, which carried the same unknown supplier all along. For a PO of 500 lines
     * the errors CSV showed one row of the 500 to fix. Every row holding the bad header value is
     * now in the errors CSV, the later ones with a copy of the error (PoValidationPass).
     */
    @Test
    void purchaseOrders_unknownSupplierOnEveryRowOfAPo_fixingTheRowsTheErrorsCsvListsIsEnough() throws Exception {
        var org = org();
        var key = org + "/purchase-orders/validate/orbital.csv";
        var file = """
                po_number,supplier,currency,part_number,revision,quantity,cost
                PO-3201,Orbital Electronic,USD,FST-M3-10,A,500,0.12
                PO-3201,Orbital Electronic,USD,BRKT-220,C,20,18.50
                PO-3201,Orbital Electronic,USD,CBL-330,A,100,1.10
                """;
        var first = emulators.importFile(key, file);
        assertThat(first.get("status").asText()).as(first.toString()).isEqualTo("FAILED");
        var listed = new ArrayList<String>();
        try (var parser = CSVFormat.RFC4180.builder().setHeader().get()
                .parse(new StringReader(emulators.text(key + ".errors.CSV").orElseThrow().substring(1)))) {
            parser.forEach(record -> listed.add(record.get("row")));
        }

        var lines = file.split("\n");
        for (var row : listed) {
            int i = Integer.parseInt(row) - 1;
            lines[i] = lines[i].replace("Orbital Electronic,", "Orbital Electronics,");
        }
        var second = emulators.importFile(key, String.join("\n", lines) + "\n");

        assertThat(listed).as("rows in the errors CSV").containsExactly("2", "3", "4");
        assertThat(second.get("status").asText()).as("after fixing the rows the errors CSV listed: %s", second)
                .isEqualTo("VALIDATED");
    }

    /**
     * Found by review (5 Dec 2026): a user who fixes the cells of the errors CSV and uploads it
     * with the two columns Intake added to it ({@code row}, {@code errors}) gets two file-level
     * UNKNOWN_COLUMN errors saying each "is neither a Part Inventory column nor a custom attribute
     * configured for inventory (attribute keys match exactly, including case)", which points at
     * the catalog's attributes and their case, not at the columns Intake itself wrote. The one
     * place that said to remove them was a parenthesis in errors.md's formula guard section. The
     * refusal now says they are the errors CSV's own, and that the original file is the one to fix.
     */
    @Test
    void correctedErrorsCsvStillWithItsRowAndErrorsColumns_isImportedOrRefusedNamingTheErrorsCsv() throws Exception {
        var org = org();
        var key = org + "/part-inventory/receiving.csv";
        emulators.importFile(key, """
                part_number,quantity,location
                FST-M3-10,-5,Stockroom A
                """);
        var errorsCsv = emulators.text(key + ".errors.CSV").orElseThrow();
        var corrected = savedFromASpreadsheet(errorsCsv, Map.of("2", Map.of("quantity", "5")), false);

        var report = emulators.importFile(org + "/part-inventory/receiving-fixed.csv", corrected);

        if (!report.get("status").asText().equals("SUCCEEDED")) {
            var refusals = new ArrayList<JsonNode>();
            report.get("errors").forEach(refusals::add);
            assertThat(refusals).as(report.toString())
                    .filteredOn(e -> e.get("code").asText().equals("UNKNOWN_COLUMN"))
                    .isNotEmpty()
                    .allSatisfy(e -> assertThat(e.get("message").asText()).as("the refusal of the errors CSV's own column %s",
                            e.get("column")).containsIgnoringCase("errors CSV"));
        }
    }

    /**
     * Found by review (5 Dec 2026): docs/export.md says "Excel writes dates as 11/30/2026 (read
     * month-first, the same day)". Excel writes a date in the short date form of the computer's
     * region: in the UK, Australia, most of Europe, a date day first. An ISO date the user never
     * touched, 2026-12-01 in an errors CSV or an export, comes back as 01/12/2026, which Intake
     * reads month first as 12 January 2026: SUCCEEDED, the date silently moved (a day after the
     * 12th comes back 13/12/2026 and fails INVALID_DATE). And docs/errors.md, which offers the
     * errors CSV "ready to open in a spreadsheet" and says a corrected one "imports as the values
     * it shows", said nothing of the cells a spreadsheet changes when it saves (dates, leading
     * zeros: a serial 0042 comes back 42), which only export.md mentioned. Both docs now say so.
     */
    @Test
    void docs_whatASpreadsheetChangesOnSave_dayFirstRegionsAndTheErrorsCsv() throws Exception {
        var org = org();
        var report = emulators.importFile(org + "/part-inventory/validate/uk.csv", """
                part_number,revision,serial_number,quantity,location,CalibrationDue
                TORQ-WR-25,A,TW-3001,1,Line 2,01/12/2026
                """);
        assertThat(report.get("status").asText()).as("what UK Excel saves for 2026-12-01 is accepted: %s", report)
                .isEqualTo("VALIDATED");

        var export = Files.readString(Emulators.ROOT.resolve("docs/export.md"));
        var paragraph = export.substring(export.indexOf("Spreadsheets change some cells when they save"));
        paragraph = paragraph.substring(0, paragraph.indexOf("\n\n"));
        assertThat(paragraph).as("docs/export.md on Excel's dates").containsPattern("(?i)day[- ]first|region|locale");
        assertThat(errorsCsvSection()).as("docs/errors.md, The errors CSV, on what a spreadsheet changes when it saves")
                .containsPattern("(?i)leading zero");
    }

    /**
     * Found by review "fixloop" on 6 December 2026: a stray quote ({@code "5" bolt}) stops the
     * reading; the rows after it were not read and their errors not reported, and nothing said so
     * (only counts.rows, 1). The uploader fixed the list and met new errors on the next upload,
     * one more round for each such row. The message says the rows from there on were not read.
     */
    @Test
    void strayQuoteStopsTheFile_theMessageSaysTheRowsFromItOnWereNotRead() throws Exception {
        var report = emulators.importFile(org() + "/part-inventory/validate/bolts.csv", """
                part_number,quantity,location,BatchID
                FST-M3-10,-1,Stockroom A,a
                FST-M3-10,1,Stockroom A,"5" bolt
                FST-M3-10,-7,Nowhere,c
                """);

        assertThat(report.get("errors")).extracting(e -> e.get("row").asInt() + " " + e.get("code").asText())
                .containsExactly("3 MALFORMED_CSV", "2 NEGATIVE_NUMBER");
        assertThat(report.get("errors").get(0).get("message").asText()).isEqualTo("row 3 has a character after a closing"
                + " quote; quote the whole cell and double inner quotes (\"\"); the rows from row 3 on were not read");
    }

    /**
     * Found by review "fixloop" on 6 December 2026: a row with a cell more than the header (an
     * unquoted comma, {@code Bolts, M3}) got only "the row has 5 cells but the header has 4": not
     * what to do, nor that its other cells were not checked, whose errors (quantity -1, location
     * Nowhere) then failed the next upload.
     */
    @Test
    void rowWithMoreCellsThanTheHeader_theMessageSaysToQuoteTheCommaAndThatTheCellsWaitForIt() throws Exception {
        var report = emulators.importFile(org() + "/part-inventory/validate/bolts.csv", """
                part_number,quantity,location,BatchID
                FST-M3-10,-1,Nowhere,Bolts, M3
                """);

        assertThat(report.get("errors")).extracting(e -> e.get("row").asInt() + " " + e.get("code").asText())
                .containsExactly("2 MALFORMED_CSV");
        assertThat(report.get("errors").get(0).get("message").asText()).isEqualTo("the row has 5 cells but the header has 4:"
                + " put a cell that holds a comma in double quotes (\"Bolts, M3\"); the row's cells are checked once it fits"
                + " the header");
    }

    /** A fix, said as the errors.md sentence would have to: the errors CSV is not the whole file. */
    private static final String ROWS_WITHOUT_ERRORS_MUST_BE_UPLOADED_TOO =
            "(?is)(rows? (without|with no|that had no) errors?|rows that passed|valid rows|whole file|every row of the file)"
                    + ".{0,300}(not (written|imported)|upload|import|add)";

    private static String errorsCsvSection() throws IOException {
        var errors = Files.readString(Emulators.ROOT.resolve("docs/errors.md"));
        var start = errors.indexOf("## The errors CSV");
        return errors.substring(start, errors.indexOf("\n## ", start + 1));
    }

    private static String org() throws Exception {
        var org = "fixloop" + ORGS.incrementAndGet();
        emulators.loadCatalog(SAMPLES.resolve("catalog.json"), org);
        return org;
    }

    private static String savedFromASpreadsheet(String errorsCsv, Map<String, Map<String, String>> fixes) throws IOException {
        return savedFromASpreadsheet(errorsCsv, fixes, true);
    }

    /**
     * The errors CSV opened in a spreadsheet (the formula guard's apostrophe not shown), the cells
     * of {@code fixes} (by the row column's value, then column) changed, the {@code row} and
     * {@code errors} columns deleted where {@code dropAddedColumns}, and saved as Excel's "CSV
     * UTF-8": a byte order mark, CRLF, cells quoted only where they must be.
     */
    private static String savedFromASpreadsheet(String errorsCsv, Map<String, Map<String, String>> fixes,
            boolean dropAddedColumns) throws IOException {
        var text = errorsCsv.startsWith("\uFEFF") ? errorsCsv.substring(1) : errorsCsv;
        var out = new StringWriter();
        out.write('\uFEFF');
        try (var parser = CSVFormat.RFC4180.builder().setHeader().get().parse(new StringReader(text));
                var printer = CSVFormat.EXCEL.builder().setRecordSeparator("\r\n").get().print(out)) {
            var header = new ArrayList<>(parser.getHeaderNames());
            int keep = dropAddedColumns ? header.size() - 2 : header.size();
            printer.printRecord(header.subList(0, keep));
            for (CSVRecord record : parser) {
                var fix = fixes.getOrDefault(record.get("row"), Map.of());
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < keep; i++) {
                    cells.add(fix.getOrDefault(header.get(i), FormulaGuard.unguard(record.get(i))));
                }
                printer.printRecord(cells);
            }
        }
        return out.toString();
    }
}
