package dev.intake.aws;

import java.util.HashMap;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * For tests of imports in flight across a deploy: rewrites an import's undo journal as the Intake
 * before delete traces left it (entries in a list, none marked {@code traced}). In this package
 * for {@link PackedAttributes}, which the function keeps to itself.
 */
public final class JournalsBeforeTraces {

    private JournalsBeforeTraces() {}

    /** Rewrites the journal items of {@code importId} in {@code table}; returns how many there were. */
    public static int rewrite(DynamoDbClient dynamo, String table, String importId) {
        var prefix = importId + DynamoImportLedger.JOURNAL;
        int rewritten = 0;
        for (var item : dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items()) {
            var key = item.get("importId").s();
            if (!key.startsWith(prefix) || !item.containsKey("packedEntries")) {
                continue; // not this import's journal, or a trace
            }
            List<AttributeValue> old = PackedAttributes.unpack(item.get("packedEntries")).stream().map(entry -> {
                var map = new HashMap<>(entry.m());
                map.remove("traced");
                return AttributeValue.fromM(map);
            }).toList();
            var asBefore = new HashMap<>(item);
            asBefore.remove("packedEntries");
            asBefore.put("entries", AttributeValue.fromL(old));
            dynamo.putItem(b -> b.tableName(table).item(asBefore));
            rewritten++;
        }
        return rewritten;
    }
}
