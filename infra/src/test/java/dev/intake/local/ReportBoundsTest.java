package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The report stays small whatever the file (SPEC §9), through the real handler on the emulators.
 */
class ReportBoundsTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    /**
     * Found by review: {@code createdLabels} had no cap, and the import kept the whole list on its
     * imports-table item before the report was written. A valid Purchase Orders file whose POs
     * bring many new labels (here 16 POs with about 57,000 between them; a million-row ERP export
     * with one label per PO, such as a requisition number, gets there too) wrote every PO, then
     * failed to keep the labels (DynamoDB's item limit is 400 KB): the handler threw, no report was
     * written, the import stayed COMMITTING, and every retry (and every later {@code ./intake
     * import}, which finishes stopped imports first) failed in the same place.
     */
    @Test
    void import_poFileCreatingManyLabels_succeedsWithASmallReport() throws Exception {
        var org = "labels-many";
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), org);
        var csv = new StringBuilder("po_number,supplier,po_labels,description,quantity,cost\n");
        int label = 0;
        for (int po = 0; po < 16; po++) {
            var labels = new ArrayList<String>();
            while (String.join(";", labels).length() < 32_000) {
                labels.add("T%07d".formatted(++label));
            }
            csv.append("PO-L").append(po).append(",Acme Metals,").append(String.join(";", labels)).append(",widget,1,1\n");
        }
        var key = org + "/purchase-orders/tagged.csv";

        List<String> written = new ArrayList<>();
        RuntimeException failure = null;
        try {
            written = emulators.deliver(emulators.put(key, csv.toString()));
        } catch (RuntimeException e) {
            failure = e; // it was "Item size has exceeded the maximum allowed size for key :labels"
        }

        assertThat(failure).as("the delivery's failure").isNull();
        assertThat(written).as("reports the handler wrote").containsExactly(key + ".report.json");
        var report = emulators.report(key);
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("counts").get("created").asInt()).isEqualTo(16);
        assertThat(report.toString().getBytes(StandardCharsets.UTF_8).length).as("report bytes").isLessThan(100_000);
    }

    /**
     * Found by review (5 Dec 2026): a new label's length is checked as written and in lower case,
     * but the catalog keys it by {@code NameIndex.key}, which also composes it (NFC), and
     * composing lengthens some text: U+0958 (3 bytes) becomes U+0915 U+093C (6). A label of 333
     * of them (999 bytes) passes validation; its sort key {@code label#…} takes 2,004 bytes, past
     * DynamoDB's 1,024, so the commit writes the PO and then fails on the label write with no row
     * error (the handler throws). The label should fail its row (LIMIT_EXCEEDED) as one 1,001
     * bytes long does, before anything is written.
     */
    @Test
    void import_poFileWithANewLabelLongerInItsComposedForm_failsTheRowNotTheCommit() throws Exception {
        var org = "labels-nfc";
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), org);
        var csv = "po_number,supplier,po_labels,description,quantity,cost\n"
                + "PO-NFC-1,Acme Metals," + "\u0958".repeat(333) + ",widget,1,1\n";
        var key = org + "/purchase-orders/composed.csv";

        List<String> written = new ArrayList<>();
        RuntimeException failure = null;
        try {
            written = emulators.deliver(emulators.put(key, csv));
        } catch (RuntimeException e) {
            failure = e;
        }

        assertThat(failure).as("the delivery's failure").isNull();
        assertThat(written).as("reports the handler wrote").contains(key + ".report.json");
        var report = emulators.report(key);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("FAILED");
        assertThat(report.toString()).contains("LIMIT_EXCEEDED");
    }

    /**
     * Found by review: a dry run's {@code changes} is capped at 1,000 entries, but their {@code from}
     * and {@code to} were whole cells, up to 32,767 characters each, where an error's {@code value}
     * is cut to 100. A dry run of 13 updates of a long text attribute (a notes column re-imported
     * after an edit, say) wrote a report of 417 KB, and one of 1,000 such rows one of some 64 MB,
     * which {@code ./intake import} then prints whole: SPEC §9, "The report stays small whatever
     * the file's size".
     */
    @Test
    void dryRun_updatesOfLongTextValues_reportStaysSmall() throws Exception {
        var org = "changes-long";
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), org);
        var csv = new StringBuilder("id,BatchID\n");
        for (long id = 1001; id <= 1013; id++) {
            csv.append(id).append(',').append(Long.toString(id, 36).repeat(8_000)).append('\n');
        }
        var key = org + "/part-inventory/validate/notes.csv";

        var report = emulators.importFile(key, csv.toString());

        assertThat(report.get("status").asText()).isEqualTo("VALIDATED");
        assertThat(report.get("changes")).hasSize(13);
        assertThat(report.toString().getBytes(StandardCharsets.UTF_8).length).as("report bytes").isLessThan(100_000);
    }
}
