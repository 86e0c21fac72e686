package dev.intake.core.imports;

import dev.intake.core.report.SourceObject;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.function.Function;

/**
 * Tells a copy of an object onto its own key (S3's {@code ObjectCreated:Copy}: a change of its
 * storage class, encryption or metadata, in the console or by a Batch Operations job) from a new
 * file. Such a copy is a new object version with a new sequencer, and was imported again: its
 * creates made records a second time, an old update file put its old values back, and its report
 * replaced the upload's (found by review on 4 December 2026). A copy whose bytes are those of the
 * key's last upload taken is not imported; a copy from another key (say from {@code validate/})
 * is a new file and is.
 */
public final class CopiedUploads {

    private static final int BUFFER = 64 * 1024;

    private final ImportLedger ledger;
    private final Function<SourceObject, ImportFile> files;

    public CopiedUploads(ImportLedger ledger, Function<SourceObject, ImportFile> files) {
        this.ledger = ledger;
        this.files = files;
    }

    /**
     * Whether {@code copy} holds the bytes of its key's last upload taken. The same eTag says so;
     * where the eTags differ (a copy re-encrypted with KMS, or of a file uploaded in parts, gets
     * another), the two versions are read and compared, which a versioned bucket allows. On an
     * unversioned one the copy replaced the upload's bytes: then only the eTag can tell.
     */
    public boolean sameAsLastUpload(SourceObject copy) throws IOException {
        var last = ledger.lastUploadTaken(ImportTicket.of(copy, "", "", ImportMode.COMMIT)).orElse(null);
        if (last == null || last.size() != copy.size()) {
            return false;
        }
        if (unquoted(last.eTag()) != null && unquoted(last.eTag()).equals(unquoted(copy.eTag()))) {
            return true;
        }
        if (last.versionId() == null || copy.versionId() == null || last.versionId().equals(copy.versionId())) {
            return false;
        }
        try (var a = files.apply(last).open(); var b = files.apply(copy).open()) {
            return sameBytes(a, b);
        } catch (SourceGoneException gone) {
            return false; // the upload's version was deleted: nothing to compare with, so a new file
        }
    }

    private static boolean sameBytes(InputStream a, InputStream b) throws IOException {
        var x = new byte[BUFFER];
        var y = new byte[BUFFER];
        while (true) {
            int n = a.readNBytes(x, 0, BUFFER);
            int m = b.readNBytes(y, 0, BUFFER);
            if (n != m || !Arrays.equals(x, 0, n, y, 0, m)) {
                return false;
            }
            if (n < BUFFER) {
                return true;
            }
        }
    }

    private static String unquoted(String eTag) {
        return eTag == null ? null : eTag.replace("\"", "");
    }
}
