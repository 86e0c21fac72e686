package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.commit.LeaseFence;
import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A catalog load's writes to InventoryTable (docs/dynamodb.md). Only the CLI loads a catalog, so
 * this lives in its module, not in the function's jar, and in the function's package, where the
 * item formats ({@link InventoryItems}, {@link SerialItems}) are, so they need not be public.
 */
public final class InventorySeeding {

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    private final String table;

    /** With transactions sent on {@code executor}, several at a time (null: one at a time). */
    public InventorySeeding(DynamoDbClient dynamo, String table, Executor executor) {
        this.dynamo = dynamo;
        this.batches = new DynamoBatches(dynamo, executor);
        this.table = table;
    }

    /** What a catalog load's write of some records came to: the ids not written, each with why. */
    public record Seeded(List<Long> changedSince, List<SerialClaim> heldElsewhere) {}

    /**
     * Writes a catalog load's records over what the load read of them ({@code read}, by id; no
     * entry for a new one). A changed record goes in at the next version, written by no import, on
     * condition that it is still as read: an import that read it before is then refused as after
     * any other change, and the load never writes over a change it did not see. A new one goes in
     * where no record is. A record with a serial goes in one transaction with its serial's claim
     * (the claim free, its own, or {@code givers}' record's: a serial another record of the load
     * gives up), and a record whose serial the load changes lets go of its old claim in it too.
     * Claimed after the record, an import that took the serial in between left two records
     * holding it. A record as stored is not written, and its serial's claim is put where it is
     * free or its own (a load claims what it seeds). Returns the records not written: changed
     * since the read, or their serial held.
     */
    public Seeded seed(String org, Map<Long, Stamped<InventoryRecord>> read, Collection<InventoryRecord> records,
                       Map<SerialKey, Long> givers, String serialsTable) {
        var writing = List.copyOf(records);
        var outcomes = batches.each(seedGroups(org, read, writing, givers, serialsTable),
                group -> seedGroup(org, read, group, givers, serialsTable)).stream().flatMap(List::stream).toList();
        var changedSince = new ArrayList<Long>();
        var held = new ArrayList<SerialClaim>();
        for (int i = 0; i < writing.size(); i++) {
            switch (outcomes.get(i)) {
                case CHANGED_SINCE -> changedSince.add(writing.get(i).id());
                case SERIAL_HELD -> held.add(claimOf(writing.get(i)));
                case WRITTEN -> { }
            }
        }
        return new Seeded(changedSince, held);
    }

    private static SerialClaim claimOf(InventoryRecord record) {
        return SerialKey.of(record) == null ? null : new SerialClaim(SerialKey.of(record), record.id());
    }

    private enum SeedOutcome { WRITTEN, CHANGED_SINCE, SERIAL_HELD }

    /**
     * {@code records} in transactions ({@link SeedTransactions}), a record's writes never split,
     * nor two records touching one serial's claim in one. Sent a record at a time, 20,000 seeded
     * items took a request each, some 33 s here against 14 s for an import of as many rows
     * (measured on 7 December 2026).
     */
    private List<SeedTransactions.Group<InventoryRecord>> seedGroups(String org, Map<Long, Stamped<InventoryRecord>> read,
                                                                     List<InventoryRecord> records, Map<SerialKey, Long> givers,
                                                                     String serialsTable) {
        return SeedTransactions.pack(records, record -> seedWrites(org, read.get(record.id()), record, givers, serialsTable),
                record -> {
                    var before = read.get(record.id());
                    return Stream.of(SerialKey.of(record), before == null ? null : SerialKey.of(before.item()))
                            .filter(java.util.Objects::nonNull).toList();
                });
    }

    /**
     * A record's writes: none for one as stored without a serial; its serial's claim for one as
     * stored with one (a load claims what it seeds); else {@link #writesOf}.
     */
    private List<TransactWriteItem> seedWrites(String org, Stamped<InventoryRecord> before, InventoryRecord record,
                                               Map<SerialKey, Long> givers, String serialsTable) {
        if (!asStored(org, before, record)) {
            return writesOf(org, before, record, givers, Set.of(), serialsTable);
        }
        var claim = claimOf(record);
        return claim == null ? List.of() : List.of(TransactWriteItem.builder().put(claimPut(org, claim, null, serialsTable)).build());
    }

