package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.commit.LeaseFence;
import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.InventoryStore;
import dev.intake.core.inventory.SerialKey;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/** {@link InventoryStore} on InventoryTable (docs/dynamodb.md). */
public final class DynamoInventoryStore implements InventoryStore {

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    private final String table;

    public DynamoInventoryStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null);
    }

    /** With batched reads sent on {@code executor}, several at a time (null: one at a time). */
    public DynamoInventoryStore(DynamoDbClient dynamo, String table, java.util.concurrent.Executor executor) {
        this.dynamo = dynamo;
        this.batches = new DynamoBatches(dynamo, executor);
        this.table = table;
    }

    @Override
    public Map<Long, Stamped<InventoryRecord>> findByIds(String org, Collection<Long> ids) {
        // distinct: DynamoDB refuses a BatchGetItem naming a key twice (two numbers of one PO: found by review)
        var keys = ids.stream().distinct().map(id -> InventoryItems.key(org, id)).toList();
        var found = new HashMap<Long, Stamped<InventoryRecord>>();
        // An import keeps what it reads here until it ends: the records share their repeated values.
        var pool = new StringPool();
        for (var item : batches.getAll(table, keys)) {
            var read = InventoryItems.read(item, pool);
            found.put(read.item().id(), read);
        }
        return found;
    }

    @Override
    public List<Long> idsInstalledIn(String org, long parentId) {
        // Ids only: the caller reads the records again by key, since the index may lag them.
        try {
            return dynamo.queryPaginator(b -> b.tableName(table).indexName("byParent")
                            .keyConditionExpression("parentKey = :pk")
                            .expressionAttributeValues(Map.of(":pk", s(org + "#" + parentId)))
                            .projectionExpression("id"))
                    .items().stream()
                    .map(item -> Long.parseLong(item.get("id").n()))
                    .toList();
        } catch (AwsServiceException e) {
            throw TableCheck.missingIndex(e, table, "byParent");
        }
    }

    /** One query per shard on the keys-only, sparse {@code installations} index (docs/dynamodb.md). */
    @Override
    public Map<Long, List<Long>> installedIds(String org) {
        var installed = new HashMap<Long, List<Long>>();
        try {
            for (var shard : Shards.all(org)) {
                dynamo.queryPaginator(b -> b.tableName(table).indexName("installations")
                                .keyConditionExpression("#pk = :shard")
                                .expressionAttributeNames(Map.of("#pk", InventoryItems.PARTITION))
                                .expressionAttributeValues(Map.of(":shard", s(shard))))
                        .items()
                        .forEach(item -> installed.computeIfAbsent(InventoryItems.parentOf(item), parent -> new ArrayList<>())
                                .add(Long.parseLong(item.get("id").n())));
            }
        } catch (AwsServiceException e) {
            throw TableCheck.missingIndex(e, table, "installations");
        }
        return installed;
    }

    /**
     * Writes a catalog load's records over what the load read of them ({@code read}, by id; no
     * entry for a new one). A record as stored is left alone. A changed one goes in at the next
     * version, written by no import, on condition that it is still as read: an import that read it
     * before is then refused as after any other change, and the load never writes over a change it
     * did not see. A new one goes in where no record is. A record whose serial the load changes
     * lets go of its old serial's claim in the same transaction (the claim where it names the
     * record); its new serial is claimed by the caller once the records are in. Returns the ids
     * whose condition failed.
     */
    public List<Long> seed(String org, Map<Long, Stamped<InventoryRecord>> read, Collection<InventoryRecord> records,
                           String serialsTable) {
        // compared as stored: 2.50 is stored 2.5, and a reload of the same file rewrote the record
        var changed = records.stream().filter(r -> read.get(r.id()) == null
                || !InventoryItems.toItem(org, read.get(r.id()).item()).equals(InventoryItems.toItem(org, r))).toList();
        return batches.each(changed, record -> seedOne(org, read.get(record.id()), record, serialsTable) ? null : record.id())
                .stream().filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The record and the release of its old serial's claim go together: written first and let go
     * of after, a load stopped in between left a claim on a serial its record no longer had, which
     * no later load saw to let go of.
     */
    private boolean seedOne(String org, Stamped<InventoryRecord> before, InventoryRecord record, String serialsTable) {
        var asRead = AsRead.of(before, InventoryItems.PARTITION);
        var item = InventoryItems.toItem(org, record, before == null ? 0 : StoredItems.version(before) + 1, null);
        var oldSerial = before == null ? null : SerialKey.of(before.item());
        var letGo = oldSerial == null || oldSerial.equals(SerialKey.of(record)) ? null
                : ownClaimDelete(org, record.id(), oldSerial, serialsTable);
        if (letGo == null) { // a plain put: half the write units of a transaction
            return ConditionalWrite.applied(() -> dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression(asRead.expression()).expressionAttributeNames(asRead.names())
                    .expressionAttributeValues(asRead.valuesOrNull())));
        }
        var put = TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression(asRead.expression()).expressionAttributeNames(asRead.names())
                .expressionAttributeValues(asRead.valuesOrNull())).build();
        return transactAll(List.of(put, letGo));
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
     * Sends {@code writes} as one transaction; false, nothing written, where a condition failed.
     * Another transaction on the items, or a table short of capacity, is waited out: until 6
     * December 2026 either was taken for a change since the read.
     */
    private boolean transactAll(List<TransactWriteItem> writes) {
        return batches.transact(LeaseFence.NONE, writes, cancelled -> { }).isEmpty();
    }

    /**
     * Deletes a record a catalog load removes (an On Order item of a line it shortened), while it
     * is as the load read it, and with it, in one transaction, the claim of its serial where the
     * claim is the record's; false, and nothing deleted, where an import changed the record since
     * (gave it a serial, say, whose claim would then outlive it), or the claim moved. Found by
     * review on 4 December 2026: deleted without a condition, a serial given after the read kept
     * its claim; deleted first and let go of after, a load stopped in between left the claim of
     * a record no load could find again.
     */
    public boolean deleteAsRead(String org, Stamped<InventoryRecord> read, String serialsTable) {
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
        return transactAll(deletes);
    }

    /** Every record of the org, in id order (one query per shard, merged). */
    public List<InventoryRecord> all(String org) {
        return stream(org).toList();
    }

    /** Every record of the org, in id order, read as the stream is consumed. */
    public Stream<InventoryRecord> stream(String org) {
        return items(org).map(InventoryItems::fromItem);
    }

    /** {@link #stream}, each record with the version and the import that last wrote it. */
    public Stream<Stamped<InventoryRecord>> streamAsRead(String org) {
        return items(org).map(InventoryItems::read);
    }

    private Stream<Map<String, AttributeValue>> items(String org) {
        return ShardedQuery.merged(org, shard -> dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                                .limit(ShardedQuery.PAGE_ITEMS)
                                .keyConditionExpression("#pk = :shard")
                                .expressionAttributeNames(Map.of("#pk", InventoryItems.PARTITION))
                                .expressionAttributeValues(Map.of(":shard", s(shard))))
                        .items().stream(),
                        Comparator.comparing((Map<String, AttributeValue> item) -> new BigDecimal(item.get("id").n())));
    }
}
