package dev.intake.aws;

import static dev.intake.aws.Attr.s;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.CatalogRetypes;
import dev.intake.core.catalog.CatalogStore;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.PartIndex;
import dev.intake.core.catalog.PartSource;
import dev.intake.core.commit.LeaseFence;
import dev.intake.core.values.KeyText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * {@link CatalogStore} on CatalogTable: one paged Query loads an org's whole catalog; an import
 * reads all but the parts, and the parts its file names (docs/dynamodb.md, "CatalogTable").
 */
public final class DynamoCatalogStore implements CatalogStore {

    private static final String PARTS = "part#";
    /** Just after every {@code part#…} sort key ('$' follows '#'). */
    private static final String AFTER_PARTS = "part$";
    /** How far a loading machine's clock may be behind this one's ({@link #retypes}). */
    static final Duration CLOCK_ALLOWANCE = Duration.ofMinutes(5);

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    /** TransactWriteItems' limit, for {@link #addLabels}. */
    private static final int LABELS_A_TRANSACTION = 100;
    private final String table;

    public DynamoCatalogStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.batches = new DynamoBatches(dynamo);
        this.table = table;
    }

    @Override
    public Catalog load(String org) {
        return CatalogItems.toCatalog(org, items(org));
    }

    /**
     * The names, users, requirements, attributes and settings whole; the parts whole where the org
     * has no more than {@link PartIndex#ON_DEMAND_NUMBERS} (one small page), else on demand.
     */
    @Override
    public Catalog forImport(String org) {
        var items = new ArrayList<>(query(org, "sk < :sk", PARTS));
        items.addAll(query(org, "sk >= :sk", AFTER_PARTS));
        var firstParts = dynamo.query(partsQuery(org, PARTS).limit(PartIndex.ON_DEMAND_NUMBERS + 1).build());
        if (firstParts.lastEvaluatedKey().isEmpty()) {
            items.addAll(firstParts.items());
            return CatalogItems.toCatalog(org, items);
        }
        return CatalogItems.toCatalog(org, items, PartIndex.onDemand(new Parts(org), false));
    }

    /**
     * {@code load#retypes}, which a retyping catalog load counts itself in, and marks itself under
     * way on until its lease runs out (0 once it has ended). That time is the loading machine's:
     * a mark is taken as under way for {@link #CLOCK_ALLOWANCE} more, so that a CLI whose clock is
     * behind this one's is not taken for ended while it writes (found by review "own45" on 6
     * December 2026); a load that died keeps imports of the org refused that much longer.
     */
    @Override
    public CatalogRetypes retypes(String org) {
        var item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("org", s(org), "sk", s(CatalogItems.LOAD_RETYPES)))).item();
        if (item == null || item.isEmpty()) {
            return CatalogRetypes.NONE;
        }
        long begun = Long.parseLong(item.get("begun").n());
        long until = item.containsKey("until") ? Long.parseLong(item.get("until").n()) : 0;
        var heldUntil = Instant.ofEpochMilli(until).plus(CLOCK_ALLOWANCE);
        return until > 0 && heldUntil.isAfter(Instant.now())
                ? new CatalogRetypes(begun, Attr.str(item, "source"), heldUntil)
                : new CatalogRetypes(begun, null);
    }

    @Override
    public void addLabels(String org, List<String> labels, LeaseFence fence) {
        // under the import's lease: a stalled owner's late put replaced a catalog load's spelling
        var items = labels.stream().map(label -> CatalogItems.named(org, CatalogItems.LABEL, label)).toList();
        for (int from = 0; from < items.size(); from += LABELS_A_TRANSACTION) {
            putWhereAbsent(items.subList(from, Math.min(items.size(), from + LABELS_A_TRANSACTION)), fence);
        }
    }

    /**
     * Puts each of {@code items} only where the catalog has no item under its key: a catalog load
     * or another file may have created the label, in another case, since this file was validated,
     * and the catalog keeps that spelling (review "concurrent", 7 December 2026: put over, a load's
     * spelling was lost with no writer stalled). A resumed commit finds its own labels so.
     */
    private void putWhereAbsent(List<Map<String, AttributeValue>> items, LeaseFence fence) {
        var pending = items;
        while (!pending.isEmpty()) {
            var sent = pending;
            var reasons = batches.transact(fence, sent.stream().map(item -> TransactWriteItem.builder()
                    .put(put -> put.tableName(table).item(item).conditionExpression("attribute_not_exists(sk)")).build())
                    .toList(), cancelled -> { });
            pending = reasons.isEmpty() ? List.of() : IntStream.range(0, sent.size())
                    .filter(i -> !DynamoBatches.failedCondition(reasons, i)).mapToObj(sent::get).toList();
        }
    }

    /** Every catalog item of the org, raw (the CLI merges catalog files against these). */
    public List<Map<String, AttributeValue>> items(String org) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("org = :org")
                        .expressionAttributeValues(Map.of(":org", s(org))))
                .items().stream().toList();
    }

    private List<Map<String, AttributeValue>> query(String org, String skCondition, String sk) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("org = :org AND " + skCondition)
                        .expressionAttributeValues(Map.of(":org", s(org), ":sk", s(sk))))
                .items().stream().toList();
    }

    private QueryRequest.Builder partsQuery(String org, String prefix) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("org = :org AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":org", s(org), ":prefix", s(prefix)));
    }

    /** An org's parts as an import names them: a part number's revisions share a sort key prefix. */
    private final class Parts implements PartSource {
        private final String org;

        Parts(String org) {
            this.org = org;
        }

        @Override
        public List<Part> revisions(String partNumberKey) {
            var prefix = PARTS + partNumberKey + "#";
            if (KeyText.bytes(prefix) > KeyText.MAX_SORT_KEY_BYTES) {
                // no part has such a key (a load refuses it), and DynamoDB refuses the query: a
                // cell of 340 CJK characters was a stack trace and Lambda's retries, no report
                return List.of();
            }
            // a catalog load refuses '#' in part numbers: "part#a#" begins the keys of part "a" alone
            return CatalogItems.toParts(dynamo.queryPaginator(partsQuery(org, prefix).build()).items().stream().toList());
        }

        @Override
        public List<Part> all() {
            return CatalogItems.toParts(dynamo.queryPaginator(partsQuery(org, PARTS).build()).items().stream().toList());
        }
    }

    /** Deletes the org's catalog items of these sort keys (the CLI's, for parts stored under an older key form). */
    public void deleteAll(String org, List<String> sortKeys) {
        sortKeys.forEach(sortKey -> dynamo.deleteItem(b -> b.tableName(table).key(Map.of("org", s(org), "sk", s(sortKey)))));
    }

    /** Writes catalog items (each replaces the item with its key). */
    public void putAll(List<Map<String, AttributeValue>> items) {
        batches.putAll(table, items);
    }
}
