package dev.intake.core.inventory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Lookups by key that run while the scan goes on: keys gather into batches, each batch is looked
 * up on the executor, and a few batches are out at once (the scan waits when all are). The scan
 * reads the file while DynamoDB answers, instead of reading it first and then waiting.
 *
 * @param <K> the key looked up
 */
final class BackgroundLookups<K> {

    private final int batchSize;
    private final int inFlight;
    private final Executor executor;
    private final Consumer<List<K>> lookup;
    private final Semaphore slots;
    private Set<K> batch = new LinkedHashSet<>();
    /** The first lookup that failed: a later failure may only follow from it. */
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

    /** {@code lookup} runs on the executor, one batch at a time per call, and keeps what it finds. */
    BackgroundLookups(int batchSize, int inFlight, Executor executor, Consumer<List<K>> lookup) {
        this.batchSize = batchSize;
        this.inFlight = inFlight;
        this.executor = executor;
        this.lookup = lookup;
        this.slots = new Semaphore(inFlight);
    }

    void add(K key) {
        batch.add(key);
        if (batch.size() == batchSize) {
            send();
        }
    }

    /**
     * Sends what is left and waits for every lookup, so none runs on after the import.
     *
     * @throws RuntimeException the first failed lookup's
     */
    void finish() {
        send();
        awaitLookupsOut();
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    /**
     * For an import that ends without using what was found (a refused file, a failed read): drops
     * the keys not yet sent and waits for the lookups out, so none runs on after the import; their
     * failures do not matter then. Harmless after {@link #finish}.
     */
    void stop() {
        batch = new LinkedHashSet<>();
        awaitLookupsOut();
    }

    /** Every slot free means no lookup is out. */
    private void awaitLookupsOut() {
        slots.acquireUninterruptibly(inFlight);
        slots.release(inFlight);
    }

    private void send() {
        if (batch.isEmpty()) {
            return;
        }
        var keys = new ArrayList<>(batch);
        batch = new LinkedHashSet<>();
        slots.acquireUninterruptibly();
        try {
            executor.execute(() -> {
                try {
                    lookup.accept(keys);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
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
