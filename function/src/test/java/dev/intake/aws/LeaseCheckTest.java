package dev.intake.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.core.commit.LeaseFence;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The lease check on the function's own DynamoDB client, against an HTTP client that answers in
 * the JVM and counts what reaches it: a fenced request goes out only while its fence passes, on
 * every attempt the SDK makes.
 */
class LeaseCheckTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static final String THROTTLED = "{\"__type\":\"com.amazonaws.dynamodb.v20120810#ThrottlingException\","
            + "\"message\":\"Throughput exceeds the current capacity of your table or index\"}";

    /** Answers each request with the next of its answers (an empty success once they run out), counting them. */
    private static final class AnsweringHttp implements SdkHttpClient {
        private final ArrayDeque<String[]> answers = new ArrayDeque<>();
        private final AtomicInteger sent = new AtomicInteger();

        AnsweringHttp then(int status, String body) {
            answers.add(new String[] {String.valueOf(status), body});
            return this;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    sent.incrementAndGet();
                    var answer = answers.isEmpty() ? new String[] {"200", "{}"} : answers.poll();
                    var body = answer[1].getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(Integer.parseInt(answer[0]))
                                    .putHeader("Content-Length", String.valueOf(body.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
                }

                @Override
                public void abort() {
                    // answered at once
                }
            };
        }

        @Override
        public void close() {
            // nothing held
        }
    }

    /** One put under {@code fence}, as a commit's unit of creates sends it, through the function's client. */
    private static void putOne(DynamoBatches batches, LeaseFence fence) {
        batches.putAll(fence, "inventory", List.of(Map.of("org", AttributeValue.fromS("acme"), "id", AttributeValue.fromN("1"))));
    }

    private static DynamoBatches batchesOver(AnsweringHttp http) {
        return new DynamoBatches(LambdaClients.dynamo(http, CREDENTIALS, Region.US_EAST_1));
    }

    @Test
    void fencedWrite_fenceRefuses_nothingSentAndTheFencesExceptionReachesTheCaller() {
        var http = new AnsweringHttp();
        var refused = new IllegalStateException("lease runs out");

        assertThatThrownBy(() -> putOne(batchesOver(http), () -> {
            throw refused;
        })).isSameAs(refused);

        assertThat(http.sent).as("requests that reached the HTTP client").hasValue(0);
    }

    @Test
    void fencedWrite_throttledThenTheLeaseRunsOut_theSdksRetryIsNotSent() {
        var http = new AnsweringHttp().then(400, THROTTLED);
        var checks = new AtomicInteger();
        var refused = new IllegalStateException("lease runs out");
        LeaseFence runsOutAfterTheFirstAttempt = () -> {
            if (checks.incrementAndGet() > 1) {
                throw refused;
            }
        };

        assertThatThrownBy(() -> putOne(batchesOver(http), runsOutAfterTheFirstAttempt)).isSameAs(refused);

        assertThat(checks).as("the fence checked on the SDK's retry too").hasValue(2);
        assertThat(http.sent).as("only the throttled first attempt went out").hasValue(1);
    }

    @Test
    void fencedWrite_fencePasses_sentOnce() {
        var http = new AnsweringHttp();
        var checks = new AtomicInteger();

        putOne(batchesOver(http), checks::incrementAndGet);

        assertThat(checks).hasValue(1);
        assertThat(http.sent).hasValue(1);
    }

    @Test
    void writeOutsideAnyLease_goesOutUnchecked() {
        var http = new AnsweringHttp();
        var dynamo = LambdaClients.dynamo(http, CREDENTIALS, Region.US_EAST_1);

        dynamo.batchWriteItem(b -> b.requestItems(Map.of("inventory", List.of(WriteRequest.builder()
                .putRequest(PutRequest.builder().item(Map.of("id", AttributeValue.fromN("1"))).build()).build())))
                .overrideConfiguration(LeaseCheck.fenced(LeaseFence.NONE)));

        assertThat(http.sent).hasValue(1);
    }

    @Test
    void requireOn_theFunctionsClient_accepted() {
        LeaseCheck.requireOn(LambdaClients.dynamo(new AnsweringHttp(), CREDENTIALS, Region.US_EAST_1));
    }

    @Test
    void requireOn_clientWithoutTheCheck_refused() {
        var bare = DynamoDbClient.builder().httpClient(new AnsweringHttp()).credentialsProvider(CREDENTIALS)
                .region(Region.US_EAST_1).build();

        assertThatThrownBy(() -> LeaseCheck.requireOn(bare)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must check imports' leases");
    }

    /** A test's fault or stall after the check would stand between the check and the send. */
    @Test
    void requireOn_checkBeforeAnotherInterceptor_refused() {
        var checkFirst = DynamoDbClient.builder().httpClient(new AnsweringHttp()).credentialsProvider(CREDENTIALS)
                .region(Region.US_EAST_1).overrideConfiguration(o -> o.addExecutionInterceptor(new LeaseCheck())
                        .addExecutionInterceptor(new ExecutionInterceptor() { })).build();

        assertThatThrownBy(() -> LeaseCheck.requireOn(checkFirst)).isInstanceOf(IllegalArgumentException.class);
    }
}
