package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.commit.LeaseFence;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * What DynamoDB on AWS answers that DynamoDB Local never does, each on a client that answers as
 * AWS may (found by review "dynamo" on 6 December 2026; no emulator test can meet them).
 */
class DynamoBatchesTest {

    /**
     * An on-demand table that is scaling cancels a transaction for want of capacity, per item,
     * with reason ThrottlingError or ProvisionedThroughputExceeded: a TransactionCanceledException,
     * which the SDK does not retry. It failed the invocation at once.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ThrottlingError", "ProvisionedThroughputExceeded"})
    void transact_cancelledOnceForCapacity_backsOffAndLands(String reason) {
        var calls = new AtomicInteger();
        var dynamo = new StubDynamo() {
            @Override
            public TransactWriteItemsResponse transactWriteItems(TransactWriteItemsRequest request) {
                if (calls.incrementAndGet() == 1) {
                    throw cancelled(reason);
                }
                return TransactWriteItemsResponse.builder().build();
            }
        };
        var put = TransactWriteItem.builder().put(p -> p.tableName("t").item(Map.of("k", AttributeValue.fromS("a")))).build();

        var reasons = new DynamoBatches(dynamo).transact(LeaseFence.NONE, List.of(put, put), cancelled -> { });

        assertThat(reasons).as("landed on a later attempt, as a TransactionConflict does").isEmpty();
        assertThat(calls).hasValue(2);
    }

    /**
     * A plain write of an item another request's transaction holds at that moment is refused
     * with TransactionConflictException, which the SDK does not retry: an undo's deletes met it
     * exactly when another import wrote the same items, and failed the invocation.
     */
    @Test
    void conditionalWrite_refusedOnceForATransactionOnTheItem_waitsItOutAndIsApplied() {
        var calls = new AtomicInteger();
        var dynamo = new StubDynamo() {
            @Override
            public DeleteItemResponse deleteItem(DeleteItemRequest request) {
                if (calls.incrementAndGet() == 1) {
                    throw (TransactionConflictException) TransactionConflictException.builder().statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionConflictException")
                                    .errorMessage("Transaction is ongoing for the item").build())
                            .build();
                }
                return DeleteItemResponse.builder().build();
            }
        };

        boolean applied = ConditionalWrite.applied(() -> dynamo.deleteItem(b -> b.tableName("t")));

        assertThat(applied).isTrue();
        assertThat(calls).hasValue(2);
    }

    /**
     * Validation reads claims eventually consistent, which on AWS may answer with a claim as it
     * was a moment before: SN-1 held by 1001, which gave it up since (the claim is a trace now).
     * The serial was refused as DUPLICATE_SERIAL "already used by inventory 1001".
     */
    @Test
    void lookUp_claimAnEventuallyConsistentReadFindsHeld_isReadAgainAndFoundGivenUp() {
        var serial = new SerialKey("WIDGET-A", "SN-1");
        var asItWas = SerialItems.toItem("acme", new SerialClaim(serial, 1001), "import-a");
        var asItIs = new HashMap<>(asItWas);
        asItIs.remove("id");
        var dynamo = new StubDynamo() {
            @Override
            public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
                boolean consistent = Boolean.TRUE.equals(request.requestItems().get("serials").consistentRead());
                return BatchGetItemResponse.builder().responses(Map.of("serials", List.of(consistent ? asItIs : asItWas))).build();
            }
        };

        var lookup = new DynamoSerialRegistry(dynamo, "serials").lookUp("acme", List.of(serial));

        assertThat(lookup.holders()).as("held by nobody now").isEmpty();
        assertThat(lookup.givenUp()).singleElement().satisfies(trace -> assertThat(trace.item().key()).isEqualTo(serial));
    }

    private static TransactionCanceledException cancelled(String reason) {
        return (TransactionCanceledException) TransactionCanceledException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                        .errorMessage("Transaction cancelled, please refer cancellation reasons for specific reasons [" + reason + ", None]")
                        .build())
                .cancellationReasons(CancellationReason.builder().code(reason)
                                .message("Throughput exceeds the current capacity of your table or index.").build(),
                        CancellationReason.builder().code("None").build())
                .build();
    }

    /** A client whose every call not overridden fails (the interface's defaults throw). */
    private abstract static class StubDynamo implements DynamoDbClient {
        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }
}
