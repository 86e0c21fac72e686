package dev.intake.core.imports;

import java.io.IOException;

/**
 * The object version an event names can no longer be read: deleted, or (on an unversioned bucket)
 * replaced by a newer upload, or kept in an archive storage class. No retry can help; the import
 * ends FAILED with FILE_UNAVAILABLE.
 */
public final class SourceGoneException extends IOException {

    private final String whileImporting;
    private final boolean archived;

    /**
     * {@code message}: what happened, for a file gone before its first read; {@code whileImporting}:
     * the same for one gone after that (the commit reads the file again, a resumed commit once more).
     */
    public SourceGoneException(String message, String whileImporting, Throwable cause) {
        this(message, whileImporting, false, cause);
    }

    /** {@code archived}: the version is there, in a storage class no one can read until it is restored. */
    public SourceGoneException(String message, String whileImporting, boolean archived, Throwable cause) {
        super(message, cause);
        this.whileImporting = whileImporting;
        this.archived = archived;
    }

    /** Whether the version is there but archived ({@link CopiedUploads}: a copy that archived the file). */
    public boolean archived() {
        return archived;
    }

    /** What happened, said of a file Intake had begun importing. */
    public String whileImporting() {
        return whileImporting;
    }
}
