package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.InventoryStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link InventoryStore} on InventoryTable (docs/dynamodb.md). */
public final class DynamoInventoryStore implements InventoryStore {

    final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    final String table;

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
}
