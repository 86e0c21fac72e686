package dev.intake.local;

import dev.intake.aws.DynamoImportLedger;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Fails chosen SDK calls on cue, per attempt, between the handler and the real emulators:
 * after {@code passing} calls of an operation go through, the next {@code times} get the fault.
 * Registered as a test extension, it fails a test whose interleaved action never ran: the call it
 * waited for never came, so the test did not put its two parties where it says (a reload test's
 * hook on a call the load no longer sent passed for weeks without running; found on 6 December 2026).
 */
final class FaultInjector implements ExecutionInterceptor, AfterEachCallback {

    enum Fault {
        /** DynamoDB says "slow down" before doing anything (400 ThrottlingException). */
        THROTTLE,
        /**
         * DynamoDB refuses the request for what it holds, before doing anything (400
         * ValidationException), as it refuses an item past 400 KB: no retry can help.
         */
        REFUSED,
        /** DynamoDB fails before doing anything (500). */
        SERVER_ERROR,
        /** The write lands, but the answer is lost: the client sees a 500 (and retries). */
        SERVER_ERROR_AFTER_WRITE,
        /** The function dies here: no cleanup runs, no lease is given back. */
        CRASH,
        /** An S3 read starts, then the connection breaks partway through the body. */
        BROKEN_STREAM,
        /** Something else happens first (another import, say), then the call goes ahead. */
        INTERLEAVE,
        /**
         * BatchWriteItem: DynamoDB writes only the first half of the batch and hands the rest back
         * as UnprocessedItems, as it does under load.
         */
        UNPROCESSED,
        /**
         * TransactWriteItems: DynamoDB cancels the transaction, refusing its first item for what it
         * holds (TransactionCanceledException, reason ValidationError) and writing none of it.
         */
        CANCELLED_REFUSED,
        /**
         * TransactWriteItems: DynamoDB cancels the transaction because another one was changing
         * its last item at that moment (reason TransactionConflict), writing none of it.
         */
        CANCELLED_CONFLICT,
        /**
         * TransactWriteItems: DynamoDB cancels the transaction for want of capacity (reason
         * ThrottlingError, "Throughput exceeds the current capacity of your table or index. DynamoDB
         * is automatically scaling your table"), as an on-demand table does while it scales; the
         * SDK does not retry a TransactionCanceledException. Review (dynamo), 6 December 2026.
         */
        CANCELLED_THROTTLED
    }

    /** The requests an UNPROCESSED fault held back from one call, to hand back with its response. */
    private static final ExecutionAttribute<Map<String, List<WriteRequest>>> HELD_BACK = new ExecutionAttribute<>("heldBack");
    /** What an UNPROCESSED fault arms for the calls after the one it held requests back from. */
    private static final ExecutionAttribute<Runnable> THEN = new ExecutionAttribute<>("then");

    /** Stands for the process dying: an Error, so no code path catches it as a failure to clean up. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    /**
     * The fault armed now, with counters of its own. Arming swaps the whole plan, so a call in
     * flight on another thread counts against the plan it read, never half of a new one.
     */
    private record Plan(String operation, String naming, int passing, Fault fault, Runnable interleaved,
                        AtomicInteger calls, AtomicInteger remaining) {
        Plan(String operation, int passing, Fault fault, int times, Runnable interleaved) {
            this(operation, null, passing, fault, interleaved, new AtomicInteger(), new AtomicInteger(times));
        }
    }

    private volatile Plan plan = new Plan("", 0, null, 0, () -> { });

    void failAfter(String operation, int passing, Fault fault, int times) {
        plan = new Plan(operation, passing, fault, times, () -> { });
    }

    /** As above, counting only the calls whose request names {@code naming}. */
    void failAfter(String operation, String naming, int passing, Fault fault, int times) {
        plan = new Plan(operation, naming, passing, fault, () -> { }, new AtomicInteger(), new AtomicInteger(times));
    }

    /**
     * {@code first} on the ({@code passing}+1)-th call of {@code operation}, once; from then on,
     * {@code then} on the ({@code thenPassing}+1)-th call of {@code thenOperation}, once: a refusal,
     * say, and a crash while the import undoes what it wrote.
     */
    void failThenFail(String operation, int passing, Fault first, String thenOperation, int thenPassing, Fault then) {
        failThenFail(operation, null, passing, first, thenOperation, thenPassing, then);
    }

