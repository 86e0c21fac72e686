package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.commit.Stored;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The traces of an import's deletes ({@code Write.Delete#traced}): one item in ImportsTable per
 * deleted item, put in the delete's own transaction, keyed beside the import's undo journal
 * ({@code <importId>/journal/deleted/<identity>}) and expiring with it. A gone item is the
 * import's own delete only where its trace is there; otherwise another import deleted it, and
 * the undo leaves it gone (docs/lifecycle.md, docs/dynamodb.md).
 */
final class DeleteTraces {

    private static final String PREFIX = DynamoImportLedger.JOURNAL + "deleted/";

    private final String table;

    DeleteTraces(String table) {
        this.table = table;
    }

    /** The put of the trace of {@code deleted}'s delete by {@code importId}, for the delete's transaction. */
    TransactWriteItem put(String importId, Stored deleted) {
        var item = Map.of("importId", s(key(importId, deleted.identity())), "expiresAt",
                n(Instant.now().plus(Duration.ofDays(DynamoImportLedger.JOURNAL_DAYS)).getEpochSecond()));
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    /** What a trace adds to a transaction's bytes. */
    static long bytes(String importId, Stored deleted) {
        return ItemSize.of(Map.of("importId", s(key(importId, deleted.identity())), "expiresAt", n(Long.MAX_VALUE)));
    }

    /** Of {@code identities}, those whose delete by {@code importId} left its trace (consistent reads). */
    Set<String> found(DynamoBatches batches, String importId, Collection<String> identities) {
        List<Map<String, AttributeValue>> keys = identities.stream()
                .map(identity -> Map.of("importId", s(key(importId, identity)))).toList();
        var found = new HashSet<String>();
        for (var item : batches.getAll(table, keys)) {
            found.add(str(item, "importId").substring(importId.length() + PREFIX.length()));
        }
        return found;
    }

    private static String key(String importId, String identity) {
        return importId + PREFIX + identity;
    }
}
