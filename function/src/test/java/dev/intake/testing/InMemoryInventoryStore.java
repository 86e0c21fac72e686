package dev.intake.testing;

import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.InventoryStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * An {@link InventoryStore} held in maps, one per org. {@link InMemoryCommitStore} writes to it;
 * it can be told to fail a given write call. Records are held with their storage stamp (version,
 * last writer), which the importer reads with them; tests inspect the records ({@link #get},
 * {@link #records}).
 */
public final class InMemoryInventoryStore implements InventoryStore {

    /** Stands for the function dying mid-write (timeout, crash): not caught, so no lease is released. */
    public static final class Crash extends Error {
        public Crash() {
            super("simulated crash");
        }
    }

    /** One write call that touched inventory, as the store received it. */
    public record Write(String org, List<InventoryRecord> records, String importId) {}

    private final Map<String, Map<Long, Stamped<InventoryRecord>>> byOrg = new HashMap<>();
    private final InMemorySerials serials = new InMemorySerials();
    private final List<Write> writes = new ArrayList<>();
    private long idsAsked;
    private int failingWrite = -1;
    private Supplier<? extends Throwable> failure;
    private int actionWrite = -1;
    private Runnable action;

    /** Stores records as if an earlier import had written them, their serials claimed. */
    public InMemoryInventoryStore seed(String org, InventoryRecord... records) {
        for (var record : records) {
            org(org).put(record.id(), new Stamped<>(record, TestStamp.SEEDED));
        }
        serials.seed(org, records);
        return this;
    }

    /** The serial claims of this inventory. */
    public InMemorySerials serials() {
        return serials;
    }

    /**
     * Makes the {@code n}-th write call from now (1-based) throw before writing anything: a
     * RuntimeException for a failure the caller sees, an Error to stand for a crash or timeout.
     */
    public synchronized void failWrite(int n, Supplier<? extends Throwable> failure) {
        this.failingWrite = writes.size() + n;
        this.failure = failure;
    }

    /** Runs {@code action} just before the {@code n}-th write call from now (1-based), e.g. another import's change. */
    public synchronized void whenWriting(int n, Runnable action) {
        this.actionWrite = writes.size() + n;
        this.action = action;
    }

    /** Another import changes record {@code id} behind this one's back: one more of its quantity, a new version. */
    public synchronized void changedByAnotherImport(String org, long id) {
        var read = org(org).get(id);
        var record = read.item();
        var changed = record.withQuantities(record.quantities().withQuantity(record.quantity().add(java.math.BigDecimal.ONE)));
        org(org).put(id, new Stamped<>(changed, new TestStamp(TestStamp.versionOf(read.stamp()) + 1, "another-import")));
    }

    /** The org's records, ordered by id. */
    public synchronized Map<Long, InventoryRecord> records(String org) {
        var records = new TreeMap<Long, InventoryRecord>();
        org(org).forEach((id, read) -> records.put(id, read.item()));
        return records;
    }

    /** A record, or null. */
    public synchronized InventoryRecord get(String org, long id) {
        var read = org(org).get(id);
        return read == null ? null : read.item();
    }

    /** A record as stored, with its stamp (version and last writer), or null. */
    public synchronized Stamped<InventoryRecord> stamped(String org, long id) {
        return org(org).get(id);
    }

    /** The write calls that succeeded, in order. */
    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    /** How many ids {@link #findByIds} was asked for, in all. */
    public synchronized long idsAsked() {
        return idsAsked;
    }

    @Override
    public synchronized Map<Long, Stamped<InventoryRecord>> findByIds(String org, Collection<Long> ids) {
        idsAsked += ids.size();
        var found = new HashMap<Long, Stamped<InventoryRecord>>();
        ids.forEach(id -> {
            var record = org(org).get(id);
            if (record != null) {
                found.put(id, record);
            }
        });
        return found;
    }

    @Override
    public synchronized List<Long> idsInstalledIn(String org, long parentId) {
        return org(org).values().stream()
                .map(Stamped::item)
                .filter(record -> record.installedIn() != null && record.installedIn() == parentId)
                .map(InventoryRecord::id)
                .toList();
    }

    @Override
    public synchronized Map<Long, List<Long>> installedIds(String org) {
        var installed = new HashMap<Long, List<Long>>();
        org(org).values().stream().map(Stamped::item).filter(record -> record.installedIn() != null)
                .forEach(record -> installed.computeIfAbsent(record.installedIn(), parent -> new ArrayList<>()).add(record.id()));
        return installed;
    }

    /** A write call: fails when told to, else records it. The caller applies it. */
    /** Runs the action {@link #whenWriting} set, when this call is its write. */
    synchronized void beforeCall() {
        if (writes.size() + 1 == actionWrite) {
            actionWrite = -1;
            action.run();
        }
    }

    synchronized void beforeWrite(String org, List<InventoryRecord> records, String importId) {
        if (writes.size() + 1 == failingWrite) {
            failingWrite = -1;
            switch (failure.get()) {
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                case Throwable t -> throw new IllegalStateException(t);
            }
        }
        writes.add(new Write(org, List.copyOf(records), importId));
    }

    synchronized void put(String org, Stamped<InventoryRecord> read) {
        org(org).put(read.item().id(), read);
    }

    synchronized void remove(String org, long id) {
        org(org).remove(id);
    }

    private Map<Long, Stamped<InventoryRecord>> org(String org) {
        return byOrg.computeIfAbsent(org, o -> new HashMap<>());
    }
}
