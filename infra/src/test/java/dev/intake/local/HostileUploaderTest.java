package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one small file of one org can make Intake do: the bucket and the tables serve every org
 * (SPEC §1-§2), so a file whose work has no bound, or which cannot end in a report, costs every
 * org the shared tables' throughput and leaves its own org with a half-written import.
 */
class HostileUploaderTest {

    private static final AtomicInteger TENANTS = new AtomicInteger();

    /** A deployment's small row limit: the limits keep one import within one invocation (docs/configuration.md). */
    @RegisterExtension
    static final Emulators limited = Emulators.perTestClass(Map.of("INTAKE_MAX_ROWS", "100"));

    @RegisterExtension
    static final Emulators defaults = Emulators.perTestClass();

    /**
     * Found by review: the limits bound a file's rows, but a Purchase Orders row of a serial-tracked
     * part creates one On Order record per unit, up to 10,000 a line, so one row wrote 10,000
     * records under a limit of 100 rows (with the default limits, a file of a million such rows
     * asks for 10,000,000,000 writes: no invocation, nor its two retries, can commit it, and the
     * import stays COMMITTING, half written, while it takes the shared tables' throughput from
     * every other org). SPEC §4: "Past a limit: a FAILED report naming the limit, nothing written".
     */
    @Test
    void import_poRowWhoseOnOrderRecordsExceedTheRowLimit_limitExceededAndNothingWritten() throws Exception {
        var org = tenant(limited);
        var before = limited.dataTables();

        var report = deliver(limited, org + "/purchase-orders/amplified.csv",
                "po_number,supplier,part_number,quantity,cost\nPO-AMP-1,Acme Metals,TORQ-WR-25,10000,1\n");

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("FAILED");
        assertThat(S3EventDeliveryTest.errorList(report)).anySatisfy(error -> assertThat(error).endsWith("LIMIT_EXCEEDED"));
        assertThat(limited.dataTables()).isEqualTo(before);
    }

    /**
     * Found by review: the Purchase Orders scan summed the On Order ids a file needs in an
     * {@code int}. A file of 214,749 lines of 10,000 units of a serial-tracked part (each line within
     * the per-line limit, the file a few MB and a fifth of the row limit) needs 2,147,490,000 ids,
     * past 2^31: the sum wrapped negative, and the commit reserved a negative block, an
     * {@code ADD} of -2,147,477,296 to the org's inventory counter. The import stopped at its
     * deadline, as a file too large for one invocation does, but the counter stayed moved back:
     * the next import's new inventory got negative ids (and, had the sum wrapped to a small
     * positive number, it would have got the very ids this commit was writing). The sum no longer
     * wraps, and the file is refused, as one that would create more On Order records than
     * INTAKE_MAX_ROWS.
     */
    @Test
    void import_poFileNeedingMoreThan2To31OnOrderIds_neverMovesTheInventoryCounterBack() throws Exception {
        var org = tenant(defaults);
        int rows = 214_749; // 214,749 x 10,000 = 2,147,490,000 > 2,147,483,647
        var csv = new StringBuilder(rows * 24).append("po_number,part_number,quantity,cost\n");
        for (int i = 0; i < rows; i++) {
            csv.append("PO-BIG,TORQ-WR-25,10000,1\n");
        }

        var refused = defaults.importFile(org + "/purchase-orders/huge-order.csv", csv.toString());

        assertThat(S3EventDeliveryTest.errorList(refused)).containsExactly("- - LIMIT_EXCEEDED");

        var next = defaults.importFile(org + "/part-inventory/after.csv", "part_number,quantity\nFST-M3-10,5\n");
        assertThat(next.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(next.get("created").get(0).get("id").asLong()).as("id of the next import's new item").isPositive();
    }

    /**
     * Found by review: the labels a Purchase Orders file creates were kept on its import's item
     * (ImportsTable) in one attribute after every row had landed; 450 new labels of 1,000 bytes
     * (each within the documented limit) made that item pass DynamoDB's 400 KB, the update was
     * refused, and every delivery of the event failed the same way: the 450 POs stayed written,
     * the import COMMITTING, the labels never reached the catalog, and the uploader got no report.
     * Files that touch those POs were then refused (CONCURRENT_CHANGE, "last written by import …,
     * which has not finished") for good. The same with ordinary labels: a 1.8 MB file of 30,000
     * lines in 300 POs, each line labelled with its work order ({@code WO-2027-000123}).
     */
    @Test
    void import_poFileCreatingLabelsPast400Kb_endsWithAReport() throws Exception {
        var org = tenant(defaults);
        var csv = new StringBuilder("po_number,supplier,po_labels\n");
        for (int i = 0; i < 450; i++) {
            csv.append("PO-L").append(i).append(",Acme Metals,").append(String.format("L%04d-", i)).append("x".repeat(990)).append('\n');
        }
        var upload = defaults.put(org + "/purchase-orders/labels.csv", csv.toString());

        var failures = new ArrayList<String>();
        for (int delivery = 0; delivery < 3; delivery++) { // the first, and Lambda's two retries
            try {
                defaults.deliver(upload);
            } catch (RuntimeException e) {
                failures.add("delivery " + delivery + ": " + e.getMessage());
            }
        }

        assertThat(defaults.imports()).filteredOn(item -> upload.key().equals(item.get("key").s()))
                .extracting(item -> item.get("status").s()).as("the import's status").doesNotContain("COMMITTING");
        assertThat(failures).isEmpty();
        var report = defaults.report(upload.key());
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("createdLabels").size()).as("the labels the report lists").isBetween(90, 100);
        assertThat(report.get("createdLabelsTruncated").asBoolean()).isTrue();
        assertThat(defaults.purchaseOrders(org)).filteredOn(po -> po.contains("\"PO-L")).hasSize(450);
    }

