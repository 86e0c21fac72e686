package dev.intake.core.imports;

import dev.intake.core.report.SourceObject;
import java.util.HexFormat;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One import: one object version, so one claim. Its id is derived from the object's identity
 * (bucket + key + versionId, or + eTag + sequencer on an unversioned bucket), so every delivery
 * of the same S3 event maps to the same import and a new upload of the key to a new one.
 */
public record ImportTicket(String importId, String org, String importer, ImportMode mode, SourceObject source) {

    public static ImportTicket of(SourceObject source, String org, String importer, ImportMode mode) {
        return new ImportTicket(idOf(source), org, importer, mode, source);
    }

    /** Sequencers are hex; compared padded to this width, as S3 says to compare them. A longer one is not ordered. */
    public static final int ORDER_WIDTH = 64;
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{1," + ORDER_WIDTH + "}");

    /**
     * Where this upload stands among uploads of the same key: its event's sequencer, upper-cased
     * and right-padded with zeros, so that a later upload's compares greater as plain text (S3's
     * user guide: "first right pad the shorter value with zeros, and then do a lexicographical
     * comparison"). Left-padded until 6 December 2026, as S3's older developer guide said: an older
     * upload's longer sequencer then sorted after a newer one's, and the newer file was not
     * imported. Empty for an event with no sequencer, or one that is not hex (a
     * hand-written event): such an upload is not ordered.
     */
    public Optional<String> uploadOrder() {
        return orderOf(source.sequencer());
    }

    /** The order of an upload with {@code sequencer} ({@link #uploadOrder}); empty where it has none. */
    public static Optional<String> orderOf(String sequencer) {
        if (sequencer == null || !HEX.matcher(sequencer).matches()) {
            return Optional.empty();
        }
        return Optional.of(sequencer.toUpperCase(Locale.ROOT) + "0".repeat(ORDER_WIDTH - sequencer.length()));
    }

    /**
     * The order Intake compared before 6 December 2026, left-padded: kept beside the true one, for
     * an earlier version still running while a deploy rolls out compares it.
     */
    public static String leftPaddedOrderOf(String sequencer) {
        return "0".repeat(Math.max(0, ORDER_WIDTH - sequencer.length())) + sequencer.toUpperCase(Locale.ROOT);
    }

    /**
     * This import, for its object version as its claim recorded it ({@link Claim.Acquired#upload}):
     * the same version (bucket, key and versionId are the event's), with the upload's own uploader,
     * eTag, sequencer and size.
     */
    public ImportTicket recordedAs(SourceObject upload) {
        return new ImportTicket(importId, org, importer, mode, upload);
    }

    /** A digest of bucket and key: the same for every upload of the key. */
    public String keyId() {
        return digest(String.join("\n", source.bucket(), source.key()));
    }

    /** The id of the import of an object version: what every delivery of its event claims. */
    public static String idOf(SourceObject source) {
        var identity = source.versionId() != null
                ? String.join("\n", source.bucket(), source.key(), "v", source.versionId())
                : String.join("\n", source.bucket(), source.key(), "e", String.valueOf(source.eTag()),
                        String.valueOf(source.sequencer()));
        return digest(identity);
    }

    /** The first 128 bits of SHA-256 over {@code identity}, in hex: how Intake names what it identifies. */
    public static String digest(String identity) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
