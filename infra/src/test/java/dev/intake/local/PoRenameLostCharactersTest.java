package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Found by review "own51c" (7 December 2026): a rename in an export saved as Excel's plain "CSV
 * (Comma delimited)" (export.md: fill original_po_number with the PO's number, put the new one in
 * po_number). "PO-Ω-12" renamed to "PO-Ω-13" came back original_po_number "PO-?-12", and the
 * uploader was told NOT_FOUND, "no PO numbered "PO-?-12" exists", for a PO their sheet shows,
 * with no word of the encoding.
 */
class PoRenameLostCharactersTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    private static final String ORG = "renameq";

    @BeforeAll
    static void orgWithAnOmegaPo() throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), ORG);
        var report = emulators.importFile(ORG + "/purchase-orders/omega.csv", """
                po_number,supplier,currency,part_number,description,quantity,cost
                PO-Ω-12,Acme Metals,USD,CBL-330,Shielded cable,5,2
                """);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
    }

    @Test
    void rename_savedAsPlainCsv_originalWithQuestionMarks_refusedAsALegacySaveNotNotFound() {
        var before = emulators.purchaseOrders(ORG);
        JsonNode report = emulators.importFile(ORG + "/purchase-orders/rename.csv", """
                po_number,original_po_number
                PO-?-13,PO-?-12
                """);

        assertThat(emulators.purchaseOrders(ORG)).isEqualTo(before);
        assertThat(StreamSupport.stream(report.get("errors").spliterator(), false)
                .map(e -> e.get("row").asInt() + " " + e.get("column").asText() + " " + e.get("code").asText()).toList())
                .as(report.toString()).containsExactly("2 original_po_number MALFORMED_CSV");
        assertThat(report.get("errors").get(0).get("message").asText()).contains("PO-Ω-12").contains("CSV UTF-8");
    }
}
