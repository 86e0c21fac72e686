package dev.intake.local;

import dev.intake.aws.OrgScans;
import dev.intake.aws.DynamoImportLedger;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.DynamoPurchaseOrderStore;
import dev.intake.core.report.JsonText;
import java.io.PrintStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./intake dump}: stored records, one JSON object per line. With {@code --org} the lines
 * have exactly the public shape; without it every org is printed and each line starts with its
 * {@code org}, so lines of different orgs cannot be confused.
 */
final class Dump {

    /** Ledger attributes in reading order; any others follow alphabetically. */
    private static final List<String> IMPORT_FIELDS = List.of("importId", "org", "importer", "mode", "status", "bucket",
            "key", "versionId", "eTag", "sequencer", "size", "startedAt", "finishedAt", "rows", "created", "updated",
            "errors", "reportKey", "errorsKey");

    private final LocalAws aws;
    private final PrintStream out;

    Dump(LocalAws aws, PrintStream out) {
        this.aws = aws;
        this.out = out;
    }

    void inventory(String org) {
        var store = new DynamoInventoryStore(aws.dynamo(), aws.config().inventoryTable());
        for (var each : org != null ? List.of(org) : orgs(aws.config().inventoryTable())) {
            // streamed, as the export is: holding the org first ran a 100,000-item org out of 48 MB
            OrgScans.inventory(store, each).forEach(record -> print(org == null ? each : null, InventoryJson.of(record)));
        }
    }

    void purchaseOrders(String org) {
        var store = new DynamoPurchaseOrderStore(aws.dynamo(), aws.config().purchaseOrdersTable());
        for (var each : org != null ? List.of(org) : orgs(aws.config().purchaseOrdersTable())) {
            OrgScans.purchaseOrders(store, each).forEach(po -> print(org == null ? each : null, PurchaseOrderJson.of(po)));
        }
    }

    private void print(String org, Map<String, Object> json) {
        if (org != null) {
            var withOrg = new LinkedHashMap<String, Object>();
            withOrg.put("org", org);
            withOrg.putAll(json);
            json = withOrg;
        }
        out.println(JsonText.encode(json));
    }

    /**
     * The imports table in start order (its byOrg index with {@code --org}). An unfinished import
     * carries {@code event}: the S3 event that finishes it, the key URL-encoded as S3 sends it, to
     * send as it is (docs/deploy.md: a hand-built one with the key as stored named another object
     * where the key had a {@code +}, found by review on 6 December 2026).
     */
    void imports(String org) {
        var table = aws.config().importsTable();
        Stream<Map<String, AttributeValue>> items = org == null
                ? aws.dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                : aws.dynamo().queryPaginator(b -> b.tableName(table).indexName("byOrg")
                        .keyConditionExpression("org = :org")
                        .expressionAttributeValues(Map.of(":org", AttributeValue.fromS(org)))).items().stream();
        // The table also holds imports' undo journals and keys' newest uploads (docs/dynamodb.md): they are not imports.
        items.filter(item -> DynamoImportLedger.isImport(text(item, "importId")))
                .sorted(Comparator.comparing((Map<String, AttributeValue> item) -> text(item, "startedAt"))
                        .thenComparing(item -> text(item, "importId")))
                .forEach(item -> {
                    var json = ItemJson.of(item, IMPORT_FIELDS);
                    if (BucketImports.isUnfinished(item)) {
                        json.put("event", BucketImports.unfinished(item).eventJson(aws.region(), text(item, "bucket")));
                    }
                    out.println(JsonText.encode(json));
                });
    }

    /** Every org with at least one item in the table; a scan, fine for local and seeded data. */
    private List<String> orgs(String table) {
        var orgs = new TreeSet<String>();
        aws.dynamo().scanPaginator(b -> b.tableName(table).projectionExpression("org"))
                .items().forEach(item -> orgs.add(item.get("org").s()));
        return List.copyOf(orgs);
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null || value.s() == null ? "" : value.s();
    }
}