    /**
     * Found by review: a serial's claim key is {@code <org>#<PART>#<serial>} (docs/dynamodb.md), and
     * each part is checked alone: the serial within 1,000 bytes, the part number within the
     * catalog's 1,000, the org within what an S3 key leaves (about 990 bytes). An org of 950
     * characters, a part number of 100 and a serial of 1,000 (each accepted) make a key of 2,052
     * bytes, past DynamoDB's 2,048 for a partition key: the serial look-up is refused, the handler
     * throws on every delivery, and the uploader gets no report.
     */
    @Test
    void import_serialWhoseClaimKeyWithALongOrgPassesDynamoDbsLimit_endsWithAReport(@TempDir Path dir)
            throws Exception {
        var org = "o" + TENANTS.incrementAndGet() + "-" + "x".repeat(945);
        var part = "P-" + "Q".repeat(98);
        var catalog = (ObjectNode) new ObjectMapper().readTree(Files.readString(Emulators.ROOT.resolve("samples/acme/catalog.json")));
        ((ArrayNode) catalog.get("parts")).addObject().put("partNumber", part)
                .put("revision", "A").put("trackingType", "serial").put("unitOfMeasure", "each");
        var file = dir.resolve("catalog.json");
        Files.writeString(file, catalog.toString());
        defaults.loadCatalog(file, org);

        var report = deliver(defaults, org + "/part-inventory/s.csv",
                "part_number,quantity,serial_number\n" + part + ",1," + "S".repeat(1_000) + "\n");

        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("FAILED");
        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("2 serial_number LIMIT_EXCEEDED");
    }

    // ---------------------------------------------------------------------------------------------

    /** A fresh org with the acme sample catalog. */
    private static String tenant(Emulators emulators) throws Exception {
        var org = "hostile" + TENANTS.incrementAndGet();
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), org);
        return org;
    }

    /** Uploads and delivers; the handler must answer with a report, never an exception. */
    private static JsonNode deliver(Emulators emulators, String key, String csv) {
        var upload = emulators.put(key, csv);
        var reportKeys = new AtomicReference<List<String>>();
        assertThatCode(() -> reportKeys.set(emulators.deliver(upload))).as("the handler on %s", key).doesNotThrowAnyException();
        assertThat(reportKeys.get()).containsExactly(key + ".report.json");
        return emulators.report(key);
    }
}
