package dev.intake.core.report;

/**
 * Who dropped the file, as the S3 event names them: {@code principalId} is
 * {@code userIdentity.principalId} (e.g. {@code AWS:AIDA…} for an IAM user, {@code AWS:AROA…:session}
 * for a role session) and {@code sourceIp} is {@code requestParameters.sourceIPAddress}. Either may
 * be null when the event leaves it out.
 */
public record Uploader(String principalId, String sourceIp) {

    /** The uploader of an event that names neither, as null so reports and history leave it out. */
    public static Uploader of(String principalId, String sourceIp) {
        var principal = blankToNull(principalId);
        var ip = blankToNull(sourceIp);
        return principal == null && ip == null ? null : new Uploader(principal, ip);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
