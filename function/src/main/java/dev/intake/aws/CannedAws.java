package dev.intake.aws;

import dev.intake.IntakeConfig;
import dev.intake.core.report.JsonText;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3, DynamoDB and EventBridge clients built exactly like the deployed function's, except that
 * their HTTP client answers in memory ({@link CannedHttpClient}) and their credentials are fixed:
 * what priming exercises the handler with. Nothing they do leaves the JVM.
 */
public final class CannedAws implements AutoCloseable {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming"));

    private final S3Client s3;
    private final DynamoDbClient dynamo;
    private final EventBridgeClient eventBridge;

    private CannedAws(S3Client s3, DynamoDbClient dynamo, EventBridgeClient eventBridge) {
        this.s3 = s3;
        this.dynamo = dynamo;
        this.eventBridge = eventBridge;
    }

    /**
     * {@code objects}: by key, what a GetObject of it returns; {@code queried}: by table name, the
     * items a Query of that table finds (each query gets them all, whatever it asks), as the
     * catalog a priming import validates against.
     */
    public static CannedAws answering(Map<String, byte[]> objects, Map<String, List<Map<String, AttributeValue>>> queried,
                                      Map<String, String> env) {
        var answers = new java.util.HashMap<String, byte[]>();
        queried.forEach((table, items) -> answers.put(table, JsonText.encode(Map.of("Items", items.stream().map(CannedAws::wire)
                .toList(), "Count", items.size(), "ScannedCount", items.size())).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        var http = new CannedHttpClient(objects, answers);
        // The region of the function's, when it has one, so the same endpoint rules run.
        var region = Region.of(env.getOrDefault("AWS_REGION", "us-east-1"));
        return new CannedAws(LambdaClients.s3(http, CREDENTIALS, region, env), LambdaClients.dynamo(http, CREDENTIALS, region),
                LambdaClients.eventBridge(http, CREDENTIALS, region));
    }

    /** An item as DynamoDB's JSON protocol writes it: each value under its type's name. */
    private static Map<String, Object> wire(Map<String, AttributeValue> item) {
        var wired = new java.util.TreeMap<String, Object>();
        item.forEach((name, value) -> wired.put(name, wire(value)));
        return wired;
    }

    private static Map<String, Object> wire(AttributeValue value) {
        return switch (value.type()) {
            case S -> Map.of("S", value.s());
            case N -> Map.of("N", value.n());
            case BOOL -> Map.of("BOOL", value.bool());
            case L -> Map.of("L", value.l().stream().map(CannedAws::wire).toList());
            case M -> Map.of("M", wire(value.m()));
            default -> throw new IllegalArgumentException("no canned form for " + value.type());
        };
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    public EventBridgeClient eventBridge() {
        return eventBridge;
    }

    /**
     * Marshals, signs and "sends" the write requests a commit makes (batched puts, transactions with
     * conditions, deletes), which a priming import that fails validation never reaches.
     */
    public void marshalCommitWrites(IntakeConfig config) {
        var item = Map.of("org", AttributeValue.fromS("priming"), "id", AttributeValue.fromN("1"),
                "sk", AttributeValue.fromS("priming"));
        dynamo.batchWriteItem(b -> b.requestItems(Map.of(config.inventoryTable(),
                List.of(WriteRequest.builder().putRequest(p -> p.item(item)).build()))));
        dynamo.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(config.inventoryTable()).item(item)
                        .conditionExpression("attribute_not_exists(id) OR version = :v")
                        .expressionAttributeValues(Map.of(":v", AttributeValue.fromN("1")))).build(),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(config.catalogTable()).key(item)
                        .conditionExpression("attribute_exists(org)")).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(config.purchaseOrdersTable()).key(item)).build()));
        dynamo.deleteItem(b -> b.tableName(config.inventoryTable()).key(item));
    }

    @Override
    public void close() {
        s3.close();
        dynamo.close();
        eventBridge.close();
    }
}
