package dev.intake.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What one {@link BulkWriter#write} writes: items {@code first} to {@code first + count - 1} of
 * {@link LoadItems} into {@code table}, {@code itemsPerRequest} per request of {@code operation}.
 */
record Load(Operation operation, String table, long first, long count, int itemsPerRequest) {

    /** The whole range in full requests of the operation (25 or 100 items). */
    static Load of(Operation operation, String table, long first, long count) {
        return new Load(operation, table, first, count, operation.itemsPerRequest());
    }

    long requests() {
        return (count + itemsPerRequest - 1) / itemsPerRequest;
    }

    /** The items of request number {@code request}. */
    List<Map<String, AttributeValue>> items(long request) {
        long from = first + request * itemsPerRequest;
        long to = Math.min(first + count, from + itemsPerRequest);
        var items = new ArrayList<Map<String, AttributeValue>>((int) (to - from));
        for (long n = from; n < to; n++) {
            items.add(LoadItems.item(n));
        }
        return items;
    }
}
