package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upload the uploader deletes before Intake reads it. Found by review "eventkeys" on 7 December
 * 2026: docs/serve.md and docs/errors.md said such an import ends FAILED, {@code FILE_UNAVAILABLE};
 * on the deployed bucket, which keeps versions (as this emulator's does), {@code aws s3 rm} or the
 * console's Delete only puts a delete marker over the version the event names, which Intake reads
 * and imports. The docs now say so; the upload's version deleted is not imported.
 */
class DeletedBeforeTheReadTest {

    private static final String CSV = "part_number,quantity,location\nFST-M3-10,5,Stockroom A\n";

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @BeforeEach
    void catalog() throws Exception {
        emulators.resetWithAcmeCatalog();
    }

    @Test
    void deliver_uploadHiddenByADeleteMarkerBeforeTheRead_isImportedFromTheVersionTheEventNames() {
        var key = "acme/part-inventory/hidden.csv";
        var upload = emulators.put(key, CSV);
        assertThat(upload.versionId()).as("the bucket keeps versions, as the deployed one does").isNotBlank();
        emulators.aws.s3().deleteObject(b -> b.bucket(emulators.aws.bucket()).key(key)); // aws s3 rm: a delete marker
        var before = emulators.inventory("acme").size();

        assertThat(emulators.deliver(upload)).containsExactly(key + ".report.json");

        var report = emulators.report(key);
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("counts").get("created").asInt()).as("its one row").isEqualTo(1);
        assertThat(emulators.inventory("acme")).hasSize(before + 1);
    }

    @Test
    void deliver_uploadWhoseVersionWasDeletedBeforeTheRead_failsWithFileUnavailableAndWritesNothing() {
        var key = "acme/part-inventory/uploaded-by-mistake.csv";
        var upload = emulators.put(key, CSV);
        // aws s3api delete-object --key ... --version-id ...: the version itself is gone
        emulators.aws.s3().deleteObject(b -> b.bucket(emulators.aws.bucket()).key(key).versionId(upload.versionId()));
        var tables = emulators.dataTables();

        assertThat(emulators.deliver(upload)).containsExactly(key + ".report.json");

        var report = emulators.report(key);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(S3EventDeliveryTest.errorList(report)).containsExactly("- - FILE_UNAVAILABLE");
        assertThat(emulators.dataTables()).as("nothing of the deleted file imported").isEqualTo(tables);
    }
}
