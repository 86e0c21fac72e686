package dev.intake.local;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Fails chosen SDK calls on cue, per attempt, between the handler and the real emulators:
 * after {@code passing} calls of an operation go through, the next {@code times} get the fault.
 */
final class FaultInjector implements ExecutionInterceptor {

    enum Fault {
        /** DynamoDB says "slow down" before doing anything (400 ThrottlingException). */
        THROTTLE,
        /** DynamoDB fails before doing anything (500). */
        SERVER_ERROR,
        /** The write lands, but the answer is lost: the client sees a 500 (and retries). */
        SERVER_ERROR_AFTER_WRITE,
        /** The function dies here: no cleanup runs, no lease is given back. */
        CRASH,
        /** An S3 read starts, then the connection breaks partway through the body. */
        BROKEN_STREAM,
        /** Something else happens first (another import, say), then the call goes ahead. */
        INTERLEAVE
    }

    /** Stands for the process dying: an Error, so no code path catches it as a failure to clean up. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    private volatile String operation = "";
    private volatile Runnable interleaved = () -> { };
    private volatile Fault fault;
    private volatile int passing;
    private final AtomicInteger remaining = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    void failAfter(String operation, int passing, Fault fault, int times) {
        this.operation = operation;
        this.passing = passing;
        this.fault = fault;
        calls.set(0);
        remaining.set(times);
    }

    /** Runs {@code action} just before the ({@code passing}+1)-th call of {@code operation}. */
    void interleaveBefore(String operation, int passing, Runnable action) {
        this.interleaved = action;
        failAfter(operation, passing, Fault.INTERLEAVE, 1);
    }

    void clear() {
        remaining.set(0);
    }

    /** Attempts of the chosen operation so far. */
    int calls() {
        return calls.get();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (fault == Fault.SERVER_ERROR_AFTER_WRITE || fault == Fault.BROKEN_STREAM || !due(attributes)) {
            return;
        }
        remaining.decrementAndGet();
        switch (fault) {
            case THROTTLE -> throw dynamoError(400, "ThrottlingException");
            case SERVER_ERROR -> throw dynamoError(500, "InternalServerError");
            case CRASH -> throw new SimulatedCrash();
            case INTERLEAVE -> interleaved.run();
            default -> { }
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        if (fault != Fault.SERVER_ERROR_AFTER_WRITE || !due(attributes)) {
            return context.httpResponse();
        }
        remaining.decrementAndGet();
        return context.httpResponse().toBuilder().statusCode(500).build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        if (fault != Fault.BROKEN_STREAM || context.responseBody().isEmpty() || !due(attributes)) {
            return context.responseBody();
        }
        remaining.decrementAndGet();
        return Optional.of(new BreaksAfter(context.responseBody().get(), 100));
    }

    /** A body that delivers {@code limit} bytes, then fails as a reset connection would. */
    private static final class BreaksAfter extends FilterInputStream {
        private int left;

        BreaksAfter(InputStream in, int limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left-- <= 0) {
                throw new IOException("injected: connection reset");
            }
            return super.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (left <= 0) {
                throw new IOException("injected: connection reset");
            }
            int n = super.read(buffer, offset, Math.min(length, left));
            left -= Math.max(n, 0);
            return n;
        }
    }

    private boolean due(ExecutionAttributes attributes) {
        if (!operation.equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return false;
        }
        return calls.incrementAndGet() > passing && remaining.get() > 0;
    }

    private static DynamoDbException dynamoError(int status, String code) {
        return (DynamoDbException) DynamoDbException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("injected " + code).build())
                .message("injected " + code)
                .build();
    }
}
