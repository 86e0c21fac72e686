package dev.intake.core.imports;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The errors CSV while an import writes it: a temporary file, compressed, whose bytes are sent
 * uncompressed. The CSV repeats each failing row with its messages, which quote its cells: a
 * file of short rows failing in every cell made one 29 times the file's size, and a file within
 * the default limits filled the function's 512 MB of /tmp, so the import failed with no report
 * at all. The messages repeat, and compress to a few
 * percent; what is left is about the failing rows' own bytes.
 */
public final class FailedRowsSpool implements AutoCloseable {

    private final Path file;
    private long size;
    /** The stream {@link #output} opened, closed again (harmless) by {@link #close}. */
    private OutputStream compressed;
    /** The file's own stream under it: closed by {@link #close} whatever closing the other did. */
    private OutputStream stored;

    private FailedRowsSpool(Path file) {
        this.file = file;
    }

    private static final String PREFIX = "intake-errors-";
    private static final String SUFFIX = ".csv.gz";

    public static FailedRowsSpool create() throws IOException {
        return new FailedRowsSpool(Files.createTempFile(PREFIX, SUFFIX));
    }

    /**
     * Deletes the spools left in {@code folder} by a process killed mid-import (a timeout, an
     * out-of-memory): only the import that made a spool deletes it, and Lambda keeps /tmp when it
     * starts the process again, so each such kill kept one for good, until a large failing file
     * had no room left for its own. Only for a folder no
     * other process spools in: a Lambda execution environment runs one process.
     */
    public static void removeLeftovers(Path folder) {
        try (var leftovers = Files.newDirectoryStream(folder, PREFIX + "*" + SUFFIX)) {
            for (var leftover : leftovers) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException | RuntimeException e) {
            // a leftover that stays costs room in /tmp, not the import at hand
        }
    }

    /** Where the CSV's bytes go; opened once, closed by the writer of the CSV. */
    public OutputStream output() throws IOException {
        stored = Files.newOutputStream(file);
        compressed = new GZIPOutputStream(stored, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED); // a million failing rows: the speed matters more than the last bytes
            }
        };
        return new FilterOutputStream(compressed) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                size++;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
                size += length;
            }
        };
    }

    /** The CSV's length in bytes, once its writer is closed. */
    public long size() {
        return size;
    }

    /** The CSV, uncompressed; each call reads it from the start (a retried upload reads it again). */
    public InputStream open() throws IOException {
        return new GZIPInputStream(Files.newInputStream(file), 1 << 16);
    }

    /** The bytes the spool takes on disk. */
    public long storedBytes() throws IOException {
        return Files.size(file);
    }

    /**
     * Closes the CSV's stream, where its writer did not (an import stopped after rows failed: a
     * deadline, a lost claim, a later upload), and deletes the file. A deleted file still open
     * keeps its space in /tmp until a garbage collection closes it, beside the next attempt's
     * spool in a warm function.
     */
    @Override
    public void close() throws IOException {
        closeQuietly(compressed); // the CSV is thrown away: what finishing it fails to write does not matter
        // and the file's own stream: on JDK 21, Lambda's, a GZIP stream whose finishing fails (a
        // full /tmp) leaves it open
        closeQuietly(stored);
        Files.deleteIfExists(file);
    }

    private static void closeQuietly(OutputStream out) {
        if (out == null) {
            return;
        }
        try {
            out.close(); // a second close does nothing
        } catch (IOException abandoned) {
            // nothing of the spool is kept
        }
    }
}
