package dev.intake.aws;

import static dev.intake.aws.Attr.s;
import static dev.intake.aws.Attr.str;

import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every record of an org, read from all its shards ({@link Shards}) as one stream in id order:
 * each shard's query comes back sorted, and a merge keeps them so without holding them all. What
 * the CLI's exports, dumps, serial backfill and catalog load read; no import reads an org whole,
 * so it is not in the function's jar (left by review "codereading", moved on 7 December 2026). In
 * the function's package, for the item formats.
 */
public final class OrgScans {

    private OrgScans() {}

    /** Every inventory record of the org, in id order, read as the stream is consumed. */
    public static Stream<InventoryRecord> inventory(DynamoInventoryStore store, String org) {
        return inventoryItems(store, org).map(InventoryItems::fromItem);
    }

    /** {@link #inventory}, each record with the version and the import that last wrote it. */
    public static Stream<Stamped<InventoryRecord>> inventoryAsRead(DynamoInventoryStore store, String org) {
        return inventoryItems(store, org).map(InventoryItems::read);
    }

    /** Every PO of the org with its lines, in id order, read as the stream is consumed: one PO held at a time. */
    public static Stream<StoredPurchaseOrder> purchaseOrders(DynamoPurchaseOrderStore store, String org) {
        return DynamoPurchaseOrderStore.grouped(merged(org, shard -> store.query(shard, "po#"),
                Comparator.comparing(item -> str(item, "sk"))));
    }

    private static Stream<Map<String, AttributeValue>> inventoryItems(DynamoInventoryStore store, String org) {
        return merged(org, shard -> store.dynamo.queryPaginator(b -> b.tableName(store.table).consistentRead(true)
                                .limit(Shards.PAGE_ITEMS)
                                .keyConditionExpression("#pk = :shard")
                                .expressionAttributeNames(Map.of("#pk", InventoryItems.PARTITION))
                                .expressionAttributeValues(Map.of(":shard", s(shard))))
                        .items().stream(),
                Comparator.comparing((Map<String, AttributeValue> item) -> new BigDecimal(item.get("id").n())));
    }

    /** Merges one sorted stream per shard ({@code query} of a partition key) by {@code order}. */
    private static Stream<Map<String, AttributeValue>> merged(String org,
                                                              Function<String, Stream<Map<String, AttributeValue>>> query,
                                                              Comparator<Map<String, AttributeValue>> order) {
        var heads = new PriorityQueue<Head>((a, b) -> order.compare(a.item, b.item));
        for (var shard : Shards.all(org)) {
            var items = query.apply(shard).iterator();
            if (items.hasNext()) {
                heads.add(new Head(items.next(), items));
            }
        }
        Iterator<Map<String, AttributeValue>> merged = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return !heads.isEmpty();
            }

            @Override
            public Map<String, AttributeValue> next() {
                var head = heads.poll();
                if (head.rest.hasNext()) {
                    heads.add(new Head(head.rest.next(), head.rest));
                }
                return head.item;
            }
        };
        return StreamSupport.stream(((Iterable<Map<String, AttributeValue>>) () -> merged).spliterator(), false);
    }

    private record Head(Map<String, AttributeValue> item, Iterator<Map<String, AttributeValue>> rest) {}
}
