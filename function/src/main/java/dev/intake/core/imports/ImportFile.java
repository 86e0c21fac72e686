package dev.intake.core.imports;

import java.io.IOException;
import java.io.InputStream;

/**
 * Port: the exact object version an import reads. It can be opened more than once (importers
 * stream a file in several passes instead of holding it in memory); every open returns the same
 * bytes or fails.
 */
public interface ImportFile {

    InputStream open() throws IOException;
}
