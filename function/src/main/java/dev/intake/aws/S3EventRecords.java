package dev.intake.aws;

import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.intake.core.imports.CopiedUploads;
import dev.intake.core.report.SourceObject;
import dev.intake.core.report.Uploader;

/** What an S3 event record says about the object it announces, as the handler and the CLI read it. */
public final class S3EventRecords {

    private S3EventRecords() {}

    /**
     * The object version an S3 event record names, and who uploaded it. Public so that tools
     * explaining a delivery (the local CLI) identify the import exactly as the handler does.
     */
    public static SourceObject sourceOf(S3EventNotificationRecord record) {
        var object = record.getS3().getObject();
        var principal = record.getUserIdentity() == null ? null : record.getUserIdentity().getPrincipalId();
        var ip = record.getRequestParameters() == null ? null : record.getRequestParameters().getSourceIPAddress();
        // Keys arrive URL-encoded, with + for a space (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
        return new SourceObject(record.getS3().getBucket().getName(), object.getUrlDecodedKey(),
                versionOf(object.getVersionId()), blankToNull(object.geteTag()), blankToNull(object.getSequencer()),
                object.getSizeAsLong() == null ? 0 : object.getSizeAsLong(), Uploader.of(principal, ip));
    }

    /**
     * Whether S3 says the record's object was copied ({@code ObjectCreated:Copy}), not uploaded: a
     * copy onto its own key with its last upload's bytes is not imported ({@link CopiedUploads}).
     */
    public static boolean isCopy(S3EventNotificationRecord record) {
        return "ObjectCreated:Copy".equals(record.getEventName());
    }

    /**
     * The version an event names, or null where it names none that tells uploads apart: the
     * runtime's serializer gives "" for a missing versionId (unversioned bucket), and S3 names the
     * version of an object stored while versioning is suspended "null", a version the key's next
     * upload overwrites. Either is read and identified as on an unversioned bucket, by eTag and
     * sequencer.
     */
    private static String versionOf(String versionId) {
        return "null".equals(versionId) ? null : blankToNull(versionId);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
