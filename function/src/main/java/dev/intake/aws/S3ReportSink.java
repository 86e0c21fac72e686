package dev.intake.aws;

import dev.intake.core.imports.FailedRowsSpool;
import dev.intake.core.imports.ReportSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link ReportSink} writing next to the source object, the only keys the function may write. */
public final class S3ReportSink implements ReportSink {

    private final S3Client s3;

    public S3ReportSink(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public void putReport(String bucket, String key, String json) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromString(json));
    }

    @Override
    public String putErrorsCsv(String bucket, String key, FailedRowsSpool csv) {
        var type = "text/csv; charset=utf-8";
        return s3.putObject(b -> b.bucket(bucket).key(key).contentType(type), RequestBody.fromContentProvider(() -> {
            try {
                return csv.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, csv.size(), type)).versionId();
    }

    @Override
    public void deleteErrorsCsvVersion(String bucket, String key, String version) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key).versionId(version));
        } catch (S3Exception e) {
            // a retry after a delete that landed, its claim not yet told: the version is gone already
            if (e.statusCode() != 404) {
                throw e;
            }
        }
    }
}
