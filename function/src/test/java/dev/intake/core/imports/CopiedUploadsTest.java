package dev.intake.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.report.SourceObject;
import dev.intake.testing.InMemoryImportLedger;
import dev.intake.testing.StringImportFile;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which copies of an object onto its own key are its last upload again, and so not imported. */
class CopiedUploadsTest {

    private static final String CSV = "part_number,quantity\nFST-M3-10,5\n";

    private final InMemoryImportLedger ledger = new InMemoryImportLedger();
    private final Map<String, String> bytesByVersion = new HashMap<>();
    private final CopiedUploads copies = new CopiedUploads(ledger, source -> new StringImportFile(bytesByVersion.get(source.versionId())));

    @Test
    void skipAsCopyOfLastUpload_sameETag_isTheUploadAgain() throws IOException {
        taken(object("v1", "etag-1", "0001", CSV));

        assertThat(copies.skipAsCopyOfLastUpload(object("v2", "\"etag-1\"", "0002", CSV))).isTrue();
    }

    /** Re-encrypted with KMS, or a copy of a file uploaded in parts: another eTag, the same bytes. */
    @Test
    void skipAsCopyOfLastUpload_otherETagSameBytesInAnotherVersion_isTheUploadAgain() throws IOException {
        taken(object("v1", "etag-1-3", "0001", CSV));

        assertThat(copies.skipAsCopyOfLastUpload(object("v2", "etag-kms", "0002", CSV))).isTrue();
    }

    @Test
    void skipAsCopyOfLastUpload_otherBytesOfTheSameSize_isANewFile() throws IOException {
        taken(object("v1", "etag-1", "0001", CSV));

        assertThat(copies.skipAsCopyOfLastUpload(object("v2", "etag-2", "0002", CSV.replace('5', '6')))).isFalse();
    }

    @Test
    void skipAsCopyOfLastUpload_otherSize_isANewFile() throws IOException {
        taken(object("v1", "etag-1", "0001", CSV));

        assertThat(copies.skipAsCopyOfLastUpload(object("v2", "etag-1", "0002", CSV + "BRKT-220,1\n"))).isFalse();
    }

    /** On an unversioned bucket the copy replaced the upload's bytes: another eTag cannot be checked further. */
    @Test
    void skipAsCopyOfLastUpload_unversionedWithAnotherETag_isANewFile() throws IOException {
        taken(object(null, "etag-1", "0001", CSV));

        assertThat(copies.skipAsCopyOfLastUpload(object(null, "etag-2", "0002", CSV))).isFalse();
    }

    @Test
    void skipAsCopyOfLastUpload_noUploadOfTheKeyTaken_isANewFile() throws IOException {
        assertThat(copies.skipAsCopyOfLastUpload(object("v2", "etag-1", "0002", CSV))).isFalse();
    }

    /** A retry of the copy's own import (stopped at its deadline) is that import, not a copy of it. */
    @Test
    void skipAsCopyOfLastUpload_theCopysOwnImportTakenAlready_isNotSkipped() throws IOException {
        taken(object("v1", "etag-1", "0001", CSV));
        var copy = object("v2", "etag-1", "0002", CSV);
        taken(copy);

        assertThat(copies.skipAsCopyOfLastUpload(copy)).isFalse();
    }

    /** Skipped, the copy is still the key's newest upload: an older upload's late event is not imported over it. */
    @Test
    void skipAsCopyOfLastUpload_skipped_anOlderUploadComingLaterIsSuperseded() throws IOException {
        taken(object("v1", "etag-1", "0001", CSV));
        assertThat(copies.skipAsCopyOfLastUpload(object("v3", "etag-1", "0003", CSV))).isTrue();

        var older = object("v2", "etag-2", "0002", CSV.replace('5', '6'));
        var now = Instant.parse("2026-12-04T10:00:00Z");

        assertThat(ledger.claim(ImportTicket.of(older, "acme", "part-inventory", ImportMode.COMMIT), "other", now, now.plusSeconds(60)))
                .isInstanceOf(Claim.Superseded.class);
    }

    /**
     * Found by review (5 Dec 2026): an archived version is taken for the same bytes whichever of the
     * two versions is archived. Where the key's last upload was moved to an archive class (a bucket
     * lifecycle rule's transition keeps the version id), a new file of the same size copied onto the
     * key (the documented validate/ workflow, a quantity 5 fixed to 6) is skipped as "a copy of its
     * last upload" and never imported, with no report. S3 cannot copy an archived version that was
     * not restored, so the copy cannot hold its bytes; only a copy that is itself archived (the
     * change of storage class the fix was for) may be taken so.
     */
    @Test
    void skipAsCopyOfLastUpload_lastUploadArchived_otherBytesOfTheSameSize_isANewFile() throws IOException {
        taken(object("v1", "etag-1", "0001", CSV));
        var archivedFirst = new CopiedUploads(ledger, source -> "v1".equals(source.versionId())
                ? new ImportFile() {
                    @Override
                    public java.io.InputStream open() throws IOException {
                        throw new SourceGoneException("archived", "archived", true, null);
                    }
                }
                : new StringImportFile(bytesByVersion.get(source.versionId())));

        assertThat(archivedFirst.skipAsCopyOfLastUpload(object("v2", "etag-2", "0002", CSV.replace('5', '6')))).isFalse();
    }

    /**
     * Found by review (5 Dec 2026): lifecycle.md says a copy that moved the file to an archive
     * storage class (its eTag another, as for a file uploaded in parts) "is taken for the last
     * upload again where it has that upload's size"; on a bucket without versions (the local one,
     * any bucket of one's own) the copy is never looked at and is imported: its read is refused
     * (403 InvalidObjectState), the import ends FAILED FILE_UNAVAILABLE, its report replaces the
     * upload's SUCCEEDED one and tells the uploader to "upload it again in the Standard storage
     * class", which imports the file a second time.
     */
    @Test
    void skipAsCopyOfLastUpload_unversionedCopyIntoAnArchiveClassOfTheSameSize_isTheUploadAgain() throws IOException {
        taken(object(null, "etag-1-3", "0001", CSV));
        var archivedCopy = new CopiedUploads(ledger, source -> "etag-glacier".equals(source.eTag())
                ? new ImportFile() {
                    @Override
                    public java.io.InputStream open() throws IOException {
                        throw new SourceGoneException("archived", "archived", true, null);
                    }
                }
                : new StringImportFile(CSV));

        assertThat(archivedCopy.skipAsCopyOfLastUpload(object(null, "etag-glacier", "0002", CSV))).isTrue();
    }

    private SourceObject object(String versionId, String eTag, String sequencer, String bytes) {
        bytesByVersion.put(versionId, bytes);
        return new SourceObject("bucket", "acme/part-inventory/stock.csv", versionId, eTag, sequencer,
                bytes.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    private void taken(SourceObject upload) {
        var now = Instant.parse("2026-12-04T10:00:00Z");
        ledger.claim(ImportTicket.of(upload, "acme", "part-inventory", ImportMode.COMMIT), "owner", now, now.plusSeconds(60));
    }
}
