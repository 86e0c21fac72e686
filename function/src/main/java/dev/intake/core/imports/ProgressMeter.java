package dev.intake.core.imports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Turns an import's per-row counts into a progress report every {@link ProgressListener#interval()}.
 * Called per row, so it does no more than read the clock until a report is due. The total is what
 * the scan (the first pass) counted; rates are over the current phase. An undo counts items (the
 * ids it created, the items it journaled) instead. No lock: the passes call it from the import's
 * thread, and the undo from the store's threads one call at a time ({@code UndoProgress}), after
 * the passes and before the import goes on.
 */
final class ProgressMeter {

    private final ImportTicket ticket;
    private final ProgressListener listener;
    private final Clock clock;
    private final Instant started;
    private ImportProgress.Phase phase;
    private Instant phaseStarted;
    private Instant lastReport;
    private long rowsTotal;

    ProgressMeter(ImportTicket ticket, ProgressListener listener, Clock clock) {
        this.ticket = ticket;
        this.listener = listener;
        this.clock = clock;
        this.started = clock.instant();
        this.lastReport = started;
    }

    /** The rows the scan (the first pass) has read: the file's data rows once it has read them all. */
    long rowsScanned() {
        return rowsTotal;
    }

    void rowsDone(ImportProgress.Phase current, long rowsDone) {
        if (current == ImportProgress.Phase.SCANNING) {
            rowsTotal = Math.max(rowsTotal, rowsDone);
        }
        report(current, rowsDone, current == ImportProgress.Phase.SCANNING ? 0 : rowsTotal);
    }

    /** An undo's progress: items rather than rows, from the store's threads. */
    void undone(long items, long of) {
        report(ImportProgress.Phase.ROLLING_BACK, items, of);
    }

    private void report(ImportProgress.Phase current, long done, long total) {
        var now = clock.instant();
        // a phase's clock starts with its first row: a Purchase Orders file's validation reports
        // 0 rows while it reads the stored POs, and its rate must not count that time
        if (current != phase || done == 0) {
            phase = current;
            phaseStarted = now;
        }
        if (Duration.between(lastReport, now).compareTo(listener.interval()) < 0) {
            return;
        }
        lastReport = now;
        var phaseMillis = Duration.between(phaseStarted, now).toMillis();
        // due on a phase's first row, it has measured no rate: 0 (it used to claim 1,000 rows/s)
        var rate = phaseMillis == 0 ? 0 : done * 1000.0 / phaseMillis;
        listener.progress(new ImportProgress(ticket.importId(), ticket.org(), ticket.importer(), ticket.source().key(),
                current, done, total, rate, Duration.between(started, now)));
    }
}
