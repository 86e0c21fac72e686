package dev.intake.core.imports;

import dev.intake.core.report.SourceObject;
import java.util.HexFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;

/**
 * One import: one object version, so one claim. Its id is derived from the object's identity
 * (bucket + key + versionId, or + eTag + sequencer on an unversioned bucket), so every delivery
 * of the same S3 event maps to the same import and a new upload of the key to a new one.
 */
public record ImportTicket(String importId, String org, String importer, ImportMode mode, SourceObject source) {

    public static ImportTicket of(SourceObject source, String org, String importer, ImportMode mode) {
        return new ImportTicket(idOf(source), org, importer, mode, source);
    }

    static String idOf(SourceObject source) {
        var identity = source.versionId() != null
                ? String.join("\n", source.bucket(), source.key(), "v", source.versionId())
                : String.join("\n", source.bucket(), source.key(), "e", String.valueOf(source.eTag()),
                        String.valueOf(source.sequencer()));
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
