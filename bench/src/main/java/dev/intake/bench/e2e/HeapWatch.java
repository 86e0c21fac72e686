package dev.intake.bench.e2e;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The peak of the live heap during a run: the heap in use right after a garbage collection,
 * highest seen. Live data is what a collection cannot free, so this follows what the import
 * holds, not what it allocates and drops. With {@code everyMillis} > 0 it forces a full
 * collection that often and counts only full collections: after a young one the old
 * generation's garbage is still counted, and a longer run gathers more of it between full ones.
 * Without forcing (the speed runs, where forcing would cost time) it counts every collection: an
 * upper bound. Heap pools only: a collection reports every memory pool, Metaspace and the JIT's
 * code heap among them, which grow with the classes loaded and the methods compiled, not with
 * what the import holds.
 */
final class HeapWatch implements AutoCloseable {

    private final AtomicLong peakAfterGc = new AtomicLong();
    private final Thread forcer;

    HeapWatch(long everyMillis) {
        var heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).toList();
        boolean fullOnly = everyMillis > 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        if (fullOnly && !info.getGcAction().contains("major")) {
                            return;
                        }
                        var after = info.getGcInfo().getMemoryUsageAfterGc();
                        long used = heapPools.stream().filter(after::containsKey).mapToLong(pool -> after.get(pool).getUsed()).sum();
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
