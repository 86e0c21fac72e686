package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.commit.CommitStore.Scope;
import dev.intake.core.commit.CommitStore.UndoProgress;
import dev.intake.core.commit.CreatedRange;
import dev.intake.core.commit.InParallel;
import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.Stored;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import dev.intake.core.purchasing.NumberClaim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Executor;
import java.util.stream.LongStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The undo of an import on DynamoDB ({@link DynamoCommitStore#undo}, docs/lifecycle.md): every
 * change goes back only where this import is still the item's last writer, and the claims last,
 * each to the record or PO that holds its serial or number once the rest is undone, so that no
 * two records end with one serial and no record with a serial nobody has claimed. Safe to repeat:
 * a crash halfway is finished by running it again.
 */
final class DynamoUndo {

    /** Requests an undo keeps out at once. */
    private static final int IN_FLIGHT = 16;

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    private final StoredItems items;
    private final StoredItems.CommitTables tables;
    private final DeleteTraces traces;
    private final Executor executor;

    DynamoUndo(DynamoDbClient dynamo, DynamoBatches batches, StoredItems.CommitTables tables, DeleteTraces traces,
               Executor executor) {
        this.dynamo = dynamo;
        this.batches = batches;
        this.items = new StoredItems(tables);
        this.tables = tables;
        this.traces = traces;
        this.executor = executor;
    }

    /**
     * What the import created goes first (its records' serials are then free to give back); then
     * every journaled item goes back to its earliest before-state (a resumed attempt journals
     * again), a record whose serial the import gave up only with that serial's claim; then the
     * serial claims and PO numbers are settled by what holds them.
     */
    void run(Scope scope, List<JournalEntry> journal, List<CreatedRange> created, UndoProgress progress) {
        var earliest = new LinkedHashMap<String, JournalEntry>();
        journal.forEach(entry -> earliest.putIfAbsent(entry.item().identity(), entry));
        var tally = new Tally(progress, created.stream().mapToLong(CreatedRange::count).sum() + earliest.size());
        inParallel(createdRemovals(scope, created, tally));
        var deletedHere = deletedHere(scope, journal);
        var gaveUp = new HashMap<Long, SerialKey>();
        var serials = new LinkedHashMap<SerialKey, TreeSet<Long>>();
        var numbers = new ArrayList<JournalEntry>();
        for (var entry : journal) {
            if (entry.item() instanceof SerialClaim claim) {
                serials.computeIfAbsent(claim.key(), key -> new TreeSet<>()).add(claim.id());
                if (entry.existed() && earliest.get(entry.item().identity()) == entry) {
                    gaveUp.putIfAbsent(claim.id(), claim.key());
                }
            }
        }
        var restores = new ArrayList<Runnable>();
        var withSerials = new ArrayList<SerialRestore>();
        for (var entry : earliest.values()) {
            boolean evenIfGone = deletedHere.contains(entry.item().identity());
            switch (entry.item()) {
                case SerialClaim claim -> { } // settled below
                case NumberClaim claim -> numbers.add(entry);
                case InventoryRecord record when entry.existed() && gaveUp.containsKey(record.id()) ->
                        withSerials.add(new SerialRestore(entry, gaveUp.get(record.id()), evenIfGone));
                default -> restores.add(() -> {
                    restore(scope, entry, evenIfGone);
                    tally.add(1);
                });
            }
        }
        inParallel(restores);
        restoreWithTheirSerials(scope, withSerials, serials);
        tally.add(withSerials.size());
        inParallel(serials.entrySet().stream().<Runnable>map(held -> () -> settleSerial(scope, held.getKey(), held.getValue())).toList());
        tally.add(earliest.values().stream().filter(entry -> entry.item() instanceof SerialClaim).count());
        restoreNumberClaims(scope, numbers, deletedHere);
        tally.add(numbers.size());
    }

    /** The undo's count of items undone, told to its progress one call at a time. */
    private static final class Tally {
        private final UndoProgress progress;
        private final long of;
        private long done;

        Tally(UndoProgress progress, long of) {
            this.progress = progress;
            this.of = of;
            progress.undone(0, of);
        }

        synchronized void add(long items) {
            done += items;
            progress.undone(done, of);
        }
    }

    /**
     * The journal's items that the undo may find gone because this import deleted them: those
     * whose last entry is not read-only ({@link JournalEntry#mayBeGone}), less the traced deletes
     * that left no trace: they never landed, and where such an item is gone another import
     * deleted it (found by review: a delete journaled by an attempt that died before sending it).
     */
    private Set<String> deletedHere(Scope scope, List<JournalEntry> journal) {
        var mayBeGone = new HashSet<>(JournalEntry.mayBeGone(journal));
        var tracedWithoutTrace = JournalEntry.tracedDeletes(journal);
        if (!tracedWithoutTrace.isEmpty()) {
            tracedWithoutTrace.removeAll(traces.found(batches, scope.importId(), tracedWithoutTrace));
            mayBeGone.removeAll(tracedWithoutTrace);
        }
        return mayBeGone;
    }

    /** A record whose serial the import gave up, its before-state, and whether the import deleted it. */
    private record SerialRestore(JournalEntry entry, SerialKey serial, boolean evenIfGone) {
        long id() {
            return ((InventoryRecord) entry.item()).id();
        }
    }

    /**
     * Gives the records their serials back, each with its claim, in rounds: a serial this import
     * gave to another record is free only once that record's undo has taken it away, and the
     * claim left on it is settled (a chain: 1003 gave its serial to 1012, which gave its own to a
     * third). A record whose serial another import holds, or that no round frees, keeps the
     * serial it has ({@link #keepTheSerialItHas}).
     */
    private void restoreWithTheirSerials(Scope scope, List<SerialRestore> records, Map<SerialKey, TreeSet<Long>> named) {
        var pending = attempt(scope, records);
        while (!pending.isEmpty()) {
            inParallel(pending.stream().<Runnable>map(r -> () -> settleSerial(scope, r.serial(), named.get(r.serial()))).toList());
            var still = attempt(scope, pending);
            boolean progress = still.size() < pending.size();
            pending = still;
            if (!progress) {
                break;
            }
        }
        inParallel(pending.stream().<Runnable>map(r -> () -> keepTheSerialItHas(scope, r)).toList());
    }

    /** Tries each; returns those whose serial this import's own claim holds for another record. */
    private List<SerialRestore> attempt(Scope scope, List<SerialRestore> records) {
        var heldHere = new java.util.concurrent.ConcurrentLinkedQueue<SerialRestore>();
        inParallel(records.stream().<Runnable>map(r -> () -> {
            if (!restoreWithItsSerial(scope, r)) {
                heldHere.add(r);
            }
        }).toList());
        return List.copyOf(heldHere);
    }

    /**
     * Puts a before-state back where this import is the item's last writer, or, {@code evenIfGone},
     * where the item is gone (this import deleted it); deletes an item it inserted.
     */
    private void restore(Scope scope, JournalEntry entry, boolean evenIfGone) {
        put(scope, entry, StoredItems.asRead(scope.org(), entry.state()), evenIfGone);
    }

    private void put(Scope scope, JournalEntry entry, Map<String, AttributeValue> before, boolean evenIfGone) {
        var stored = entry.item();
        if (!entry.existed()) {
            deleteIfMine(scope, items.table(stored), StoredItems.key(scope.org(), stored));
            return;
        }
        var mineStill = IfStillMine.of(scope, stored, evenIfGone);
        // one written by another import since keeps their state
        ConditionalWrite.applied(() -> dynamo.putItem(b -> b.tableName(items.table(stored)).item(before)
                .overrideConfiguration(LeaseCheck.fenced(scope))
                .conditionExpression(mineStill.condition())
                .expressionAttributeNames(mineStill.names()).expressionAttributeValues(mineStill.values())));
    }

    /**
     * A record whose serial this import gave up gets it back only with its claim. Where another
     * import's claim holds that serial now, the record keeps the serial it has and the rest goes
     * back (docs/lifecycle.md, "One limit of the undo"). Returns false, doing nothing, where this
     * undo may yet free the serial ({@link #mayBeFreedHere}): a later round tries again.
     */
    private boolean restoreWithItsSerial(Scope scope, SerialRestore r) {
        var reasons = restoreWithClaim(scope, r);
        if (reasons.isEmpty() || !DynamoBatches.failedCondition(reasons, 0)) {
            return true; // back with its claim, or another import wrote the record since: theirs stands
        }
        var claim = SerialItems.heldOrNull(batches.itemAsStored(tables.serials(), SerialItems.key(scope.org(), r.serial())));
        if (claim != null && mayBeFreedHere(scope, claim, r.serial())) {
            return false;
        }
        keepTheSerialItHas(scope, r);
        return true;
    }

    /**
     * The record's before-state and its serial's claim in one transaction: the claim where it is
     * free or the record's, the record where this import wrote it last (or, {@code evenIfGone},
     * where it is gone). Two calls let another import's undo delete the claim in between, and
     * the record came back holding the serial unclaimed.
     */
    private List<CancellationReason> restoreWithClaim(Scope scope, SerialRestore r) {
        var claim = TransactWriteItem.builder().put(p -> p.tableName(tables.serials())
                .item(SerialItems.toItem(scope.org(), new SerialClaim(r.serial(), r.id()), null))
                .conditionExpression("attribute_not_exists(id) OR id = :id") // free (absent or a trace), or the record's
                .expressionAttributeValues(Map.of(":id", n(r.id())))).build();
        return batches.transact(scope.fence(), List.of(claim, back(scope, r.entry(), r.evenIfGone())), cancelled -> { });
    }

    /**
     * Whether this undo may yet free the serial a claim holds: the claim is this import's, or
     * its record is this import's own write (its undo changes it), or gone, or holds another
     * serial now (the claim is settled in the next round). A claim written by another import's
     * undo, on a record that this import wrote, was taken for another import's, and the record
     * whose serial this import had moved there kept the one this import gave it.
     */
    private boolean mayBeFreedHere(Scope scope, Map<String, AttributeValue> claim, SerialKey serial) {
        if (scope.importId().equals(str(claim, "importId"))) {
            return true;
        }
        var holder = inventoryRecord(scope, longValue(claim, "id"));
        return holder == null || scope.importId().equals(str(holder, "importId")) || !InventoryItems.holds(holder, serial);
    }

    /**
     * The limit of the undo: the record goes back with the serial it has now, or, where this
     * import deleted it, without a serial; only while this import is its last writer.
     */
    private void keepTheSerialItHas(Scope scope, SerialRestore r) {
        var record = (InventoryRecord) r.entry().item();
        var now = inventoryRecord(scope, r.id());
        if (now == null && !r.evenIfGone() || now != null && !scope.importId().equals(str(now, "importId"))) {
            return; // another import wrote it since, or deleted it: it keeps their state
        }
        var serial = now == null ? null : InventoryItems.fromItem(now).serialNumber();
        var kept = record.withTracking(record.tracking().withSerialNumber(serial));
        put(scope, r.entry(), StoredItems.asRead(scope.org(), new Stamped<>(kept, r.entry().state().stamp())), r.evenIfGone());
    }

    /**
     * Once the records are back: a claim on {@code serial} stays only with a record that holds it,
     * and one of {@code records} (the records this import's claims on it named) that holds it
     * without a claim gets one. A claim is given up only as read: another import that takes it
     * for the same record meanwhile writes its own id on it, and keeps it.
     */
    private void settleSerial(Scope scope, SerialKey serial, TreeSet<Long> records) {
        var key = SerialItems.key(scope.org(), serial);
        var claim = SerialItems.heldOrNull(batches.itemAsStored(tables.serials(), key)); // a trace holds nothing
        if (claim != null && holds(scope, longValue(claim, "id"), serial)) {
            return;
        }
        var holder = records.stream().filter(id -> holds(scope, id, serial)).findFirst();
        if (holder.isPresent()) {
            claimForItsHolder(scope, serial, holder.get(), claim);
        } else if (claim != null) {
            // As read, and while its record still does not hold the serial: another import's undo
            // may put back an identical claim and then the record. A failed
            // condition: another import took it, or its record got it back; it stays.
            var asRead = ClaimAsRead.of(claim);
            var delete = TransactWriteItem.builder().delete(d -> d.tableName(tables.serials()).key(key)
                    .conditionExpression(asRead.condition()).expressionAttributeValues(asRead.values())).build();
            var stale = new SerialClaim(serial, longValue(claim, "id"));
            var notHeld = SerialItems.notHeldByItsRecord(tables.inventory(), scope.org(), stale);
            batches.transact(scope.fence(), List.of(delete, notHeld), c -> { });
        }
    }

    /**
     * The condition on putting a before-state back: this import wrote the item last, or,
     * {@code evenIfGone} (this import deleted it), it is gone.
     */
    private record IfStillMine(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
        static IfStillMine of(Scope scope, Stored stored, boolean evenIfGone) {
            var mine = Map.of(":me", s(scope.importId()));
            return evenIfGone
                    ? new IfStillMine("attribute_not_exists(#pk) OR importId = :me",
                            Map.of("#pk", StoredItems.partitionAttribute(stored)), mine)
                    : new IfStillMine("importId = :me", null, mine);
        }
    }

    /** A condition that a claim is still as it was read: the same record, written by the same import (or an undo). */
    private record ClaimAsRead(String condition, Map<String, AttributeValue> values) {
        static ClaimAsRead of(Map<String, AttributeValue> claim) {
            var writer = str(claim, "importId");
            var values = new HashMap<>(Map.of(":stale", n(longValue(claim, "id"))));
            if (writer != null) {
                values.put(":writer", s(writer));
            }
            return new ClaimAsRead("id = :stale AND " + (writer == null ? "attribute_not_exists(importId)" : "importId = :writer"),
                    values);
        }
    }

    private boolean holds(Scope scope, long id, SerialKey serial) {
        return InventoryItems.holds(inventoryRecord(scope, id), serial);
    }

    private Map<String, AttributeValue> inventoryRecord(Scope scope, long id) {
        return batches.itemAsStored(tables.inventory(), InventoryItems.key(scope.org(), id));
    }

    /**
     * Claims {@code serial} for record {@code id}, which holds it, as the undo writes claims (no
     * import's id): where it is free or, {@code stale} (the claim read, on a record that no longer
     * holds the serial), still as read, and only while the record holds the serial. One
     * transaction: a stale claim deleted first left the serial free for a moment while the record
     * held it, and a claim put after a read of the record could land on a record another import
     * had changed since.
     */
    private void claimForItsHolder(Scope scope, SerialKey serial, long id, Map<String, AttributeValue> stale) {
        var claim = new SerialClaim(serial, id);
        var asRead = stale == null ? null : ClaimAsRead.of(stale);
        var put = TransactWriteItem.builder().put(p -> p.tableName(tables.serials())
                .item(SerialItems.toItem(scope.org(), claim, null))
                .conditionExpression(asRead == null ? "attribute_not_exists(id)" : asRead.condition()) // free: absent or a trace
                .expressionAttributeValues(asRead == null ? null : asRead.values())).build();
        // a failed condition: another import took the serial or changed the record meanwhile, and theirs stands
        batches.transact(scope.fence(), List.of(put, SerialItems.heldByItsRecord(tables.inventory(), scope.org(), claim)),
                cancelled -> { });
    }

    /**
     * PO numbers last, each to the PO whose header carries it once the rest is undone: a number
     * this import gave up goes back where the header carries it again, one it took goes where
     * the header does not carry it. Each in a transaction with a check on the header: another file
     * that finds the PO by a number this undo would give up, and rewrites the header under it in
     * the meantime, keeps it (found by review: the undo decided on headers it had read before).
     * A cancelled transaction leaves the number as it is: the header says otherwise now, or
     * another import wrote the number since.
     */
    private void restoreNumberClaims(Scope scope, List<JournalEntry> claims, Set<String> deletedHere) {
        inParallel(claims.stream().<Runnable>map(entry -> () -> {
            var claim = (NumberClaim) entry.item();
            var header = PurchaseOrderItems.headerCheck(tables.purchaseOrders(), scope.org(), claim, entry.existed());
            batches.transact(scope.fence(), List.of(back(scope, entry, deletedHere.contains(claim.identity())), header),
                    cancelled -> { });
        }).toList());
    }

    /**
     * A transaction's action putting {@code entry}'s before-state back (or deleting what this
     * import inserted), on {@link #put}'s terms: while this import wrote the item last, or,
     * {@code evenIfGone}, where it is gone.
     */
    private TransactWriteItem back(Scope scope, JournalEntry entry, boolean evenIfGone) {
        var stored = entry.item();
        var table = items.table(stored);
        if (entry.existed()) {
            var mineStill = IfStillMine.of(scope, stored, evenIfGone);
            var before = StoredItems.asRead(scope.org(), entry.state());
            return TransactWriteItem.builder().put(p -> p.tableName(table).item(before).conditionExpression(mineStill.condition())
                    .expressionAttributeNames(mineStill.names()).expressionAttributeValues(mineStill.values())).build();
        }
        return TransactWriteItem.builder().delete(d -> d.tableName(table).key(StoredItems.key(scope.org(), stored))
                .conditionExpression("importId = :me").expressionAttributeValues(Map.of(":me", s(scope.importId())))).build();
    }

    private List<Runnable> createdRemovals(Scope scope, List<CreatedRange> created, Tally tally) {
        var tasks = new ArrayList<Runnable>();
        for (var range : created) {
            for (long first = range.first(); first < range.first() + range.count(); first += DynamoBatches.READ_LIMIT) {
                long from = first;
                long to = Math.min(range.first() + range.count(), first + DynamoBatches.READ_LIMIT);
                tasks.add(() -> {
                    switch (range.kind()) {
                        case INVENTORY -> removeCreatedInventory(scope, from, to);
                        case PURCHASE_ORDERS -> LongStream.range(from, to).forEach(poId -> removeCreatedPo(scope, poId));
                    }
                    tally.add(to - from);
                });
            }
        }
        return tasks;
    }

    private void removeCreatedInventory(Scope scope, long from, long to) {
        var keys = LongStream.range(from, to).mapToObj(id -> InventoryItems.key(scope.org(), id)).toList();
        for (var item : batches.getAll(tables.inventory(), keys)) {
            if (!scope.importId().equals(str(item, "importId"))) {
                continue;
            }
            var record = InventoryItems.fromItem(item);
            var serial = SerialKey.of(record);
            if (serial == null) {
                deleteIfMine(scope, tables.inventory(), InventoryItems.key(scope.org(), record.id()));
            } else {
                removeWithItsClaim(scope, record.id(), serial);
            }
        }
    }

    /**
     * Deletes a created record and its serial's claim in one transaction: the record only while
     * this import is its last writer, the claim where it is the record's (naming it, whoever
     * wrote it: an undo writes claims with no import's id) or gone. Where another import wrote
     * the record since, neither goes: the record stays with its claim. Where another record holds
     * the serial, the record goes alone. Two deletes one after the other left a moment in which
     * the serial was free while the record still held it, and another file could take it; and a
     * claim another import's undo had put back was left behind its deleted record.
     */
    private void removeWithItsClaim(Scope scope, long id, SerialKey serial) {
        var record = TransactWriteItem.builder().delete(d -> d.tableName(tables.inventory())
                .key(InventoryItems.key(scope.org(), id))
                .conditionExpression("importId = :me").expressionAttributeValues(Map.of(":me", s(scope.importId())))).build();
        var claim = TransactWriteItem.builder().delete(d -> d.tableName(tables.serials())
                .key(SerialItems.key(scope.org(), serial))
                .conditionExpression("attribute_not_exists(#pk) OR id = :id")
                .expressionAttributeNames(Map.of("#pk", SerialItems.KEY))
                .expressionAttributeValues(Map.of(":id", n(id)))).build();
        var reasons = batches.transact(scope.fence(), List.of(record, claim), cancelled -> { });
        if (DynamoBatches.failedCondition(reasons, 0)) {
            return; // another import wrote the record since: it keeps their state, and its claim
        }
        if (DynamoBatches.failedCondition(reasons, 1)) {
            deleteIfMine(scope, tables.inventory(), InventoryItems.key(scope.org(), id));
        }
    }

    private void removeCreatedPo(Scope scope, long poId) {
        dynamo.queryPaginator(b -> b.tableName(tables.purchaseOrders()).consistentRead(true)
                        .keyConditionExpression("#pk = :shard AND begins_with(sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", PurchaseOrderItems.PARTITION))
                        .expressionAttributeValues(Map.of(":shard", s(Shards.of(scope.org(), poId)),
                                ":prefix", s(PurchaseOrderItems.poKey(poId)))))
                .items().stream()
                .filter(item -> scope.importId().equals(str(item, "importId")))
                .forEach(item -> deleteIfMine(scope, tables.purchaseOrders(),
                        Map.of(PurchaseOrderItems.PARTITION, item.get(PurchaseOrderItems.PARTITION), "sk", item.get("sk"))));
    }

    /** Deletes an item while this import is its last writer; one another import changed since keeps their state. */
    private void deleteIfMine(Scope scope, String table, Map<String, AttributeValue> key) {
        ConditionalWrite.applied(() -> dynamo.deleteItem(b -> b.tableName(table).key(key)
                .overrideConfiguration(LeaseCheck.fenced(scope))
                .conditionExpression("importId = :me").expressionAttributeValues(Map.of(":me", s(scope.importId())))));
    }

    /** Runs the tasks on the executor, a bounded number at a time, and fails if any failed. */
    private void inParallel(List<Runnable> tasks) {
        InParallel.map(tasks, IN_FLIGHT, executor, task -> {
            task.run();
            return true;
        });
    }
}
