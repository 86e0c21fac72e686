package dev.intake.local;

import dev.intake.core.imports.ImportProgress;
import dev.intake.core.imports.ProgressListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows how a long import is getting on, on stderr: rows read, validated and written, and the
 * rate. On a terminal one line is rewritten in place every second and wiped when the import ends
 * (the report follows on stdout); elsewhere (a log, CI) a plain line is printed every two seconds.
 * A short import shows nothing: the first line comes after one interval.
 */
final class ProgressLine implements ProgressListener {

    static final Duration TERMINAL_INTERVAL = Duration.ofSeconds(1);
    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(2);
    /** Carriage return, then "erase to the end of the line" (ANSI): the line is rewritten, not added to. */
    private static final String REWRITE = "\r\u001b[K";

    private final PrintStream err;
    private final boolean terminal;
    private final Duration interval;
    private boolean showing;

    ProgressLine(PrintStream err, boolean terminal, Duration interval) {
        this.err = err;
        this.terminal = terminal;
        this.interval = interval;
    }

    ProgressLine(PrintStream err, boolean terminal) {
        this(err, terminal, terminal ? TERMINAL_INTERVAL : PLAIN_INTERVAL);
    }

    /** For --quiet: an interval no import reaches, so nothing is ever printed. */
    static ProgressLine silent() {
        return new ProgressLine(new PrintStream(java.io.OutputStream.nullOutputStream()), false, Duration.ofDays(365));
    }

    @Override
    public Duration interval() {
        return interval;
    }

    @Override
    public synchronized void progress(ImportProgress progress) {
        if (terminal) {
            err.print(REWRITE + text(progress));
            showing = true;
        } else {
            err.println(text(progress));
        }
        err.flush();
    }

    /** The import has ended: wipe the rewritten line, so what follows starts on a clean line. */
    synchronized void done() {
        if (showing) {
            err.print(REWRITE);
            err.flush();
            showing = false;
        }
    }

    /** e.g. {@code acme/part-inventory/big.csv: read 100,000 rows, validated 45,120, written 0 (22,010 rows/s, 6 s)}. */
    static String text(ImportProgress progress) {
        long done = progress.rowsDone();
        long total = progress.rowsTotal();
        var counts = switch (progress.phase()) {
            case SCANNING -> "read " + number(done) + (done == 1 ? " row" : " rows");
            case VALIDATING -> "read " + number(total) + " rows, validated " + number(done) + ", written 0";
            case PREVIEWING -> "read " + number(total) + " rows, validated " + number(total) + ", previewed " + number(done);
            case COMMITTING -> "read " + number(total) + " rows, validated " + number(total) + ", written " + number(done);
            case ROLLING_BACK -> "rolling back: " + number(done) + " of " + number(total) + " items undone";
            // none read: it waits before reading (the key's earlier upload is being written: review "own51")
            case WAITING -> (total == 0 ? "" : "read " + number(total) + " rows, validated; ")
                    + "waiting for an earlier upload of this key to finish";
        };
        // an undo counts items (the ids it created, the items it journaled), not rows
        var unit = progress.phase() == ImportProgress.Phase.ROLLING_BACK ? " items/s, " : " rows/s, ";
        var rate = progress.rowsPerSecond() > 0 ? number(Math.round(progress.rowsPerSecond())) + unit : ""; // none measured yet
        return TerminalText.shown(progress.key()) + ": " + counts + " (" + rate + progress.elapsed().toSeconds() + " s)";
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
