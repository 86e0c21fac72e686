package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.catalog.PartRef;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.ConcurrentChangeException;
import dev.intake.core.inventory.InventoryStore;
import dev.intake.core.inventory.JournalEntry;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** {@link InventoryStore} on InventoryTable (docs/dynamodb.md). */
public final class DynamoInventoryStore implements InventoryStore {

    private static final int TRANSACTION_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    private final String table;

    public DynamoInventoryStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.batches = new DynamoBatches(dynamo);
        this.table = table;
    }

    @Override
    public Map<Long, InventoryRecord> findByIds(String org, Collection<Long> ids) {
        var keys = ids.stream().map(id -> InventoryItems.key(org, id)).toList();
        var found = new HashMap<Long, InventoryRecord>();
        for (var item : batches.getAll(table, keys)) {
            var record = InventoryItems.fromItem(item);
            found.put(record.id(), record);
        }
        return found;
    }

    @Override
    public Map<PartRef, Map<String, Long>> serialsByPart(String org, Collection<PartRef> parts) {
        var serials = new HashMap<PartRef, Map<String, Long>>();
        for (var part : parts) {
            var byNumber = new HashMap<String, Long>();
            query(QueryRequest.builder().tableName(table).indexName("byPart")
                    .keyConditionExpression("partKey = :pk")
                    .expressionAttributeValues(Map.of(":pk", s(InventoryItems.partKey(org, part))))
                    .projectionExpression("id, #org, partNumber, #revision, serialNumber")
                    .expressionAttributeNames(Map.of("#org", "org", "#revision", "revision")))
                    // '#'-joined index keys can coincide for part numbers that contain '#': keep exact matches only.
                    .filter(item -> item.containsKey("serialNumber") && org.equals(str(item, "org"))
                            && part.partNumber().equals(str(item, "partNumber")) && part.revision().equals(str(item, "revision")))
                    .forEach(item -> byNumber.put(str(item, "serialNumber"), longValue(item, "id")));
            serials.put(part, byNumber);
        }
        return serials;
    }

    @Override
    public List<InventoryRecord> installedIn(String org, long parentId) {
        return query(QueryRequest.builder().tableName(table).indexName("byParent")
                .keyConditionExpression("parentKey = :pk")
                .expressionAttributeValues(Map.of(":pk", s(org + "#" + parentId))))
                .map(InventoryItems::fromItem)
                .toList();
    }

    @Override
    public void deleteAll(String org, Collection<Long> ids) {
        batches.deleteAll(table, ids.stream().map(id -> InventoryItems.key(org, id)).toList());
    }

    /**
     * One transaction per chunk of at most 100 records (DynamoDB's limit), so a chunk lands whole
     * or not at all, each put conditional on the record's version as read.
     */
    @Override
    public void putAll(String org, Collection<InventoryRecord> records, String importId) {
        var all = List.copyOf(records);
        for (int from = 0; from < all.size(); from += TRANSACTION_LIMIT) {
            var chunk = all.subList(from, Math.min(all.size(), from + TRANSACTION_LIMIT));
            var puts = chunk.stream().map(record -> conditionalPut(org, record, importId)).toList();
            try {
                dynamo.transactWriteItems(b -> b.transactItems(puts));
            } catch (TransactionCanceledException e) {
                throw changedOrRethrow(e, chunk);
            }
        }
    }

    /**
     * Each import bumps a record's version once: a record last written by this same import (an
     * earlier, interrupted attempt) is written again at the same version.
     */
    private TransactWriteItem conditionalPut(String org, InventoryRecord record, String importId) {
        long base = importId.equals(record.writtenBy()) ? record.version() - 1 : record.version();
        var item = InventoryItems.toItem(org, record.stored(base + 1, importId));
        var condition = "version = :base OR (importId = :me AND version = :next)";
        if (base == 0) {
            condition = "attribute_not_exists(id) OR attribute_not_exists(version) OR " + condition;
        }
        var values = Map.of(":base", n(base), ":next", n(base + 1), ":me", s(importId));
        var expression = condition;
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression(expression).expressionAttributeValues(values)).build();
    }

    private static RuntimeException changedOrRethrow(TransactionCanceledException e, List<InventoryRecord> chunk) {
        var reasons = e.cancellationReasons();
        var changed = IntStream.range(0, Math.min(reasons.size(), chunk.size()))
                .filter(i -> "ConditionalCheckFailed".equals(reasons.get(i).code()))
                .mapToObj(i -> chunk.get(i).id())
                .toList();
        return changed.isEmpty() ? e : new ConcurrentChangeException(changed);
    }

    @Override
    public void restore(String org, List<JournalEntry> journal, String importId) {
        var mine = Map.of(":me", s(importId));
        for (var entry : journal) {
            try {
                if (entry.before() == null) {
                    dynamo.deleteItem(b -> b.tableName(table).key(InventoryItems.key(org, entry.id()))
                            .conditionExpression("importId = :me").expressionAttributeValues(mine));
                } else {
                    dynamo.putItem(b -> b.tableName(table).item(InventoryItems.toItem(org, entry.before()))
                            .conditionExpression("importId = :me").expressionAttributeValues(mine));
                }
            } catch (ConditionalCheckFailedException notOurs) {
                // never written by this import, or written by another one since: leave it as it is
            }
        }
    }

    /** Writes records as given, unconditionally: loading a catalog replaces its seeded records. */
    public void seed(String org, Collection<InventoryRecord> records) {
        batches.putAll(table, records.stream().map(r -> InventoryItems.toItem(org, r)).toList());
    }

    /** Every record of the org, in id order. */
    public List<InventoryRecord> all(String org) {
        return query(QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("org = :org")
                .expressionAttributeValues(Map.of(":org", s(org))))
                .map(InventoryItems::fromItem)
                .toList();
    }

    private Stream<Map<String, AttributeValue>> query(QueryRequest.Builder request) {
        return dynamo.queryPaginator(request.build()).items().stream();
    }
}
