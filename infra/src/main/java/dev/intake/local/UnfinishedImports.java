package dev.intake.local;

import dev.intake.aws.DynamoImportLedger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The imports of the local bucket that a stopped serve (killed, or its machine asleep) left
 * unfinished: on AWS, Lambda's retry would finish each or undo it; locally nothing retries, so
 * the next serve delivers each one's own event again once its lease has run out. Before, such an
 * import stayed half written, with no report and nothing said (found by review on 4 December 2026).
 */
final class UnfinishedImports {

    private static final Set<String> UNFINISHED = Set.of("RUNNING", "COMMITTING", "ROLLING_BACK");

    /** One, with what its event carried (so that the delivery is the same upload) and when its lease ends. */
    record Unfinished(String key, String eTag, String versionId, long size, String sequencer, Instant leaseUntil) {

        String eventJson(String region, String bucket) {
            return S3Events.putEventJson(new S3Events.Upload(region, bucket, key, size, eTag, versionId, sequencer, Instant.now()));
        }
    }

    private UnfinishedImports() {}

    /** A scan of the imports table: fine for the local one. */
    static List<Unfinished> of(LocalAws aws) {
        return aws.dynamo().scanPaginator(b -> b.tableName(aws.config().importsTable()).consistentRead(true)).items().stream()
                .filter(item -> DynamoImportLedger.isImport(text(item, "importId")))
                .filter(item -> aws.bucket().equals(text(item, "bucket")) && UNFINISHED.contains(text(item, "status")))
                .map(item -> new Unfinished(text(item, "key"), text(item, "eTag"), text(item, "versionId"),
                        number(item, "size"), text(item, "sequencer"), Instant.ofEpochMilli(number(item, "leaseUntil"))))
                .toList();
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null ? null : value.s();
    }

    private static long number(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null || value.n() == null ? 0 : Long.parseLong(value.n());
    }
}
