package dev.intake.aws;

import dev.intake.core.imports.IdAllocator;
import dev.intake.core.imports.IdsUsedUpException;
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
     * Raises the counter to {@code last} where it stands below {@code lowestNew}: a catalog load
     * seeding new ids from {@code lowestNew} on may write them only where no import has been
     * handed one of them. False, and nothing changed, where the counter has reached them.
     */
    public boolean advanceIfBelow(String org, String sequence, long lowestNew, long last) {
        return setIf(org, sequence, "attribute_not_exists(#last) OR #last < :lowest",
                Map.of(":last", Attr.n(last), ":lowest", Attr.n(lowestNew)));
    }

    /** Raises the counter to at least {@code last} (after seeding records with explicit ids). */
    public void advanceTo(String org, String sequence, long last) {
        setIf(org, sequence, "attribute_not_exists(#last) OR #last < :last", Map.of(":last", Attr.n(last))); // false: past it already
    }

    /** Sets the counter to {@code :last} where {@code condition} holds; false where it does not. */
    private boolean setIf(String org, String sequence, String condition, Map<String, AttributeValue> values) {
        return ConditionalWrite.applied(() -> dynamo.updateItem(b -> b.tableName(table)
                .key(CatalogItems.sequenceKey(org, sequence))
                .updateExpression("SET #last = :last")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#last", "last"))
                .expressionAttributeValues(values)));
    }
}
