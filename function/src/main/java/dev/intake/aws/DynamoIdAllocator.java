package dev.intake.aws;

import dev.intake.core.imports.IdAllocator;
import dev.intake.core.imports.IdsUsedUpException;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link IdAllocator} on a counter item per org and sequence in CatalogTable. An atomic ADD
 * reserves a whole block in one call, so concurrent imports never share an id.
 */
public final class DynamoIdAllocator implements IdAllocator {

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoIdAllocator(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Never past {@link IdAllocator#MAX_ID}: an id of more digits could not be named by a file, and a counter
     * past a long's range broke every later create of the org (found by review on 5 December 2026).
     */
    @Override
    public long allocate(String org, String sequence, int count) {
        try {
            var updated = dynamo.updateItem(b -> b.tableName(table)
                    .key(CatalogItems.sequenceKey(org, sequence))
                    .updateExpression("ADD #last :count")
                    .conditionExpression("attribute_not_exists(#last) OR #last <= :ceiling")
                    .expressionAttributeNames(Map.of("#last", "last"))
                    .expressionAttributeValues(Map.of(":count", Attr.n(count), ":ceiling", Attr.n(MAX_ID - count)))
                    .returnValues(ReturnValue.UPDATED_NEW));
            long last = Long.parseLong(updated.attributes().get("last").n());
            return last - count + 1;
        } catch (ConditionalCheckFailedException usedUp) {
            throw IdsUsedUpException.of(org, sequence, count, usedUp);
        }
    }

    @Override
    public long peek(String org, String sequence) {
        var item = dynamo.getItem(b -> b.tableName(table).key(CatalogItems.sequenceKey(org, sequence)).consistentRead(true)).item();
        AttributeValue last = item == null ? null : item.get("last");
        return last == null ? 1 : Long.parseLong(last.n()) + 1;
    }

    /**
     * Raises the counter to {@code last} for a catalog load seeding the new ids {@code fresh}
     * (ascending), which it may write only where no import has been handed one of them: those at
     * or below the counter must lie in the range a load reserved ({@code seededFrom} to
     * {@code seededTo}, set with the counter: imports had been handed ids below it, and are handed
     * ids above it, since they {@code ADD} to the counter). Found by review on 5 December 2026: a
     * load that stopped after reserving its ids, or whose answer was lost and sent again by the
     * SDK, was refused for its own reservation, and the file could never be loaded again. False,
     * nothing changed, where imports may hold some.
     */
    public boolean reserveForSeeding(String org, String sequence, List<Long> fresh, long last) {
        var lowest = Attr.n(fresh.getFirst());
        if (setIf(org, sequence, "attribute_not_exists(#last) OR #last < :lowest", "SET #last = :last, seededFrom = :lowest, seededTo = :last",
                Map.of(":last", Attr.n(last), ":lowest", lowest))) {
            return true;
        }
        var item = dynamo.getItem(b -> b.tableName(table).key(CatalogItems.sequenceKey(org, sequence)).consistentRead(true)).item();
        if (item.get("seededFrom") == null) {
            return false; // reserved before the range was kept, or never by a load
        }
        var current = item.get("last");
        long counter = Long.parseLong(current.n());
        long from = Long.parseLong(item.get("seededFrom").n());
        long to = Long.parseLong(item.get("seededTo").n());
        if (fresh.stream().anyMatch(id -> id <= counter && (id < from || id > to))) {
            return false;
        }
        if (last <= counter) {
            return true;
        }
        // past the counter: raised where nobody moved it since the read, the range kept going where it ends there
        var extend = counter == to ? "SET #last = :last, seededTo = :last" : "SET #last = :last";
        return setIf(org, sequence, "#last = :current", extend, Map.of(":last", Attr.n(last), ":current", current));
    }

    /** Raises the counter to at least {@code last} (after seeding records with explicit ids). */
    public void advanceTo(String org, String sequence, long last) {
        setIf(org, sequence, "attribute_not_exists(#last) OR #last < :last", "SET #last = :last", Map.of(":last", Attr.n(last))); // false: past it already
    }

    /** Updates the counter by {@code update} where {@code condition} holds; false where it does not. */
    private boolean setIf(String org, String sequence, String condition, String update, Map<String, AttributeValue> values) {
        return ConditionalWrite.applied(() -> dynamo.updateItem(b -> b.tableName(table)
                .key(CatalogItems.sequenceKey(org, sequence))
                .updateExpression(update)
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#last", "last"))
                .expressionAttributeValues(values)));
    }
}
