package dev.intake.aws;

import software.amazon.awssdk.services.s3.S3Client;

/** For tests of the errors CSV's upload in parts with a small CSV: the sizes the function keeps to itself. */
public final class ReportSinks {

    private ReportSinks() {}

    /** A sink that sends a CSV over {@code singlePutLimit} bytes in parts of {@code partBytes}. */
    public static S3ReportSink inParts(S3Client s3, long singlePutLimit, int partBytes) {
        return new S3ReportSink(s3, singlePutLimit, partBytes);
    }
}
