package dev.intake.aws;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The ranges of ids catalog loads reserve on a {@link DynamoIdAllocator} counter. Only the CLI
 * loads a catalog, so this lives in its module, not in the function's jar, beside the counter's
 * code in the function's package.
 */
public final class SeededIdRanges {

    private final DynamoDbClient dynamo;
    private final String table;
    private final DynamoIdAllocator ids;

    public SeededIdRanges(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
        this.ids = new DynamoIdAllocator(dynamo, table);
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
    public List<Long> reserve(String org, String sequence, List<Long> fresh, long last) {
        for (int attempt = 1; attempt <= SEEDING_TRIES; attempt++) {
            var item = ids.counterItem(org, sequence);
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
