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
    private final HighestStoredIds stored;

    /**
     * {@code stored}: what the blocks are checked against; null checks nothing (a catalog load's
     * reads of the counter, {@code SeededIdRanges}, and tests of the counter alone).
     */
    public DynamoIdAllocator(DynamoDbClient dynamo, String table, HighestStoredIds stored) {
        this.dynamo = dynamo;
        this.table = table;
        this.stored = stored;
    }

    public DynamoIdAllocator(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null);
    }

    /**
     * A block past every id stored, too. A counter lives in the catalog table, the ids in others:
     * a table restored on its own (point-in-time recovery restores each table to a moment of its
     * own; a catalog restored after a bad load) left the counter behind the stored ids, and creates,
     * which are written without a condition (nobody else holds a reserved id), overwrote the
     * records and POs stored under the ids handed out again, and reported SUCCEEDED (found by
     * review on 6 December 2026). So the block is checked against the highest stored id (16
     * reads); where the counter was behind, it is raised past it and a block taken again.
     */
    @Override
    public long allocate(String org, String sequence, int count) {
        long first = add(org, sequence, count);
        long highest = stored == null ? 0 : stored.of(org, sequence);
        if (highest < first) {
            return first;
        }
        advanceTo(org, sequence, highest);
        return add(org, sequence, count);
    }

    /** Raises the counter to at least {@code last}, unless it is there already (a catalog load's, after seeding explicit ids). */
    public void advanceTo(String org, String sequence, long last) {
        ConditionalWrite.applied(() -> dynamo.updateItem(b -> b.tableName(table)
                .key(CatalogItems.sequenceKey(org, sequence))
                .updateExpression("SET #last = :last")
                .conditionExpression("attribute_not_exists(#last) OR #last < :last")
                .expressionAttributeNames(Map.of("#last", "last"))
                .expressionAttributeValues(Map.of(":last", Attr.n(last)))));
    }

    /**
     * Never past {@link IdAllocator#MAX_ID}: an id of more digits could not be named by a file, and a counter
     * past a long's range broke every later create of the org.
     */
    private long add(String org, String sequence, int count) {
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
        AttributeValue last = counterItem(org, sequence).get("last");
        return last == null ? 1 : Long.parseLong(last.n()) + 1;
    }

    /**
     * Past the counter, and past every id stored, as a block is checked. A counter restored behind
     * the stored ids made a dry run predict other ids (and generated serials) than the commit then
     * got: VALIDATED, then FAILED DUPLICATE_SERIAL (found by review "dryrun" on 7 December 2026).
     */
    @Override
    public long predict(String org, String sequence) {
        long highest = stored == null ? 0 : stored.of(org, sequence);
        return Math.max(peek(org, sequence), highest + 1);
    }

    /** The sequence's counter item, read strongly consistent (empty where no id was handed out). */
    Map<String, AttributeValue> counterItem(String org, String sequence) {
        var item = dynamo.getItem(b -> b.tableName(table).key(CatalogItems.sequenceKey(org, sequence)).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }
}
