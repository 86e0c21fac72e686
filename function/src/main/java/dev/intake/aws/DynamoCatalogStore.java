package dev.intake.aws;

import static dev.intake.aws.Attr.s;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.CatalogStore;
import dev.intake.core.commit.LeaseFence;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link CatalogStore} on CatalogTable: one paged Query loads an org's whole catalog. */
public final class DynamoCatalogStore implements CatalogStore {

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
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

    @Override
    public void addLabels(String org, List<String> labels, LeaseFence fence) {
        // under the import's lease: a stalled owner's late put replaced a catalog load's spelling
        // (found by review on 5 December 2026)
        batches.putAll(fence, table, labels.stream().map(label -> CatalogItems.named(org, CatalogItems.LABEL, label)).toList());
    }

    /** Every catalog item of the org, raw (the CLI merges catalog files against these). */
    public List<Map<String, AttributeValue>> items(String org) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true)
                        .keyConditionExpression("org = :org")
                        .expressionAttributeValues(Map.of(":org", s(org))))
                .items().stream().toList();
    }

    /** Writes catalog items (each replaces the item with its key). */
    public void putAll(List<Map<String, AttributeValue>> items) {
        batches.putAll(table, items);
    }
}
