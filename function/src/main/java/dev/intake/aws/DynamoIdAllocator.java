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
    private final HighestStoredIds stored;

    /** {@code stored}: what the blocks are checked against; null checks nothing (tests of the counter alone). */
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
        raise(org, sequence, highest);
        return add(org, sequence, count);
    }

    /** Raises the counter to {@code last}, unless it is there already. */
    private void raise(String org, String sequence, long last) {
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
    private Map<String, AttributeValue> counterItem(String org, String sequence) {
        var item = dynamo.getItem(b -> b.tableName(table).key(CatalogItems.sequenceKey(org, sequence)).consistentRead(true)).item();
        return item == null ? Map.of() : item;
    }

    /** How many of the ranges catalog loads reserved the counter keeps: enough for loads stopped and loaded again. */
    private static final int SEEDED_RANGES_KEPT = 10;
    private static final int SEEDING_TRIES = 5;

    /**
     * Raises the counter to {@code last} for a catalog load seeding the new ids {@code fresh},
     * which it may write only where no import has been handed one of them: those at or below the
     * counter must lie in a range a load reserved ({@code seededRanges}: each set with the counter,
     * when imports had been handed only ids below it; they are handed ids above, as they
     * {@code ADD} to the counter). The ids from the counter to {@code last} become a range of
     * their own. Found by review on 5 December 2026: a load that stopped after reserving its ids,
     * or whose answer was lost and sent again by the SDK, was refused for its own reservation,
     * and the file could never be loaded again. Returns the ids imports may hold, and changes
     * nothing, where there are any; empty where reserved. A compare-and-set on the counter, read
     * again where an import moved it meanwhile.
     */
    public List<Long> reserveForSeeding(String org, String sequence, List<Long> fresh, long last) {
        for (int attempt = 1; attempt <= SEEDING_TRIES; attempt++) {
            var item = counterItem(org, sequence);
            var stored = item.get("last");
            long counter = stored == null ? 0 : Long.parseLong(stored.n());
            var ranges = SeededRange.listOf(item.get("seededRanges"));
            var imports = fresh.stream().filter(id -> id <= counter && ranges.stream().noneMatch(range -> range.holds(id))).toList();
            if (!imports.isEmpty() || last <= counter) {
                return imports;
            }
            var values = new java.util.HashMap<>(Map.of(":last", Attr.n(last),
                    ":ranges", SeededRange.attributeOf(SeededRange.adding(ranges, new SeededRange(counter + 1, last)))));
            if (stored != null) {
                values.put(":current", stored);
            }
            if (setIf(org, sequence, stored == null ? "attribute_not_exists(#last)" : "#last = :current",
                    "SET #last = :last, seededRanges = :ranges", values)) {
                return List.of();
            }
        }
        return fresh; // imports kept moving the counter (not seen here): refused, and loading again tries anew
    }

    /** Ids {@code from} to {@code to} that a catalog load reserved: no import was handed any of them. */
    private record SeededRange(long from, long to) {
        boolean holds(long id) {
            return id >= from && id <= to;
        }

        static List<SeededRange> listOf(AttributeValue stored) {
            return stored == null ? List.of() : stored.l().stream()
                    .map(range -> new SeededRange(Long.parseLong(range.m().get("from").n()), Long.parseLong(range.m().get("to").n())))
                    .toList();
        }

        /** {@code ranges} and {@code next}, joined where they meet, the newest {@link #SEEDED_RANGES_KEPT} kept. */
        static List<SeededRange> adding(List<SeededRange> ranges, SeededRange next) {
            var kept = new java.util.ArrayList<>(ranges);
            if (!kept.isEmpty() && kept.getLast().to() + 1 == next.from()) {
                next = new SeededRange(kept.removeLast().from(), next.to());
            }
            kept.add(next);
            return kept.subList(Math.max(0, kept.size() - SEEDED_RANGES_KEPT), kept.size());
        }

        static AttributeValue attributeOf(List<SeededRange> ranges) {
            return AttributeValue.fromL(ranges.stream()
                    .map(range -> AttributeValue.fromM(Map.of("from", Attr.n(range.from()), "to", Attr.n(range.to())))).toList());
        }
    }

    /** Raises the counter to at least {@code last} (after seeding records with explicit ids). */
    public void advanceTo(String org, String sequence, long last) {
        // false: past it already
        setIf(org, sequence, "attribute_not_exists(#last) OR #last < :last", "SET #last = :last", Map.of(":last", Attr.n(last)));
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
