package dev.intake.aws;

import dev.intake.core.imports.IdAllocator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The highest id of a sequence stored in an org's items: what its counter ({@link
 * DynamoIdAllocator}) must never be behind. The last item of each of the org's 16 shards, one
 * query each (newest first, one item), sent together.
 */
public final class HighestStoredIds {

    /** Where a sequence's ids are stored: a table whose shards sort them, under a sort key prefix. */
    private record Stored(String table, String sortKey, String prefix) {}

    private final DynamoDbClient dynamo;
    private final Executor executor;
    /** By sequence ({@link IdAllocator}'s names). */
    private final Map<String, Stored> sequences;

    /** {@code executor}: where the 16 queries are sent together; null sends them one after another. */
    public HighestStoredIds(DynamoDbClient dynamo, String inventoryTable, String purchaseOrdersTable, Executor executor) {
        this.dynamo = dynamo;
        this.executor = executor == null ? Runnable::run : executor;
        this.sequences = Map.of(
                IdAllocator.INVENTORY_IDS, new Stored(inventoryTable, "id", null),
                IdAllocator.PURCHASE_ORDER_IDS, new Stored(purchaseOrdersTable, "sk", PurchaseOrderItems.PO_PREFIX));
    }

    /** The highest id of {@code sequence} stored in {@code org}'s items, 0 for none (or a sequence stored nowhere). */
    public long of(String org, String sequence) {
        var stored = sequences.get(sequence);
        if (stored == null) {
            return 0;
        }
        List<CompletableFuture<Long>> shards = Shards.all(org).stream()
                .map(shard -> CompletableFuture.supplyAsync(() -> lastIn(stored, shard), executor))
                .toList();
        return shards.stream().mapToLong(CompletableFuture::join).max().orElse(0);
    }

    private long lastIn(Stored stored, String shard) {
        boolean prefixed = stored.prefix() != null;
        var items = dynamo.query(b -> b.tableName(stored.table())
                .keyConditionExpression(prefixed ? "#pk = :shard AND begins_with(#sk, :prefix)" : "#pk = :shard")
                .expressionAttributeNames(prefixed ? Map.of("#pk", PurchaseOrderItems.PARTITION, "#sk", stored.sortKey())
                        : Map.of("#pk", InventoryItems.PARTITION))
                .expressionAttributeValues(prefixed ? Map.of(":shard", Attr.s(shard), ":prefix", Attr.s(stored.prefix()))
                        : Map.of(":shard", Attr.s(shard)))
                .scanIndexForward(false).limit(1).consistentRead(true)).items();
        if (items.isEmpty()) {
            return 0;
        }
        var key = items.getFirst().get(stored.sortKey());
        return stored.prefix() == null ? Long.parseLong(key.n()) : PurchaseOrderItems.poIdOf(key.s());
    }
}