    /** As above, counting only the calls of {@code operation} whose request names {@code naming}. */
    void failThenFail(String operation, String naming, int passing, Fault first, String thenOperation, int thenPassing,
                      Fault then) {
        plan = new Plan(operation, naming, passing, Fault.INTERLEAVE, () -> {
            failAfter(thenOperation, thenPassing, then, 1);
            switch (first) {
                case REFUSED -> throw dynamoError(400, "ValidationException");
                case CRASH -> throw new SimulatedCrash();
                default -> throw new IllegalArgumentException("not a first fault: " + first);
            }
        }, new AtomicInteger(), new AtomicInteger(1));
    }

    /**
     * BatchWriteItem: the ({@code passing}+1)-th call writes only its first half (as
     * {@link Fault#UNPROCESSED}), and the function dies on the next call, the one that would send
     * the rest: a batch left half written.
     */
    void halfWrittenThenCrash(int passing) {
        plan = new Plan("BatchWriteItem", passing, Fault.UNPROCESSED, 1,
                () -> failAfter("BatchWriteItem", 0, Fault.CRASH, 1));
    }

    /**
     * Runs {@code action} just before the first call of {@code operation} whose request names
     * {@code text} (a serial, say): for a call that other calls race with, whatever their order.
     */
    void interleaveBeforeCallNaming(String operation, String text, Runnable action) {
        plan = new Plan(operation, text, 0, Fault.INTERLEAVE, action, new AtomicInteger(), new AtomicInteger(1));
    }

    /** As {@link #interleaveBeforeCallNaming(String, String, Runnable)}, before the ({@code passing}+1)-th such call. */
    void interleaveBeforeCallNaming(String operation, String text, int passing, Runnable action) {
        plan = new Plan(operation, text, passing, Fault.INTERLEAVE, action, new AtomicInteger(), new AtomicInteger(1));
    }

    /** Runs {@code action} just before the ({@code passing}+1)-th call of {@code operation}. */
    void interleaveBefore(String operation, int passing, Runnable action) {
        plan = new Plan(operation, passing, Fault.INTERLEAVE, 1, action);
    }

    void clear() {
        plan.remaining().set(0);
    }

    /** Interleaved actions of the plan still waiting for their call (for an injector no test extension checks). */
    int interleavesPending() {
        var current = plan;
        return current.fault() == Fault.INTERLEAVE ? current.remaining().get() : 0;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        var unrun = plan;
        if (unrun.fault() == Fault.INTERLEAVE && unrun.remaining().get() > 0) {
            unrun.remaining().set(0);
            throw new AssertionError("the interleaved action never ran: no " + unrun.operation()
                    + (unrun.naming() == null ? " call number " + (unrun.passing() + 1) : " call naming \"" + unrun.naming() + "\"")
                    + " came (clear() the plan where that is meant)");
        }
    }

