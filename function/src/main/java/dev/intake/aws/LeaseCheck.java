package dev.intake.aws;

import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.LeaseFence;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Checks an import's {@link LeaseFence} as each of its write requests goes out: the last step
 * before the HTTP client sends it, and again for every attempt the SDK retries (a throttled call
 * backs off for seconds). The request carries its fence ({@link #fenced}); requests that carry
 * none (reads, the ledger's writes, which its owner condition fences already, a catalog load)
 * pass unchecked. Every DynamoDB client a handler is given must have it, last among its
 * interceptors ({@link #requireOn}).
 */
public final class LeaseCheck implements ExecutionInterceptor {

    private static final ExecutionAttribute<LeaseFence> FENCE = new ExecutionAttribute<>("IntakeLeaseFence");

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        var fence = attributes.getAttribute(FENCE);
        if (fence != null) {
            fence.check();
        }
    }

    /** A request's override that makes it go out under {@code scope}'s fence. */
    static Consumer<AwsRequestOverrideConfiguration.Builder> fenced(CommitStore.Scope scope) {
        return fenced(scope.fence());
    }

    static Consumer<AwsRequestOverrideConfiguration.Builder> fenced(LeaseFence fence) {
        return fence == LeaseFence.NONE ? override -> { } : override -> override.putExecutionAttribute(FENCE, fence);
    }

    /**
     * @throws IllegalArgumentException where {@code dynamo} would send an import's writes without
     *     checking its lease: a client built without this interceptor, as a test's or a tool's could be
     */
    public static void requireOn(DynamoDbClient dynamo) {
        var interceptors = dynamo.serviceClientConfiguration().overrideConfiguration().executionInterceptors();
        if (interceptors.isEmpty() || !(interceptors.getLast() instanceof LeaseCheck)) {
            throw new IllegalArgumentException("the DynamoDB client must check imports' leases as its last interceptor:"
                    + " add a dev.intake.aws.LeaseCheck to its override configuration");
        }
    }
}
