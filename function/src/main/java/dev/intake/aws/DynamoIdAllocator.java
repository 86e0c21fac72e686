package dev.intake.aws;

import dev.intake.core.imports.IdAllocator;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
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

    @Override
    public long allocate(String org, String sequence, int count) {
        var updated = dynamo.updateItem(b -> b.tableName(table)
                .key(CatalogItems.sequenceKey(org, sequence))
                .updateExpression("ADD #last :count")
                .expressionAttributeNames(Map.of("#last", "last"))
                .expressionAttributeValues(Map.of(":count", Attr.n(count)))
                .returnValues(ReturnValue.UPDATED_NEW));
        long last = Long.parseLong(updated.attributes().get("last").n());
        return last - count + 1;
    }

    @Override
    public long peek(String org, String sequence) {
        var item = dynamo.getItem(b -> b.tableName(table).key(CatalogItems.sequenceKey(org, sequence)).consistentRead(true)).item();
        AttributeValue last = item == null ? null : item.get("last");
        return last == null ? 1 : Long.parseLong(last.n()) + 1;
    }

    /** Raises the counter to at least {@code last} (after seeding records with explicit ids). */
    public void advanceTo(String org, String sequence, long last) {
        try {
            dynamo.updateItem(b -> b.tableName(table)
                    .key(CatalogItems.sequenceKey(org, sequence))
                    .updateExpression("SET #last = :last")
                    .conditionExpression("attribute_not_exists(#last) OR #last < :last")
                    .expressionAttributeNames(Map.of("#last", "last"))
                    .expressionAttributeValues(Map.of(":last", Attr.n(last))));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException alreadyHigher) {
            // the counter is already past the seeded ids: nothing to do
        }
    }
}
