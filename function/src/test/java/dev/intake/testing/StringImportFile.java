package dev.intake.testing;

import dev.intake.core.imports.ImportFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** An {@link ImportFile} over fixed bytes; counts how often it was opened. */
public final class StringImportFile implements ImportFile {

    private final byte[] bytes;
    private int opens;

    public StringImportFile(String csv) {
        this.bytes = csv.getBytes(StandardCharsets.UTF_8);
    }

    public long size() {
        return bytes.length;
    }

    public int opens() {
        return opens;
    }

    @Override
    public InputStream open() {
        opens++;
        return new ByteArrayInputStream(bytes);
    }
}
