package dev.intake.core.imports;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Port: the exact object version an import reads. It can be opened more than once (importers
 * stream a file in several passes instead of holding it in memory); every open returns the same
 * bytes or fails.
 */
public interface ImportFile {

    /**
     * Opens the object version for one pass.
     *
     * @throws SourceGoneException when that version no longer exists or was replaced
     * @throws IOException when the read fails in a way a retry may fix
     */
    InputStream open() throws IOException;

    /**
     * The version of the same key that this one replaced, where the bucket keeps versions: what a
     * copy of the object onto its own key copied. Empty where there is none (or it was deleted),
     * or the bucket keeps no versions (or the file is no S3 object).
     */
    default Optional<String> versionBefore() {
        return Optional.empty();
    }
}
