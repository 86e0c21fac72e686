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
 * replaced the upload's. A copy whose bytes are those of the
 * key's last upload taken is not imported; a copy from another key (say from {@code validate/})
 * is a new file and is.
 */
public final class CopiedUploads {

    private static final int BUFFER = 64 * 1024;
    /** How many times a copy is compared with the key's last upload taken, where others keep being taken meanwhile. */
    private static final int LOOKS = 3;

    private final ImportLedger ledger;
    private final Function<SourceObject, ImportFile> files;

    public CopiedUploads(ImportLedger ledger, Function<SourceObject, ImportFile> files) {
        this.ledger = ledger;
        this.files = files;
    }

    /**
     * Whether {@code copy} holds the bytes of its key's last upload taken, and so is not imported;
     * then it is recorded as the key's newest upload, so that an older upload's event coming later
     * is not imported over it (found by review: a restore of the last upload, skipped, let an older
     * upload in). A copy whose own import was taken already (a retry after its deadline) is that
     * import, not a copy of it (found by review: the retry compared it with itself, and the import
     * stayed half written). Recorded only over the upload it was compared with (found by review on
     * 5 December 2026: recorded over another taken meanwhile, it let that one be imported over the
     * restored file). The upload's own import, if it has not ended, is not superseded by
     * the copy: the ledger tells a copy of it from a later upload (found by review on 5 December
     * 2026: it ended SUPERSEDED, and the file was imported and reported by neither).
     */
    public boolean skipAsCopyOfLastUpload(SourceObject copy) throws IOException {
        var ticket = ImportTicket.of(copy, "", "", ImportMode.COMMIT);
        for (int look = 1; look <= LOOKS; look++) {
            var last = ledger.lastUploadTaken(ticket, () -> files.apply(copy).versionBefore()).orElse(null);
            if (last == null || ImportTicket.idOf(last).equals(ticket.importId())
                    || !sameBytes(last, copy)) {
                return false;
            }
            if (ledger.recordCopyOfLastUpload(ticket, last)) {
                return true;
            }
            // another upload of the key was taken since: the copy is compared with that one
        }
        return false; // uploads keep coming: the copy is imported as the new file it then is
    }

    /**
     * The same eTag says so; where the eTags differ (a copy re-encrypted with KMS, or of a file
     * uploaded in parts, gets another), the two versions are read and compared, which a versioned
     * bucket allows. On an unversioned one the copy replaced the upload's bytes: then only the
     * eTag can tell. A copy in an archive storage class cannot be read: of the upload's size, it
     * is taken for a change of the upload's storage class (found by review on 5 December 2026:
     * S3's refusal to read it failed every attempt of Lambda's; on an unversioned bucket it was
     * imported, and failed). An archived upload, on the other hand, no copy can hold the bytes of
     * (S3 copies no archived version): the copy is a new file.
     */
    private boolean sameBytes(SourceObject last, SourceObject copy) throws IOException {
        if (last.size() != copy.size()) {
            return false;
        }
        if (unquoted(last.eTag()) != null && unquoted(last.eTag()).equals(unquoted(copy.eTag()))) {
            return true;
        }
        InputStream copied;
        try {
            copied = files.apply(copy).open();
        } catch (SourceGoneException gone) {
            return gone.archived(); // archived: see above; deleted: nothing to import, the import says so
        }
        try (copied) {
            if (last.versionId() == null || copy.versionId() == null || last.versionId().equals(copy.versionId())) {
                return false;
            }
            try (var uploaded = files.apply(last).open()) {
                return sameStreams(uploaded, copied);
            }
        } catch (SourceGoneException gone) {
            return false; // the upload's version deleted or archived: nothing to compare with, so a new file
        }
    }

    private static boolean sameStreams(InputStream a, InputStream b) throws IOException {
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