    /**
     * Writes a group in one transaction, every record then written. Where a condition failed, or
     * other transactions kept it out, nothing of it was written: each record is then written on
     * its own, which finds the ones not written and why.
     */
    private List<SeedOutcome> seedGroup(String org, Map<Long, Stamped<InventoryRecord>> read,
                                        SeedTransactions.Group<InventoryRecord> group, Map<SerialKey, Long> givers,
                                        String serialsTable) {
        if (group.writes().isEmpty()) {
            return group.members().stream().map(record -> SeedOutcome.WRITTEN).toList();
        }
        var record = group.members().getFirst();
        if (group.members().size() == 1) { // its writes as planned: planning them again reads its old serial's claim again
            return List.of(seedOne(org, read.get(record.id()), record, group.writes()));
        }
        if (SeedTransactions.landedWhole(batches, group)) {
            return group.members().stream().map(written -> SeedOutcome.WRITTEN).toList();
        }
        // planned again, each from a fresh read of its old serial's claim: an import may have moved it since
        return group.members().stream().map(alone -> seedOne(org, read.get(alone.id()), alone,
                seedWrites(org, read.get(alone.id()), alone, givers, serialsTable))).toList();
    }

    /** Sends one record's {@code writes} ({@link #seedWrites}): a plain put where there is one, else a transaction. */
    private SeedOutcome seedOne(String org, Stamped<InventoryRecord> before, InventoryRecord record, List<TransactWriteItem> writes) {
        if (writes.isEmpty()) {
            return SeedOutcome.WRITTEN;
        }
        if (writes.size() == 1) { // a plain put, half the write units of a transaction: the record's, or the claim of one as stored
            return SeedTransactions.putAlone(dynamo, writes.getFirst().put()) ? SeedOutcome.WRITTEN
                    : asStored(org, before, record) ? SeedOutcome.SERIAL_HELD : SeedOutcome.CHANGED_SINCE;
        }
        var cancelled = batches.transact(LeaseFence.NONE, writes, e -> { });
        if (cancelled.isEmpty()) {
            return SeedOutcome.WRITTEN;
        }
        return claimOf(record) != null && DynamoBatches.failedCondition(cancelled, writes.size() - 1)
                && !DynamoBatches.failedCondition(cancelled, 0) ? SeedOutcome.SERIAL_HELD : SeedOutcome.CHANGED_SINCE;
    }

