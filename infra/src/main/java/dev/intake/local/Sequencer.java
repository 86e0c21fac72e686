package dev.intake.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * S3-style event sequencers that only grow, across runs. On an unversioned bucket an import is
 * identified by bucket + key + eTag + sequencer, so two uploads of the same bytes to the same key
 * must never share a sequencer, or the second would be taken for a duplicate delivery.
 */
final class Sequencer {

    private final Path file;
    private final Clock clock;
    private long last;

    /** {@code file} null keeps the last value in memory only (tests). */
    Sequencer(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
        this.last = file == null ? 0 : read(file);
    }

    /** The next sequencer: 18 upper-case hex digits, like S3's, greater than every earlier one. */
    synchronized String next() {
        // Time-based, so values also grow after the state file is wiped; +1 when the clock has not moved.
        long now = ChronoUnit.MICROS.between(java.time.Instant.EPOCH, clock.instant());
        last = Math.max(last + 1, now);
        if (file != null) {
            try {
                Files.writeString(file, Long.toString(last), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot record the last sequencer in " + file, e);
            }
        }
        return String.format(Locale.ROOT, "%018X", last);
    }

    private static long read(Path file) {
        try {
            return Files.isRegularFile(file) ? Long.parseLong(Files.readString(file, StandardCharsets.UTF_8).trim()) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }
}
