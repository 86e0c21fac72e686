package dev.intake.core.inventory;

import dev.intake.core.commit.Stamped;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * What the scan learns about the serial numbers a file gives: which of them a stored record holds
 * already (looked up by key, a batch at a time, in parallel with the reading), and which the file
 * may give more than once. It keeps only those two small sets, never every serial of the file, so
 * a million created rows cost the validation no more memory than a few thousand.
 */
final class SerialSightings {

    /** Lookups out at once: enough to keep up with the reading, few enough to stay polite. */
    private static final int IN_FLIGHT = 16;

    private final SerialRegistry registry;
    private final String org;
    private final Executor executor;
    private final Semaphore slots = new Semaphore(IN_FLIGHT);
    private final RepeatFilter seen = new RepeatFilter();
    private final Set<SerialKey> maybeRepeated = new HashSet<>();
    private final Map<SerialKey, Long> storedHolders = new ConcurrentHashMap<>();
    private Set<SerialKey> batch = new LinkedHashSet<>();
    private volatile RuntimeException failure;

    SerialSightings(SerialRegistry registry, String org, Executor executor) {
        this.registry = registry;
        this.org = org;
        this.executor = executor;
    }

    /** Notes that a row gives {@code key}. */
    void sight(SerialKey key) {
        if (seen.addAndCheck(key.partNumber() + '\u0000' + key.serialNumber())) {
            maybeRepeated.add(key);
        }
        batch.add(key);
        if (batch.size() == SerialRegistry.LOOKUP_UNIT) {
            lookUp();
        }
    }

    /** Notes the serials update rows give, now that their records (and so their parts) are loaded. */
    void sightUpdates(java.util.List<InventoryScan.UpdateSerial> serials, Map<Long, Stamped<InventoryRecord>> records) {
        for (var serial : serials) {
            var read = records.get(serial.id());
            if (read != null) {
                sight(new SerialKey(read.item().part().partNumber(), serial.serial()));
            }
        }
    }

    /** Waits for the last lookups and hands validation what it needs. */
    SerialBook book() {
        lookUp();
        slots.acquireUninterruptibly(IN_FLIGHT);
        slots.release(IN_FLIGHT);
        if (failure != null) {
            throw failure;
        }
        return new SerialBook(storedHolders, maybeRepeated);
    }

    private void lookUp() {
        if (batch.isEmpty()) {
            return;
        }
        var keys = new ArrayList<>(batch);
        batch = new LinkedHashSet<>();
        slots.acquireUninterruptibly();
        try {
            executor.execute(() -> {
                try {
                    storedHolders.putAll(registry.holders(org, keys));
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    slots.release();
                }
            });
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }
}
