package dev.intake.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Locale;

/**
 * S3-style event sequencers that only grow, across runs and across processes sharing a state
 * folder (a serve and the commands using it). On an unversioned bucket an import is identified by
 * bucket + key + eTag + sequencer, so two uploads of the same bytes to the same key must never
 * share a sequencer, or the second would be taken for a duplicate delivery.
 */
final class Sequencer {

    private final Path file;
    private final Clock clock;
    private long last;

    /** {@code file} null keeps the last value in memory only (tests). */
    Sequencer(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    /**
     * The next sequencer: 18 upper-case hex digits shaped like S3's, the upload's second since the
     * epoch and then a count within it, greater than every earlier one. Intake skips an upload
     * whose sequencer is below one already imported for its key (docs/lifecycle.md), so a local
     * upload must order after the sample events' (events/, shaped the same way, from early 2026).
     */
    String next() {
        // Time-based, so values also grow after the state file is wiped; +1 when the clock has not moved.
        var instant = clock.instant();
        long now = (instant.getEpochSecond() << 32) | (instant.getNano() / 1_000);
        // One file lock per JVM at a time (a second one would throw); the file lock orders processes.
        synchronized (Sequencer.class) {
            last = file == null ? later(last + 1, now) : advanceStored(now);
            return String.format(Locale.ROOT, "%018X", last);
        }
    }

    /** Reads the last value another process (or run) stored, stores the next one and returns it, under a file lock. */
    private long advanceStored(long now) {
        try {
            // the emulators make the state folder; with both endpoints given none run here
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the last sequencer in " + file, e);
        }
        try (var channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
             var lock = channel.lock()) {
            var buffer = ByteBuffer.allocate(64);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // read what there is
            }
            long stored = parse(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
            long next = later(later(stored, last) + 1, now);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(next).getBytes(StandardCharsets.UTF_8)), 0);
            return next;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the last sequencer in " + file, e);
        }
    }

    /**
     * The later of two values, compared unsigned: from 2038 the epoch second shifted up 32 bits
     * sets the sign bit, and a signed comparison put every later value below the earlier ones
     *. The hex form ({@code %X}) is unsigned already.
     */
    private static long later(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0 ? a : b;
    }

    private static long parse(String text) {
        try {
            return text.isBlank() ? 0 : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
