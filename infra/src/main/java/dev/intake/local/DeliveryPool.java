package dev.intake.local;

import java.util.ArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Where serve runs its imports: at most {@link #AT_ONCE} at once, the others waiting in the order
 * they came, as Lambda holds asynchronous events while a function is at its concurrency. Each
 * upload had its own thread, with no limit, until 6 December 2026: a burst of 300 small files
 * made every report take 16 to 33 s instead of one. Closing lets the imports
 * under way finish and leaves those not begun to the next serve, which imports every upload
 * without a report as it starts.
 */
final class DeliveryPool {

    /**
     * Two imports a core of this project's 2-core machines: an import waits on its emulators about
     * as long as it computes. More only makes each report later.
     */
    static final int AT_ONCE = 4;

    private final ThreadPoolExecutor threads;

    DeliveryPool() {
        this.threads = new ThreadPoolExecutor(AT_ONCE, AT_ONCE, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("intake-serve-import-", 1).factory());
    }

    /** Runs {@code delivery} now if fewer than {@link #AT_ONCE} run, or once one has finished. */
    void deliver(Runnable delivery) {
        threads.execute(delivery);
    }

    /** Takes back the deliveries not begun, and takes no more: returns how many it took back. */
    int dropWaiting() {
        var notBegun = new ArrayList<Runnable>();
        threads.getQueue().drainTo(notBegun);
        threads.shutdown();
        return notBegun.size();
    }

    /** Waits until the deliveries under way have finished, or {@code minutes} have passed. */
    void awaitUnderWay(long minutes) throws InterruptedException {
        threads.awaitTermination(minutes, TimeUnit.MINUTES);
    }
}
