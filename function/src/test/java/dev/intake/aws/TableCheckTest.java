package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.IntakeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * What the check costs a healthy deployment: one request, once. Seven (a read of each table and
 * of the inventory table's two indexes) added a tenth of a second to a cold start's first import,
 * measured by ./benchmark cold-start on 6 December 2026. The failures are shown against DynamoDB
 * Local in MisconfiguredFunctionTest.
 */
class TableCheckTest {

    private final List<String> requests = new ArrayList<>();

    private final DynamoDbClient dynamo = new DynamoDbClient() {
        @Override
        public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
            requests.add("BatchGetItem " + request.requestItems().keySet());
            return BatchGetItemResponse.builder().responses(Map.of()).build();
        }

        @Override
        public GetItemResponse getItem(GetItemRequest request) {
            requests.add("GetItem " + request.tableName());
            return GetItemResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {}
    };

    @Test
    void requireOnce_healthyTables_oneBatchGetItemOfEveryTable_thenNothing() {
        var check = new TableCheck(dynamo, IntakeConfig.from(Map.of()));

        check.requireOnce();
        check.requireOnce();

        assertThat(requests).containsExactly(
                "BatchGetItem [intake-imports, intake-catalog, intake-inventory, intake-purchase-orders, intake-serials]");
    }
}
