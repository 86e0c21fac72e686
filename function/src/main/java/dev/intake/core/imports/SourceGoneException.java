package dev.intake.core.imports;

import java.io.IOException;

/**
 * The object version an event names can no longer be read: deleted, or (on an unversioned bucket)
 * replaced by a newer upload. No retry can help; the import ends FAILED with FILE_UNAVAILABLE.
 */
public final class SourceGoneException extends IOException {

    public SourceGoneException(String message, Throwable cause) {
        super(message, cause);
    }
}
