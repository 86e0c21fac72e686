package dev.intake.core.imports;

import java.io.IOException;
import java.io.InputStream;

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
}
