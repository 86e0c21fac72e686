package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PurchaseOrder;
import dev.intake.core.purchasing.PurchaseOrderStore;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** {@link PurchaseOrderStore} on PurchaseOrdersTable (docs/dynamodb.md). */
public final class DynamoPurchaseOrderStore implements PurchaseOrderStore {

    /** A number item may be written by its owner again (a replay), never taken from another PO. */
    private static final String FREE_OR_MINE = "attribute_not_exists(sk) OR poId = :poId";

    /** Only the owner gives a number up, and only once: a second rename of the same PO fails. */
    private static final String MINE = "poId = :poId";

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    private final String table;

    public DynamoPurchaseOrderStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.batches = new DynamoBatches(dynamo);
        this.table = table;
    }

    @Override
    public Map<String, StoredPurchaseOrder> findByNumbers(String org, Collection<String> poNumbers) {
        var keys = poNumbers.stream().map(number -> PurchaseOrderItems.numberKey(org, number)).toList();
        var found = new LinkedHashMap<String, StoredPurchaseOrder>();
        for (var numberItem : batches.getAll(table, keys)) {
            // Keyed by the number asked for, not the header's: after an interrupted rename the new
            // number is claimed while the header still carries the old one.
            var po = load(org, longValue(numberItem, "poId"));
            if (po != null) {
                found.put(str(numberItem, "sk").substring("number#".length()), po);
            }
        }
        return found;
    }

    /**
     * One transaction: the new number is put if free (or already this PO's); the previous number,
     * when renaming, is deleted if it is still this PO's. Either both happen or neither.
     */
    @Override
    public boolean claimNumber(String org, long poId, String poNumber, String previousNumber) {
        var values = Map.of(":poId", n(poId));
        var items = new ArrayList<TransactWriteItem>();
        var item = new LinkedHashMap<>(PurchaseOrderItems.numberKey(org, poNumber));
        item.put("poId", n(poId));
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression(FREE_OR_MINE).expressionAttributeValues(values)).build());
        if (previousNumber != null) {
            items.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                    .key(PurchaseOrderItems.numberKey(org, previousNumber))
                    .conditionExpression(MINE).expressionAttributeValues(values)).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void releaseNumber(String org, long poId, String poNumber) {
        try {
            dynamo.deleteItem(b -> b.tableName(table).key(PurchaseOrderItems.numberKey(org, poNumber))
                    .conditionExpression("poId = :poId").expressionAttributeValues(Map.of(":poId", n(poId))));
        } catch (ConditionalCheckFailedException notOurs) {
            // another PO holds the number now: leave it
        }
    }

    @Override
    public void putAll(String org, List<PurchaseOrder> headers, List<PoLine> lines) {
        var items = Stream.concat(
                headers.stream().map(h -> PurchaseOrderItems.toItem(org, h)),
                lines.stream().map(l -> PurchaseOrderItems.toItem(org, l))).toList();
        batches.putAll(table, items);
    }

    /** Every PO of the org with its lines, in id order. */
    public List<StoredPurchaseOrder> all(String org) {
        return group(query(org, "po#"));
    }

    private StoredPurchaseOrder load(String org, long poId) {
        var found = group(query(org, PurchaseOrderItems.poKey(poId)));
        return found.isEmpty() ? null : found.getFirst();
    }

    private Stream<Map<String, AttributeValue>> query(String org, String prefix) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("org = :org AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":org", s(org), ":prefix", s(prefix))))
                .items().stream();
    }

    /** Items come sorted by key: each header is followed by its lines. */
    private static List<StoredPurchaseOrder> group(Stream<Map<String, AttributeValue>> items) {
        var result = new ArrayList<StoredPurchaseOrder>();
        PurchaseOrder header = null;
        var lines = new ArrayList<PoLine>();
        for (var item : (Iterable<Map<String, AttributeValue>>) items::iterator) {
            if (PurchaseOrderItems.isLine(item)) {
                lines.add(PurchaseOrderItems.line(item));
                continue;
            }
            if (header != null) {
                result.add(new StoredPurchaseOrder(header, lines));
            }
            header = PurchaseOrderItems.header(item);
            lines = new ArrayList<>();
        }
        if (header != null) {
            result.add(new StoredPurchaseOrder(header, lines));
        }
        return result;
    }
}
