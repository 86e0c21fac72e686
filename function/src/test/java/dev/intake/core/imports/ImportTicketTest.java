package dev.intake.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.report.SourceObject;
import org.junit.jupiter.api.Test;

class ImportTicketTest {

    private static final String KEY = "acme/part-inventory/stock.csv";

    @Test
    void of_sameVersion_sameId() {
        var first = ticket(new SourceObject("bucket", KEY, "v1", "etag", "seq1", 10));
        var redelivery = ticket(new SourceObject("bucket", KEY, "v1", "etag", "seq1", 10));

        assertThat(first.importId()).isEqualTo(redelivery.importId());
    }

    @Test
    void of_differentVersionId_differentId() {
        var first = ticket(new SourceObject("bucket", KEY, "v1", "etag", "seq1", 10));
        var newUpload = ticket(new SourceObject("bucket", KEY, "v2", "etag", "seq1", 10));

        assertThat(first.importId()).isNotEqualTo(newUpload.importId());
    }

    @Test
    void of_versionedSameVersionOtherSequencer_sameId() {
        var first = ticket(new SourceObject("bucket", KEY, "v1", "etag", "seq1", 10));
        var sameVersion = ticket(new SourceObject("bucket", KEY, "v1", "etag", "seq2", 10));

        assertThat(first.importId()).isEqualTo(sameVersion.importId());
    }

    @Test
    void of_unversionedDifferentSequencer_differentId() {
        var first = ticket(new SourceObject("bucket", KEY, null, "etag", "seq1", 10));
        var reupload = ticket(new SourceObject("bucket", KEY, null, "etag", "seq2", 10));

        assertThat(first.importId()).isNotEqualTo(reupload.importId());
    }

    @Test
    void of_unversionedSameEtagAndSequencer_sameId() {
        var first = ticket(new SourceObject("bucket", KEY, null, "etag", "seq1", 10));
        var redelivery = ticket(new SourceObject("bucket", KEY, null, "etag", "seq1", 10));

        assertThat(first.importId()).isEqualTo(redelivery.importId());
    }

    @Test
    void of_otherKeyOrBucket_differentId() {
        var first = ticket(new SourceObject("bucket", KEY, "v1", "etag", "seq1", 10));

        assertThat(ticket(new SourceObject("bucket", KEY + "x", "v1", "etag", "seq1", 10)).importId()).isNotEqualTo(first.importId());
        assertThat(ticket(new SourceObject("other", KEY, "v1", "etag", "seq1", 10)).importId()).isNotEqualTo(first.importId());
    }

    @Test
    void of_anySource_idIs32HexCharacters() {
        var ticket = ticket(new SourceObject("bucket", KEY, "v1", "etag", "seq1", 10));

        assertThat(ticket.importId()).matches("[0-9a-f]{32}");
        assertThat(ticket.org()).isEqualTo("acme");
        assertThat(ticket.importer()).isEqualTo("part-inventory");
        assertThat(ticket.mode()).isEqualTo(ImportMode.COMMIT);
    }

    /**
     * Review s3 (6 Dec 2026): S3's user guide says sequencers "can be of different lengths. So, to
     * compare these values, first right pad the shorter value with zeros, and then do a
     * lexicographical comparison" (its older developer guide said left pad). Left-padded, an older
     * upload's longer sequencer sorted after a newer upload's shorter one.
     */
    @Test
    void uploadOrder_sequencersOfDifferentLengths_orderedAsS3SaysRightPadded() {
        var older = ticket(new SourceObject("bucket", KEY, "v1", "etag", "0055AED6DCD90281E5A1", 10));
        var newer = ticket(new SourceObject("bucket", KEY, "v2", "etag", "0055aed6dcd90281f0", 10));

        assertThat(newer.uploadOrder()).contains("0055AED6DCD90281F0" + "0".repeat(ImportTicket.ORDER_WIDTH - 18));
        assertThat(newer.uploadOrder().orElseThrow()).isGreaterThan(older.uploadOrder().orElseThrow());
    }

    private static ImportTicket ticket(SourceObject source) {
        return ImportTicket.of(source, "acme", "part-inventory", ImportMode.COMMIT);
    }
}
