package dev.intake.core.report;

import java.util.Objects;

/**
 * The exact S3 object version an import reads. {@code versionId} is null on an unversioned bucket;
 * {@code uploader} is null when the event does not say who uploaded it.
 */
public record SourceObject(String bucket, String key, String versionId, String eTag, String sequencer, long size,
                           Uploader uploader) {

    public SourceObject {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /** An object whose uploader is unknown. */
    public SourceObject(String bucket, String key, String versionId, String eTag, String sequencer, long size) {
        this(bucket, key, versionId, eTag, sequencer, size, null);
    }
}