    /** Calls through this injector's clients under way, and when the last one began. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile long lastCallStarted;

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        lastCallStarted = System.nanoTime();
        inFlight.incrementAndGet();
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        inFlight.decrementAndGet();
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        inFlight.decrementAndGet();
    }

    /**
     * Waits until no call is under way and none began for 200 ms (at most 10 s): a simulated
     * crash stops the thread it is thrown on, while a dead process stops every thread, so the
     * crashed delivery's other threads must have sent what they were sending before its retry
     * (found when the one-second wait for a lease was replaced: a retry undid a commit while the
     * crashed delivery's batches still landed).
     */
    void awaitQuiet() throws InterruptedException {
        var deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline
                && (inFlight.get() > 0 || System.nanoTime() - lastCallStarted < 200_000_000L)) {
            Thread.sleep(20);
        }
    }

    /** Attempts of the chosen operation so far. */
    int calls() {
        return plan.calls().get();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        var plan = this.plan;
        if (plan.fault() != Fault.UNPROCESSED || !(context.request() instanceof BatchWriteItemRequest batch)
                || !due(plan, attributes, context.request())) {
            return context.request();
        }
        var sent = new HashMap<String, List<WriteRequest>>();
        var heldBack = new HashMap<String, List<WriteRequest>>();
        batch.requestItems().forEach((table, requests) -> {
            int half = (requests.size() + 1) / 2;
            sent.put(table, requests.subList(0, half));
            if (half < requests.size()) {
                heldBack.put(table, requests.subList(half, requests.size()));
            }
        });
        attributes.putAttribute(HELD_BACK, heldBack);
        attributes.putAttribute(THEN, plan.interleaved());
        return batch.toBuilder().requestItems(sent).build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        var heldBack = attributes.getAttribute(HELD_BACK);
        if (heldBack == null || heldBack.isEmpty() || !(context.response() instanceof BatchWriteItemResponse response)) {
            return context.response();
        }
        var unprocessed = new HashMap<String, List<WriteRequest>>(response.unprocessedItems());
        heldBack.forEach((table, requests) -> unprocessed.merge(table, requests, (a, b) -> {
            var all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }));
        // What follows the fault, armed once this call is over: armed before, it would fail this call.
        attributes.getAttribute(THEN).run();
        return response.toBuilder().unprocessedItems(unprocessed).build();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        try {
            faultBeforeTransmission(context, attributes);
        } catch (SimulatedCrash crash) {
            inFlight.decrementAndGet(); // an Error: the SDK tells no interceptor the call failed
            throw crash;
        }
    }

    private void faultBeforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        var plan = this.plan;
        var fault = plan.fault();
        if (fault == Fault.SERVER_ERROR_AFTER_WRITE || fault == Fault.BROKEN_STREAM || fault == Fault.UNPROCESSED
                || !due(plan, attributes, context.request())) {
            return;
        }
        switch (fault) {
            case THROTTLE -> throw dynamoError(400, "ThrottlingException");
            case REFUSED -> throw dynamoError(400, "ValidationException");
            case SERVER_ERROR -> throw dynamoError(500, "InternalServerError");
            case CRASH -> throw new SimulatedCrash();
            case INTERLEAVE -> plan.interleaved().run();
            case CANCELLED_REFUSED -> throw cancelled(context.request(), 0, "ValidationError");
            case CANCELLED_CONFLICT -> throw cancelled(context.request(),
                    ((TransactWriteItemsRequest) context.request()).transactItems().size() - 1, "TransactionConflict");
            case CANCELLED_THROTTLED -> throw cancelled(context.request(), 0, "ThrottlingError");
            default -> { }
        }
    }

    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse context, ExecutionAttributes attributes) {
        var plan = this.plan;
        if (plan.fault() != Fault.SERVER_ERROR_AFTER_WRITE || !due(plan, attributes, context.request())) {
            return context.httpResponse();
        }
        return context.httpResponse().toBuilder().statusCode(500).build();
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                           ExecutionAttributes attributes) {
        var plan = this.plan;
        if (plan.fault() != Fault.BROKEN_STREAM || context.responseBody().isEmpty() || !due(plan, attributes, context.request())) {
            return context.responseBody();
        }
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

    /**
     * Whether this call gets the fault; takes one of the {@code times} when it does. Calls come
     * from many threads at once (the commit's writers), so taking one is a single atomic step.
     */
    private static boolean due(Plan plan, ExecutionAttributes attributes, SdkRequest request) {
        if (!plan.operation().equals(operation(attributes, request))
                || plan.naming() != null && !request.toString().contains(plan.naming())) {
            return false;
        }
        return plan.calls().incrementAndGet() > plan.passing()
                && plan.remaining().getAndUpdate(left -> Math.max(0, left - 1)) > 0;
    }

    /**
     * The call's operation, as the plans count it. Where an event has a sequencer, the claim and
     * the mark COMMITTING are each a transaction with the key's newest upload (docs/lifecycle.md);
     * they count as the PutItem and the UpdateItem they are otherwise, so that "the first PutItem"
     * is still the claim and the calls around them count as they did.
     */
    private static String operation(ExecutionAttributes attributes, SdkRequest request) {
        var operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (!(request instanceof TransactWriteItemsRequest transaction) || !request.toString().contains(DynamoImportLedger.NEWEST_UPLOAD)) {
            return operation;
        }
        return transaction.transactItems().getFirst().put() != null ? "PutItem" : "UpdateItem";
    }

    /** The transaction cancelled for its item at {@code failing}, for {@code reason}; the others "None". */
    private static TransactionCanceledException cancelled(SdkRequest request, int failing, String reason) {
        int items = ((TransactWriteItemsRequest) request).transactItems().size();
        var reasons = new ArrayList<CancellationReason>();
        for (int i = 0; i < items; i++) {
            reasons.add(i == failing ? CancellationReason.builder().code(reason).message("injected " + reason).build()
                    : CancellationReason.builder().code("None").build());
        }
        return (TransactionCanceledException) TransactionCanceledException.builder()
                .cancellationReasons(reasons)
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException")
                        .errorMessage("injected: transaction cancelled [" + reason + " at item " + failing + "]").build())
                .message("injected: transaction cancelled")
                .build();
    }

    private static DynamoDbException dynamoError(int status, String code) {
        return (DynamoDbException) DynamoDbException.builder()
                .statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("injected " + code).build())
                .message("injected " + code)
                .build();
    }
}
