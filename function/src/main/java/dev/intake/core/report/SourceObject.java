package dev.intake.core.report;

import java.util.Objects;

/** The exact S3 object version an import reads. {@code versionId} is null on an unversioned bucket. */
public record SourceObject(String bucket, String key, String versionId, String eTag, String sequencer, long size) {

    public SourceObject {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }
}
