package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.imports.FailedRowsSpool;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whether a file the deployed function accepts can always be reported: the function spools the
 * errors CSV (every failing row, with its errors) to /tmp before uploading it, and the template
 * gives it the 512 MB of /tmp that SnapStart allows. Each case imports a few thousand rows through
 * the handler, takes the errors CSV it uploaded, spools it as the function does, and scales what
 * the spool took to a file of the template's MaxFileBytes.
 */
class EphemeralStorageTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    /**
     * Found by review: docs/configuration.md sized the limits on "an errors CSV can be as large as
     * its file plus its messages", but a short row failing in every cell gets a message of 40 to
     * 80 bytes per one-byte cell: 10,000 rows of 22 bytes made an errors CSV of 6.4 MB, 29 times
     * the file, and a file of a million such rows (22 MB, within every default limit) filled /tmp:
     * the spool failed on every delivery, and the uploader got no report at all.
     */
    @Test
    void deliver_shortRowsFailingInEveryCell_spooledErrorsCsvFitsTheFunctionsTmpAtTheSizeLimit() throws Exception {
        var csv = "part_number,revision,quantity,quantity_scrapped,location,supplier,unit_of_measure,intent_option,"
                + "autogenerate_serial,autogenerate_lot,serial_number\n" + "x,x,x,x,x,x,x,x,x,x,x\n".repeat(10_000);

        assertSpoolFitsAtTheSizeLimit("everycell/part-inventory/every-cell-wrong.csv", csv);
    }

    /**
     * Found by review: rows of long, distinct values, three errors a row each quoting its cell (an
     * export from another system: unknown parts, unknown locations, "n/a" quantities) made an
     * errors CSV 2.35 times the file: some 630 MB at the default MaxFileBytes.
     */
    @Test
    void deliver_longDistinctValuesFailingThreeTimesARow_spooledErrorsCsvFitsTheFunctionsTmpAtTheSizeLimit()
            throws Exception {
        var csv = new StringBuilder("part_number,revision,lot_number,quantity,location\n");
        for (int i = 0; i < 2_000; i++) {
            csv.append("EXPORT-PART-%06d-%s,A,LOT-%06d-%s,n/a,Warehouse %06d Building %s\n"
                    .formatted(i, "X".repeat(70), i, "L".repeat(70), i, "B".repeat(70)));
        }

        assertSpoolFitsAtTheSizeLimit("export/part-inventory/export.csv", csv.toString());
    }

    /**
     * Found by review: a receiving file whose revision cells were deleted with "shift cells left"
     * (every later cell one column early) fails each row on seven or so cells: its errors CSV was
     * about 7 times the file, and a million such rows (88 MB) filled /tmp.
     */
    @Test
    void deliver_receivingFileWithItsCellsShiftedLeft_spooledErrorsCsvFitsTheFunctionsTmpAtTheSizeLimit() throws Exception {
        var csv = new StringBuilder("id,Part_Number,revision,Serial_Number,lot_number,QUANTITY,quantity_scrapped,Location,"
                + "supplier,Unit_Of_Measure,Intent_Option,autogenerate_serial,AUTOGENERATE_LOT,BatchID,CalibrationDue,"
                + "Inspected,TorqueNm\n");
        for (int i = 0; i < 2_000; i++) {
            csv.append(",PCB-410,PCB-").append(1901 + i).append(",,1,,Receiving,Orbital Electronics,,Flight,,,\"OE-2611-A, tray 3\",,yes,\n");
        }

        assertSpoolFitsAtTheSizeLimit("shifted/part-inventory/validate/receiving-shifted.csv", csv.toString());
    }

    @SuppressWarnings("unchecked")
    private static void assertSpoolFitsAtTheSizeLimit(String key, String csv) throws Exception {
        emulators.loadCatalog(CATALOG, key.substring(0, key.indexOf('/')));
        emulators.deliver(emulators.put(key, csv));
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("FAILED");
        var errorsCsv = emulators.text(key + ".errors.CSV").orElseThrow().getBytes(StandardCharsets.UTF_8);

        long spooled;
        try (var spool = FailedRowsSpool.create()) {
            try (var out = spool.output()) {
                out.write(errorsCsv);
            }
            assertThat(spool.size()).isEqualTo(errorsCsv.length);
            try (var in = spool.open()) {
                assertThat(in.readAllBytes()).as("the spool gives back the CSV it took").isEqualTo(errorsCsv);
            }
            spooled = spool.storedBytes();
        }
        var template = CloudFormationYaml.load(Emulators.TEMPLATE);
        var parameters = (Map<String, Object>) template.get("Parameters");
        long maxFileBytes = Long.parseLong(String.valueOf(((Map<String, Object>) parameters.get("MaxFileBytes")).get("Default")));
        long maxRows = Long.parseLong(String.valueOf(((Map<String, Object>) parameters.get("MaxRows")).get("Default")));
        var function = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) template.get("Resources"))
                .get("IntakeFunction")).get("Properties");
        long tmpBytes = Long.parseLong(String.valueOf(((Map<String, Object>) function.get("EphemeralStorage")).get("Size"))) << 20;
        long fileBytes = csv.getBytes(StandardCharsets.UTF_8).length;
        long rows = csv.lines().count() - 1;
        // the most rows of this kind a file within both MaxFileBytes and MaxRows holds
        double rowsAtTheLimits = Math.min(rows * (maxFileBytes / (double) fileBytes), maxRows);

        assertThat(spooled * rowsAtTheLimits / rows)
                .as("the spool of such rows at the limits (this file: %d bytes, its errors CSV %d, spooled %d)",
                        fileBytes, errorsCsv.length, spooled)
                .isLessThanOrEqualTo(tmpBytes * 0.8);
    }
}
