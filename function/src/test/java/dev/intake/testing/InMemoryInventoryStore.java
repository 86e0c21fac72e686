package dev.intake.testing;

import dev.intake.core.catalog.PartRef;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.InventoryStore;
import dev.intake.core.inventory.JournalEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** An {@link InventoryStore} held in maps, one per org. It can be told to fail a given write call. */
public final class InMemoryInventoryStore implements InventoryStore {

    /** Stands for the function dying mid-write (timeout, crash): not caught, so no lease is released. */
    public static final class Crash extends Error {
        public Crash() {
            super("simulated crash");
        }
    }

    /** One {@link #putAll} call as the store received it. */
    public record Write(String org, List<InventoryRecord> records, String importId) {}

    private final Map<String, Map<Long, InventoryRecord>> byOrg = new HashMap<>();
    private final List<Write> writes = new ArrayList<>();
    private int failingWrite = -1;
    private Supplier<? extends Throwable> failure;

    public InMemoryInventoryStore seed(String org, InventoryRecord... records) {
        for (var record : records) {
            org(org).put(record.id(), record);
        }
        return this;
    }

    /**
     * Makes the {@code n}-th putAll call from now (1-based) throw before writing anything: a
     * RuntimeException for a failure the caller sees, an Error to stand for a crash or timeout.
     */
    public void failWrite(int n, Supplier<? extends Throwable> failure) {
        this.failingWrite = writes.size() + n;
        this.failure = failure;
    }

    /** The org's records, ordered by id. */
    public Map<Long, InventoryRecord> records(String org) {
        return new TreeMap<>(org(org));
    }

    public InventoryRecord get(String org, long id) {
        return org(org).get(id);
    }

    /** The putAll calls that succeeded, in order. */
    public List<Write> writes() {
        return List.copyOf(writes);
    }

    @Override
    public Map<Long, InventoryRecord> findByIds(String org, Collection<Long> ids) {
        var found = new HashMap<Long, InventoryRecord>();
        ids.forEach(id -> {
            var record = org(org).get(id);
            if (record != null) {
                found.put(id, record);
            }
        });
        return found;
    }

    @Override
    public Map<PartRef, Map<String, Long>> serialsByPart(String org, Collection<PartRef> parts) {
        var serials = new HashMap<PartRef, Map<String, Long>>();
        for (var record : org(org).values()) {
            if (record.serialNumber() != null && parts.contains(record.part())) {
                serials.computeIfAbsent(record.part(), p -> new HashMap<>()).put(record.serialNumber(), record.id());
            }
        }
        return serials;
    }

    @Override
    public List<InventoryRecord> installedIn(String org, long parentId) {
        return org(org).values().stream()
                .filter(r -> r.installedIn() != null && r.installedIn() == parentId)
                .toList();
    }

    @Override
    public void deleteAll(String org, Collection<Long> ids) {
        ids.forEach(org(org)::remove);
    }

    @Override
    public void putAll(String org, Collection<InventoryRecord> records, String importId) {
        if (writes.size() + 1 == failingWrite) {
            failingWrite = -1;
            switch (failure.get()) {
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                case Throwable t -> throw new IllegalStateException(t);
            }
        }
        writes.add(new Write(org, List.copyOf(records), importId));
        records.forEach(record -> org(org).put(record.id(), record));
    }

    /** Puts journaled records back and removes created ones (ownership is not modelled here). */
    @Override
    public void restore(String org, List<JournalEntry> journal, String importId) {
        for (var entry : journal) {
            if (entry.before() == null) {
                org(org).remove(entry.id());
            } else {
                org(org).put(entry.id(), entry.before());
            }
        }
    }

    private Map<Long, InventoryRecord> org(String org) {
        return byOrg.computeIfAbsent(org, o -> new HashMap<>());
    }
}