    /**
     * Writes records that pass serials round a circle (two swapping theirs, say) in one
     * transaction, as {@link #seed} writes one: written one by one, where one failed, another
     * already held the serial it still had. A serial one of them gives up and another takes is
     * not let go of: the taker's claim takes it over. False, nothing written, where a condition
     * failed (a record changed since the read, or a serial held by a record outside the circle).
     */
    public boolean seedTogether(String org, Map<Long, Stamped<InventoryRecord>> read, Collection<InventoryRecord> records,
                                Map<SerialKey, Long> givers, String serialsTable) {
        // given up by one of them and taken by another: a serial one gives up and none takes is let go of
        var ids = records.stream().map(InventoryRecord::id).collect(java.util.stream.Collectors.toSet());
        var taken = records.stream().map(SerialKey::of).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toSet());
        var passedWithin = givers.entrySet().stream().filter(given -> ids.contains(given.getValue()) && taken.contains(given.getKey()))
                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet());
        var writes = new ArrayList<TransactWriteItem>();
        for (var record : records) {
            var before = read.get(record.id());
            if (!asStored(org, before, record)) {
                writes.addAll(writesOf(org, before, record, givers, passedWithin, serialsTable));
            }
        }
        return writes.isEmpty() || batches.transact(LeaseFence.NONE, writes, e -> { }).isEmpty();
    }

    /** Whether the record is as stored: compared as stored, for 2.50 is stored 2.5 (a reload of the same file rewrote it). */
    private static boolean asStored(String org, Stamped<InventoryRecord> before, InventoryRecord record) {
        return before != null && InventoryItems.toItem(org, before.item()).equals(InventoryItems.toItem(org, record));
    }

    /**
     * A changed record's writes: its put, on condition that it is as read; the release of its old
     * serial's claim, where the claim is its own and {@code passedWithin} does not hold the serial;
     * its serial's claim.
     */
    private List<TransactWriteItem> writesOf(String org, Stamped<InventoryRecord> before, InventoryRecord record,
                                             Map<SerialKey, Long> givers, Set<SerialKey> passedWithin, String serialsTable) {
        var claim = claimOf(record);
        var asRead = AsRead.of(before, InventoryItems.PARTITION);
        var item = InventoryItems.toItem(org, record, before == null ? 0 : StoredItems.version(before) + 1, null);
        var writes = new ArrayList<TransactWriteItem>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression(asRead.expression()).expressionAttributeNames(asRead.names())
                .expressionAttributeValues(asRead.valuesOrNull())).build());
        var oldSerial = before == null ? null : SerialKey.of(before.item());
        if (oldSerial != null && !oldSerial.equals(claim == null ? null : claim.key()) && !passedWithin.contains(oldSerial)) {
            var letGo = ownClaimDelete(org, record.id(), oldSerial, serialsTable);
            if (letGo != null) {
                writes.add(letGo);
            }
        }
        if (claim != null) {
            writes.add(TransactWriteItem.builder().put(claimPut(org, claim, givers.get(claim.key()), serialsTable)).build());
        }
        return writes;
    }

    /**
     * The put of {@code claim} where the serial is free (no claim, or a trace of one given up),
     * already its record's, or, where {@code giver} is not null, the claim of that record, which
     * the load is giving the serial up.
     */
    private static Put claimPut(String org, SerialClaim claim, Long giver,
                                                                              String serialsTable) {
        var values = new HashMap<String, AttributeValue>(Map.of(":id", n(claim.id()), ":org", s(org)));
        var holders = "id = :id";
        if (giver != null) {
            values.put(":giver", n(giver));
            holders = "(id = :id OR id = :giver)";
        }
        return Put.builder().tableName(serialsTable)
                .item(SerialItems.toItem(org, claim, null))
                .conditionExpression("attribute_not_exists(id) OR (#org = :org AND " + holders + ")")
                .expressionAttributeNames(Map.of("#org", "org")).expressionAttributeValues(values).build();
    }

    /** The delete of {@code serial}'s claim where it names record {@code id}; null where it does not (gone, or another's). */
    private TransactWriteItem ownClaimDelete(String org, long id, SerialKey serial, String serialsTable) {
        var claim = SerialItems.key(org, serial);
        var holder = n(id);
        if (!holder.equals(dynamo.getItem(b -> b.tableName(serialsTable).key(claim).consistentRead(true)).item().get("id"))) {
            return null;
        }
        return TransactWriteItem.builder().delete(d -> d.tableName(serialsTable).key(claim)
                .conditionExpression("id = :id").expressionAttributeValues(Map.of(":id", holder))).build();
    }

    /**
     * The deletes of a record a catalog load removes (an On Order item of a line it shortened),
     * while it is as the load read it, and, in the same transaction, of the claim of its serial
     * where the claim is the record's: where an import changed the record since (gave it a serial,
     * say, whose claim would then outlive it), or the claim moved, nothing is deleted. Found by
     * review on 4 December 2026: deleted without a condition, a serial given after the read kept
     * its claim; deleted first and let go of after, a load stopped in between left the claim of
     * a record no load could find again. They go in the transaction of the record's PO, so that a
     * PO an import changed keeps them (found by review "own51c" on 7 December 2026).
     */
    public List<TransactWriteItem> deletesAsRead(String org, Stamped<InventoryRecord> read, String serialsTable) {
        var asRead = AsRead.of(read, InventoryItems.PARTITION);
        var deletes = new ArrayList<TransactWriteItem>();
        deletes.add(TransactWriteItem.builder().delete(d -> d.tableName(table).key(InventoryItems.key(org, read.item().id()))
                .conditionExpression(asRead.expression()).expressionAttributeNames(asRead.names())
                .expressionAttributeValues(asRead.valuesOrNull())).build());
        var serial = SerialKey.of(read.item());
        var claimDelete = serial == null ? null : ownClaimDelete(org, read.item().id(), serial, serialsTable);
        if (claimDelete != null) {
            deletes.add(claimDelete);
        }
        return deletes;
    }
}
