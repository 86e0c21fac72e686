package dev.intake.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The whole state of an {@link Emulators}: every key of its bucket, the import history, and a
 * wipe, for tests whose event files fix the org and the object (so they cannot use a fresh org)
 * and for checks on everything the function wrote.
 */
final class EmulatorState {

    private EmulatorState() {}

    /** Every key in the bucket, sorted. */
    static List<String> keys(Emulators emulators) {
        var aws = emulators.aws;
        return aws.s3().listObjectsV2Paginator(b -> b.bucket(aws.bucket())).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    /** The imports table's import items (the history), without the undo-journal items beside them. */
    static List<Map<String, AttributeValue>> imports(Emulators emulators) {
        var aws = emulators.aws;
        return aws.dynamo().scanPaginator(b -> b.tableName(aws.config().importsTable()).consistentRead(true))
                .items().stream().filter(item -> !item.get("importId").s().contains("/journal/")).toList();
    }

    /** Empties every table (id counters included) and the bucket, without restarting the emulators. */
    static void reset(Emulators emulators) {
        var aws = emulators.aws;
        var config = aws.config();
        for (var table : List.of(config.inventoryTable(), config.catalogTable(), config.purchaseOrdersTable(),
                config.importsTable())) {
            var keyNames = aws.dynamo().describeTable(b -> b.tableName(table)).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName).toList();
            var deletes = new ArrayList<WriteRequest>();
            aws.dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item -> {
                var key = new HashMap<String, AttributeValue>();
                keyNames.forEach(name -> key.put(name, item.get(name)));
                deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
            });
            for (int from = 0; from < deletes.size(); from += 25) {
                Map<String, List<WriteRequest>> pending = Map.of(table, deletes.subList(from, Math.min(from + 25, deletes.size())));
                while (!pending.isEmpty()) {
                    var request = pending;
                    pending = aws.dynamo().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
            }
        }
        keys(emulators).forEach(key -> aws.s3().deleteObject(b -> b.bucket(aws.bucket()).key(key)));
    }
}
