package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;

/**
 * The check every handler test runs under ({@link FunctionRoleCheck}, on in {@link Emulators}):
 * that it reads template.yaml's role as IAM would and refuses what the role does not grant, so
 * that the suite passing means the deployed function may do what it does.
 */
class FunctionRoleTest {

    private static final Path TEMPLATE = Path.of("..", "template.yaml");
    private static final Map<String, String> TABLES = Map.of("InventoryTable", "inv", "CatalogTable", "cat",
            "ImportsTable", "imp", "PurchaseOrdersTable", "po", "SerialsTable", "ser");

    private final FunctionRole role = role(Map.of());

    @Test
    void allows_whatTheFunctionDoes_onItsOwnTablesBucketAndBus() {
        assertThat(role.allows("dynamodb:PutItem", role.tableArn("inv"))).isTrue();
        assertThat(role.allows("dynamodb:Query", role.tableArn("inv") + "/index/byParent")).isTrue();
        assertThat(role.allows("dynamodb:DeleteItem", role.tableArn("ser"))).isTrue();
        assertThat(role.allows("s3:GetObjectVersion", "arn:aws:s3:::" + role.stackBucketName() + "/acme/part-inventory/a.csv"))
                .isTrue();
        assertThat(role.allows("s3:PutObject", "arn:aws:s3:::" + role.stackBucketName() + "/acme/part-inventory/a.csv.report.json"))
                .isTrue();
        assertThat(role.allows("events:PutEvents", role.busArn("default"))).isTrue();
    }

    @Test
    void allows_nothingElse_notAnUploadNotAScanNotADeleteOfImportsNotAnotherBucketOrBus() {
        assertThat(role.allows("s3:PutObject", "arn:aws:s3:::" + role.stackBucketName() + "/acme/part-inventory/a.csv"))
                .as("writing an upload").isFalse();
        assertThat(role.allows("s3:GetObject", "arn:aws:s3:::other-bucket/a.csv")).as("another bucket").isFalse();
        assertThat(role.allows("dynamodb:Scan", role.tableArn("inv"))).isFalse();
        assertThat(role.allows("dynamodb:DeleteItem", role.tableArn("imp"))).isFalse();
        assertThat(role.allows("dynamodb:PutItem", role.tableArn("someone-elses"))).isFalse();
        assertThat(role.allows("events:PutEvents", role.busArn("other-bus"))).isFalse();
        assertThat(role.allows("logs:CreateLogGroup", "arn:aws:logs:us-east-1:" + FunctionRole.ACCOUNT + ":log-group:x:*"))
                .as("the boundary's logs").isFalse();
    }

    @Test
    void allows_theBusTheStackIsDeployedWith() {
        var withBus = role(Map.of("EventBusName", "intake-bus"));

        assertThat(withBus.allows("events:PutEvents", withBus.busArn("intake-bus"))).isTrue();
        assertThat(withBus.allows("events:PutEvents", withBus.busArn("default"))).isFalse();
    }

    @Test
    void needed_aTransaction_isEachOfItsItemsActionOnItsTable() {
        var check = new FunctionRoleCheck(role, "intake-local", new ArrayList<>());
        var request = TransactWriteItemsRequest.builder().transactItems(
                TransactWriteItem.builder().put(Put.builder().tableName("inv").build()).build(),
                TransactWriteItem.builder().delete(Delete.builder().tableName("ser").build()).build(),
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder().tableName("imp").build()).build()).build();

        assertThat(check.needed(request)).containsExactly(
                new FunctionRoleCheck.Permission("dynamodb:PutItem", role.tableArn("inv")),
                new FunctionRoleCheck.Permission("dynamodb:DeleteItem", role.tableArn("ser")),
                new FunctionRoleCheck.Permission("dynamodb:ConditionCheckItem", role.tableArn("imp")));
    }

    @Test
    void needed_aVersionReadOfTheLocalBucket_isGetObjectVersionOnTheStacksBucket() {
        var check = new FunctionRoleCheck(role, "intake-local", new ArrayList<>());

        assertThat(check.needed(GetObjectRequest.builder().bucket("intake-local").key("acme/a.csv").versionId("v1").build()))
                .containsExactly(new FunctionRoleCheck.Permission("s3:GetObjectVersion",
                        "arn:aws:s3:::" + role.stackBucketName() + "/acme/a.csv"));
    }

    @Test
    void beforeExecution_aRequestTheRoleRefuses_isRefusedAndRecorded() {
        var refusals = new ArrayList<String>();
        var check = new FunctionRoleCheck(role, "intake-local", refusals);
        var inventoryIndexQuery = QueryRequest.builder().tableName("inv").indexName("byParent").build();
        var batch = BatchWriteItemRequest.builder().requestItems(Map.of("someone-elses", List.of(WriteRequest.builder().build())))
                .build();

        assertThat(check.needed(inventoryIndexQuery)).hasSize(1);
        assertThat(role.allows("dynamodb:Query", role.tableArn("inv") + "/index/byParent")).isTrue();
        assertThat(refused(check, batch)).contains("dynamodb:BatchWriteItem on " + role.tableArn("someone-elses"));
        assertThat(refused(check, QueryRequest.builder().tableName("imp").indexName("byOrg").build()))
                .as("the import history's index: the CLI's, not the function's (review, 6 December 2026)")
                .contains("dynamodb:Query on " + role.tableArn("imp") + "/index/byOrg");
        assertThat(refused(check, DescribeTableRequest.builder().tableName("inv").build()))
                .as("a kind of request the check does not know").contains("no IAM action known here for DescribeTableRequest");
        assertThat(refusals).hasSize(3);
    }

    private static String refused(FunctionRoleCheck check, software.amazon.awssdk.core.SdkRequest request) {
        try {
            check.beforeExecution(() -> request, new software.amazon.awssdk.core.interceptor.ExecutionAttributes());
        } catch (RuntimeException refusal) {
            return refusal.getMessage();
        }
        throw new AssertionError("not refused: " + request);
    }

    private static FunctionRole role(Map<String, String> parameters) {
        try {
            return FunctionRole.of(TEMPLATE, "us-east-1", TABLES, parameters);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
