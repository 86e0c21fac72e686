package dev.intake.bench.http;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The two ways the commit engine writes: what one request carries, and how it is built. */
public enum Operation {
    /** {@code BatchWriteItem} of 25 puts: how created records are written. */
    BATCH("batch", 25),
    /** {@code TransactWriteItems} of 100 puts, each on {@code attribute_not_exists(pk)}: conditional writes. */
    TRANSACT("transact", 100);

    private final String label;
    private final int itemsPerRequest;

    Operation(String label, int itemsPerRequest) {
        this.label = label;
        this.itemsPerRequest = itemsPerRequest;
    }

    public String label() {
        return label;
    }

    public int itemsPerRequest() {
        return itemsPerRequest;
    }

    public static Operation byLabel(String label) {
        return Arrays.stream(values()).filter(op -> op.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no operation " + label));
    }

    static BatchWriteItemRequest batch(String table, List<Map<String, AttributeValue>> items) {
        var writes = items.stream()
                .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                .toList();
        return BatchWriteItemRequest.builder().requestItems(Map.of(table, writes)).build();
    }

    static TransactWriteItemsRequest transact(String table, List<Map<String, AttributeValue>> items) {
        var puts = items.stream()
                .map(item -> TransactWriteItem.builder().put(Put.builder().tableName(table).item(item)
                        .conditionExpression("attribute_not_exists(pk)").build()).build())
                .toList();
        return TransactWriteItemsRequest.builder().transactItems(puts).build();
    }

    /** How many items a BatchWriteItem left unprocessed. */
    static int unprocessed(Map<String, List<WriteRequest>> unprocessedItems) {
        return unprocessedItems.values().stream().mapToInt(List::size).sum();
    }
}
