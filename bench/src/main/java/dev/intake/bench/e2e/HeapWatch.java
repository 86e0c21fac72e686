package dev.intake.bench.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The peak of the live heap during a run: the heap in use right after each garbage collection,
 * highest seen. Live data is what a collection cannot free, so this follows what the import
 * holds, not what it allocates and drops. With {@code everyMillis} > 0 it also forces a full
 * collection that often (a few per run), so the old generation's garbage does not hide the live
 * set; that costs time, so the speed runs leave it off.
 */
final class HeapWatch implements AutoCloseable {

    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Thread forcer;

    HeapWatch(long everyMillis) {
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream().mapToLong(u -> u.getUsed()).sum();
                        peakAfterGc.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
        forcer = everyMillis <= 0 ? null : Thread.ofPlatform().daemon().start(() -> {
            try {
                while (true) {
                    Thread.sleep(everyMillis);
                    System.gc();
                }
            } catch (InterruptedException stopped) {
                // run over
            }
        });
    }

    /** The highest live heap seen, in MB. */
    double peakMegabytes() {
        return peakAfterGc.get() / (1024.0 * 1024.0);
    }

    @Override
    public void close() {
        if (forcer != null) {
            forcer.interrupt();
        }
    }
}
