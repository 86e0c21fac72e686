package dev.intake.aws;

import dev.intake.core.imports.ImportFile;
import dev.intake.core.report.SourceObject;
import dev.intake.core.imports.SourceGoneException;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The object version an S3 event names, streamed (never loaded whole). With a versionId the read
 * is pinned to that version; on an unversioned bucket it is pinned by ETag (If-Match), so a file
 * overwritten after the event fails the read instead of importing other bytes.
 */
public final class S3ImportFile implements ImportFile {

    /** Delete markers the listing looks past: a key deleted and restored that many times is compared with nothing. */
    private static final int VERSIONS_A_PAGE = 10;
    private static final int VERSION_PAGES = 3;
    private static final String ARCHIVED = "the file is in an archive storage class (S3 Glacier Flexible Retrieval or"
            + " Deep Archive, or an Intelligent-Tiering archive tier), which S3 lets no one read until it is restored";

    private static final String SSE_C = "the file is encrypted with a key of the uploader's own (SSE-C), which S3"
            + " asks of everyone who reads it";
    private static final String KMS_DENIED = "the file is encrypted with a KMS key Intake may not use (S3 refused to"
            + " read it: no kms:Decrypt)";

    private final S3Client s3;
    private final SourceObject source;

    public S3ImportFile(S3Client s3, SourceObject source) {
        this.s3 = s3;
        this.source = source;
    }

    @Override
    public InputStream open() throws SourceGoneException {
        try {
            return s3.getObject(b -> {
                b.bucket(source.bucket()).key(source.key());
                if (source.versionId() != null) {
                    b.versionId(source.versionId());
                } else if (source.eTag() != null) {
                    b.ifMatch(source.eTag());
                }
            });
        } catch (NoSuchKeyException e) {
            throw new SourceGoneException("the file was deleted before Intake could read it",
                    "the file was deleted while Intake was importing it", e);
        } catch (S3Exception e) {
            if (e.statusCode() == 403 && e.awsErrorDetails() != null
                    && "InvalidObjectState".equals(e.awsErrorDetails().errorCode())) {
                // Found by review on 5 December 2026: uploaded (or moved) there, it failed every
                // attempt of Lambda's as an outage would, and its uploader heard nothing.
                throw new SourceGoneException(ARCHIVED + "; upload it again in the Standard storage class (a restore,"
                        + " or a copy of it onto its key, does not import it)",
                        ARCHIVED + " (it was moved there while Intake was importing it); upload it again in the"
                                + " Standard storage class", true, e);
            }
            if (encryptedWithTheUploadersKey(e)) {
                // Found by review on 6 December 2026, as the KMS key below
                throw new SourceGoneException(SSE_C + "; upload it again without one", SSE_C
                        + " (it was encrypted so while Intake was importing it); upload it again without one", e);
            }
            if (deniedItsKmsKey(e)) {
                // Found by review on 6 December 2026: an upload naming its own key (aws s3 cp --sse
                // aws:kms --sse-kms-key-id ...), which the bucket policy refuses since, failed every
                // attempt of Lambda's as an outage would, and its uploader heard nothing.
                throw new SourceGoneException(KMS_DENIED + "; upload it again without naming a key (the bucket encrypts"
                        + " it with S3's own)", KMS_DENIED + " (it was encrypted so while Intake was importing it); upload"
                        + " it again without naming a key", e);
            }
            if (e.statusCode() == 412) {
                throw new SourceGoneException("the file was replaced by a newer upload before Intake could read it;"
                        + " the newer upload is imported on its own", "the file was replaced by a newer upload while"
                        + " Intake was importing it; the newer upload is imported on its own", e);
            }
            if (e.statusCode() == 404) {
                throw new SourceGoneException("this version of the file no longer exists",
                        "this version of the file was deleted while Intake was importing it", e);
            }
            throw e;
        }
    }

    /** S3's refusal to read a version encrypted with a customer-provided key (SSE-C) without that key. */
    private static boolean encryptedWithTheUploadersKey(S3Exception e) {
        var details = e.awsErrorDetails();
        return e.statusCode() == 400 && details != null && "InvalidRequest".equals(details.errorCode())
                && details.errorMessage() != null && details.errorMessage().contains("Server Side Encryption");
    }

    /**
     * S3's refusal to decrypt the version for want of its KMS key, which no retry changes: an
     * AccessDenied naming kms:Decrypt, or KMS's own error code.
     */
    private static boolean deniedItsKmsKey(S3Exception e) {
        var details = e.awsErrorDetails();
        if (e.statusCode() != 403 || details == null) {
            return false;
        }
        var code = details.errorCode() == null ? "" : details.errorCode();
        var message = details.errorMessage() == null ? "" : details.errorMessage();
        return code.startsWith("KMS.") || message.contains("kms:Decrypt");
    }

    /**
     * The next older object version of the key, from a listing that starts after this version (S3
     * lists a key's entries newest first), past delete markers: restoring a deleted file is a copy
     * of its last version onto the key, above the marker.
     * Which bytes were copied is for the caller to compare; a few pages at most are read.
     */
    @Override
    public Optional<String> versionBefore() {
        if (source.versionId() == null) {
            return Optional.empty();
        }
        var marker = source.versionId();
        for (int page = 0; page < VERSION_PAGES && marker != null; page++) {
            var listing = entriesAfter(marker);
            var found = listing.versions().stream()
                    .filter(v -> v.key().equals(source.key()) && !v.versionId().equals(source.versionId()))
                    .map(ObjectVersion::versionId).findFirst();
            if (found.isPresent() || !Boolean.TRUE.equals(listing.isTruncated())
                    || !source.key().equals(listing.nextKeyMarker())) {
                return found;
            }
            marker = listing.nextVersionIdMarker();
        }
        return Optional.empty();
    }

    /**
     * A page of the key's entries (versions and delete markers) listed after {@code marker}. S3
     * answers 400 where the marker is no longer a version: the copy was deleted since its event,
     * which its read tells; the page is then empty.
     */
    private ListObjectVersionsResponse entriesAfter(String marker) {
        try {
            return s3.listObjectVersions(b -> b.bucket(source.bucket()).prefix(source.key())
                    .keyMarker(source.key()).versionIdMarker(marker).maxKeys(VERSIONS_A_PAGE)
                    // XML 1.0 cannot carry a key holding a control character; the SDK decodes
                    .encodingType(EncodingType.URL));
        } catch (S3Exception e) {
            if (e.statusCode() == 400) {
                return ListObjectVersionsResponse.builder().build();
            }
            throw e;
        }
    }
}
