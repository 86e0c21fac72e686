package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.catalog.PartRef;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.InventoryStore;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** {@link InventoryStore} on InventoryTable (docs/dynamodb.md). */
public final class DynamoInventoryStore implements InventoryStore {

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
                    .projectionExpression("id, serialNumber"))
                    .filter(item -> item.containsKey("serialNumber"))
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

    @Override
    public void putAll(String org, Collection<InventoryRecord> records, String importId) {
        batches.putAll(table, records.stream().map(r -> InventoryItems.toItem(org, r, importId)).toList());
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
