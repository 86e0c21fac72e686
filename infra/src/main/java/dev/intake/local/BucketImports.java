package dev.intake.local;

import dev.intake.aws.DynamoImportLedger;
import dev.intake.core.imports.ImportTicket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the imports table says of the local bucket's uploads when a serve starts: which uploads
 * (key and eTag) an import has taken, whatever became of it, and which imports a stopped serve
 * (killed, or its machine asleep) left unfinished. On AWS, Lambda's retry would finish such an
 * import or undo it; locally nothing retries, so the next serve delivers each one's own event
 * again once its lease has run out. Before, such an import stayed half written, with no report
 * and nothing said.
 */
final class BucketImports {

    static final Set<String> UNFINISHED = Set.of("RUNNING", "COMMITTING", "ROLLING_BACK");
    /** A read's filter keeping the {@link #UNFINISHED} imports ({@code #status} names the status), with {@link #unfinishedValues}. */
    static final String UNFINISHED_FILTER = "#status IN (:running, :committing, :rollingBack)";

    /** The values of {@link #UNFINISHED_FILTER}, beside {@code more}. */
    static Map<String, AttributeValue> unfinishedValues(Map<String, AttributeValue> more) {
        var values = new HashMap<>(more);
        values.putAll(Map.of(":running", AttributeValue.fromS("RUNNING"), ":committing", AttributeValue.fromS("COMMITTING"),
                ":rollingBack", AttributeValue.fromS("ROLLING_BACK")));
        return values;
    }

    /** One unfinished, with what its event carried (so that the delivery is the same upload) and when its lease ends. */
    record Unfinished(String key, String eTag, String versionId, long size, String sequencer, Instant leaseUntil) {

        /**
         * The order they are finished in: a key's uploads in upload order, since a later one built
         * on an earlier one is given back until that one has finished (found by review on 6
         * December 2026: in the table's scan order, a correction came first and was given back again).
         */
        static final Comparator<Unfinished> IN_UPLOAD_ORDER = Comparator.comparing(Unfinished::key)
                .thenComparing(left -> ImportTicket.orderOf(left.sequencer()).orElse(""));

        String eventJson(String region, String bucket) {
            return S3Events.putEventJson(new S3Events.Upload(region, bucket, key, size, eTag, versionId, sequencer, Instant.now()));
        }
    }

    private final List<Unfinished> unfinished;
    /** The last start of an import of each upload, by key and eTag. */
    private final Map<String, Instant> lastStarted;

    private BucketImports(List<Unfinished> unfinished, Map<String, Instant> lastStarted) {
        this.unfinished = List.copyOf(unfinished);
        this.lastStarted = Map.copyOf(lastStarted);
    }

    /** A scan of the imports table: fine for the local one. */
    static BucketImports read(LocalAws aws) {
        var unfinished = new ArrayList<Unfinished>();
        var lastStarted = new HashMap<String, Instant>();
        aws.dynamo().scanPaginator(b -> b.tableName(aws.config().importsTable()).consistentRead(true)).items().stream()
                .filter(item -> DynamoImportLedger.isImport(text(item, "importId")) && aws.bucket().equals(text(item, "bucket")))
                .forEach(item -> {
                    var started = text(item, "startedAt") == null ? Instant.EPOCH : Instant.parse(text(item, "startedAt"));
                    lastStarted.merge(upload(text(item, "key"), text(item, "eTag")), started, (a, b) -> a.isAfter(b) ? a : b);
                    if (isUnfinished(item)) {
                        unfinished.add(unfinished(item));
                    }
                });
        unfinished.sort(Unfinished.IN_UPLOAD_ORDER);
        return new BucketImports(unfinished, lastStarted);
    }

    List<Unfinished> unfinished() {
        return unfinished;
    }

    /**
     * Only the unfinished imports of the local bucket: what {@code ./intake import} and {@code
     * invoke} look for first. A scan of the imports table, journals included, with only what an
     * event needs sent back (a journal's entries are not).
     */
    static List<Unfinished> unfinishedOnly(LocalAws aws) {
        return aws.dynamo().scanPaginator(b -> b.tableName(aws.config().importsTable()).consistentRead(true)
                        .filterExpression(UNFINISHED_FILTER + " AND #bucket = :bucket")
                        .projectionExpression("importId, #key, eTag, versionId, #size, sequencer, leaseUntil")
                        .expressionAttributeNames(Map.of("#status", "status", "#bucket", "bucket", "#key", "key", "#size", "size"))
                        .expressionAttributeValues(unfinishedValues(Map.of(":bucket", AttributeValue.fromS(aws.bucket())))))
                .items().stream()
                .filter(item -> DynamoImportLedger.isImport(text(item, "importId")))
                .map(BucketImports::unfinished)
                .sorted(Unfinished.IN_UPLOAD_ORDER)
                .toList();
    }

    /** An import of an org that has not finished, named as an operator knows it: by its file. */
    record OfOrg(String importId, String key, String status) {

        /** Whether it may have written some of its changes and not the rest: committing, or being undone. */
        boolean partlyWritten() {
            return !"RUNNING".equals(status);
        }
    }

    /**
     * The org's imports that have not finished and that {@code which} keeps, from the imports
     * table's byOrg index (the org's whole history is read, and filtered by the server), at most
     * {@code limit} of them: kept before they are counted, or ten imports left RUNNING hid the one
     * half written (review "own49").
     */
    static List<OfOrg> unfinishedOfOrg(DynamoDbClient dynamo, String importsTable, String org, Predicate<OfOrg> which, int limit) {
        return dynamo.queryPaginator(b -> b.tableName(importsTable).indexName("byOrg")
                        .keyConditionExpression("org = :org")
                        .filterExpression(UNFINISHED_FILTER)
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(unfinishedValues(Map.of(":org", AttributeValue.fromS(org)))))
                .items().stream().filter(item -> DynamoImportLedger.isImport(text(item, "importId")))
                .map(item -> new OfOrg(text(item, "importId"), text(item, "key"), text(item, "status")))
                .filter(which).limit(limit).toList();
    }

    /** Whether the import item is unfinished: RUNNING, COMMITTING or ROLLING_BACK. */
    static boolean isUnfinished(Map<String, AttributeValue> item) {
        return UNFINISHED.contains(text(item, "status"));
    }

    static Unfinished unfinished(Map<String, AttributeValue> item) {
        return new Unfinished(text(item, "key"), text(item, "eTag"), text(item, "versionId"), number(item, "size"),
                text(item, "sequencer"), Instant.ofEpochMilli(number(item, "leaseUntil")));
    }

    /**
     * Whether an import took the upload of {@code key} made at {@code uploadedAt} (an eTag with or
     * without S3's quotes): one of its bytes that began since. The same bytes uploaded again later
     * are a new upload (SPEC §3), which an earlier import did not take (found by review on 4
     * December 2026).
     */
    boolean taken(String key, String eTag, Instant uploadedAt) {
        var started = lastStarted.get(upload(key, eTag));
        return started != null && !started.isBefore(uploadedAt);
    }

    private static String upload(String key, String eTag) {
        return key + "\n" + (eTag == null ? "" : eTag.replace("\"", ""));
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
