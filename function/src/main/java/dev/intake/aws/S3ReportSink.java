package dev.intake.aws;

import dev.intake.core.imports.FailedRowsSpool;
import dev.intake.core.imports.ReportSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.zip.CRC32;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** {@link ReportSink} writing next to the source object, the only keys the function may write. */
public final class S3ReportSink implements ReportSink {

    /**
     * An errors CSV above this goes up in parts. S3 takes at most 5 GB in one PUT, and a file
     * within every default limit can make a larger errors CSV (500 columns, a short value under
     * each with no header name: about 30 times the file; found by review "reportscale" on 7
     * December 2026): the PUT was refused, every retry too, and the uploader got no report.
     */
    static final long SINGLE_PUT_LIMIT = 100L << 20;
    /** 16 MiB a part: S3's 10,000 parts then hold 160 GB; a part is held twice (read, and the SDK's copy to send). */
    static final int PART_BYTES = 16 << 20;
    private static final String CSV = "text/csv; charset=utf-8";

    private final S3Client s3;
    private final long singlePutLimit;
    private final int partBytes;

    public S3ReportSink(S3Client s3) {
        this(s3, SINGLE_PUT_LIMIT, PART_BYTES);
    }

    /** With other sizes, for a test of the parts with a small CSV (S3 takes parts of 5 MiB and more). */
    S3ReportSink(S3Client s3, long singlePutLimit, int partBytes) {
        this.s3 = s3;
        this.singlePutLimit = singlePutLimit;
        this.partBytes = partBytes;
    }

    @Override
    public void putReport(String bucket, String key, String json) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/json"), RequestBody.fromString(json));
    }

    @Override
    public String putErrorsCsv(String bucket, String key, FailedRowsSpool csv) {
        if (csv.size() > singlePutLimit) {
            return putInParts(bucket, key, csv);
        }
        return s3.putObject(b -> b.bucket(bucket).key(key).contentType(CSV), RequestBody.fromContentProvider(() -> {
            try {
                return csv.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, csv.size(), CSV)).versionId();
    }

    /**
     * A multipart upload, read once from the spool a part at a time (each part in memory, so the
     * SDK can send it again). Where a part fails, the upload is aborted, so its parts stop
     * taking space, and the failure thrown: the invocation's retry starts anew.
     */
    private String putInParts(String bucket, String key, FailedRowsSpool csv) {
        // The SDK sends each part with a checksum; S3 completes only an upload whose create named
        // that algorithm and whose completion lists each part's (aws/aws-sdk-java-v2#6518; found
        // by review "own50c": S3Proxy checks neither). Each part's is computed here, not taken
        // from the answer, which S3Proxy leaves without it.
        var uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key(key).contentType(CSV)
                .checksumAlgorithm(ChecksumAlgorithm.CRC32)).uploadId();
        try (var in = csv.open()) {
            var parts = new ArrayList<CompletedPart>();
            var buffer = new byte[partBytes];
            for (int number = 1, length; (length = in.readNBytes(buffer, 0, partBytes)) > 0; number++) {
                int part = number;
                var checksum = crc32(buffer, length);
                var etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(part)
                        .checksumAlgorithm(ChecksumAlgorithm.CRC32).checksumCRC32(checksum),
                        RequestBody.fromRemainingByteBuffer(ByteBuffer.wrap(buffer, 0, length))).eTag();
                parts.add(CompletedPart.builder().partNumber(part).eTag(etag).checksumCRC32(checksum).build());
            }
            return s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts))).versionId();
        } catch (IOException | RuntimeException e) {
            try {
                s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
            } catch (RuntimeException abort) {
                e.addSuppressed(abort);
            }
            if (e instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            throw (RuntimeException) e;
        }
    }

    /** A part's CRC32 as S3 takes it: the four bytes, big-endian, in base64. */
    private static String crc32(byte[] bytes, int length) {
        var crc = new CRC32();
        crc.update(bytes, 0, length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
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
