package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.report.SourceObject;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectVersion;

/** {@link S3ImportFile#versionBefore}, against a listing that pages as S3's does (a key's entries newest first). */
class S3ImportFileTest {

    private static final String KEY = "acme/part-inventory/stock.csv";

    /**
     * Found by review (5 Dec 2026): the documented way to restore a deleted file on a versioned
     * bucket is to copy its previous version onto the key (S3 User Guide, "Restoring previous
     * versions"), which leaves the key's entries as: the copy, the delete marker, the upload. For
     * a key whose newest-upload item an Intake from before 4 December 2026 wrote (or none), the
     * copy is compared with "the version before it", and versionBefore stops at the delete marker:
     * nothing to compare with, so the restored file is imported a second time (its creates make
     * their records again), though docs/deploy.md says only unversioned buckets are left with that
     * case, and the same restore of a key recorded since 4 December is not imported. Delete
     * markers say nothing about which bytes were copied (the byte comparison and the item's
     * sequencer check that): the version before the copy is the next object version.
     */
    @Test
    void versionBefore_aDeleteMarkerBetweenTheCopyAndTheUpload_isTheUpload() {
        var s3 = new Listing(KEY, List.of(version("v3-copy"), deleteMarker("v2-delete"), version("v1-upload")));
        var copy = new SourceObject("bucket", KEY, "v3-copy", "etag", "0003", 10);

        assertThat(new S3ImportFile(s3, copy).versionBefore()).contains("v1-upload");
    }

    /**
     * Found by review (5 Dec 2026): XML 1.0 cannot carry a key holding ESC or BEL, so S3's plain
     * listing of such a key is one the SDK cannot read, and the copy's import failed as if S3 were
     * down, retried to the same end. Listed URL-encoded (the SDK decodes), the key is found.
     */
    @Test
    void versionBefore_aKeyHoldingAControlCharacter_isListedUrlEncoded() {
        var key = "acme/part-inventory/title\u001b]0;x\u0007.csv";
        var s3 = new Listing(key, List.of(version("v2-copy"), version("v1-upload")));
        var copy = new SourceObject("bucket", key, "v2-copy", "etag", "0002", 10);

        assertThat(new S3ImportFile(s3, copy).versionBefore()).contains("v1-upload");
    }

    private record Entry(String versionId, boolean deleteMarker) {}

    private static Entry version(String id) {
        return new Entry(id, false);
    }

    private static Entry deleteMarker(String id) {
        return new Entry(id, true);
    }

    /**
     * One key's versions and delete markers, newest first, listed after a (key, versionId) marker
     * up to maxKeys entries. A key holding a control character is listed only URL-encoded, as the
     * SDK can read S3's answer only then.
     */
    private static final class Listing implements S3Client {
        private final String key;
        private final List<Entry> entries;

        Listing(String key, List<Entry> entries) {
            this.key = key;
            this.entries = entries;
        }

        @Override
        public ListObjectVersionsResponse listObjectVersions(ListObjectVersionsRequest request) {
            if (key.chars().anyMatch(Character::isISOControl) && request.encodingType() != EncodingType.URL) {
                throw SdkClientException.create("Unable to unmarshall response: an invalid XML character in the listing");
            }
            int from = 0;
            if (request.versionIdMarker() != null) {
                for (int i = 0; i < entries.size(); i++) {
                    if (entries.get(i).versionId().equals(request.versionIdMarker())) {
                        from = i + 1;
                    }
                }
            }
            int max = request.maxKeys() == null ? 1000 : request.maxKeys();
            var versions = new ArrayList<ObjectVersion>();
            var markers = new ArrayList<DeleteMarkerEntry>();
            int to = Math.min(entries.size(), from + max);
            for (var entry : entries.subList(from, to)) {
                if (entry.deleteMarker()) {
                    markers.add(DeleteMarkerEntry.builder().key(key).versionId(entry.versionId()).build());
                } else {
                    versions.add(ObjectVersion.builder().key(key).versionId(entry.versionId()).build());
                }
            }
            var truncated = to < entries.size();
            return ListObjectVersionsResponse.builder().versions(versions).deleteMarkers(markers).isTruncated(truncated)
                    .nextKeyMarker(truncated ? key : null)
                    .nextVersionIdMarker(truncated ? entries.get(to - 1).versionId() : null).build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {}
    }
}
