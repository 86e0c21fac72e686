package dev.intake.bench.e2e;

import dev.intake.aws.ItemSize;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Counts a process's DynamoDB requests by operation (attempts included: a retry is a request),
 * and the write units they consumed: it asks every write for {@code ReturnConsumedCapacity} and
 * adds up what comes back, except for transactions, which it prices itself: DynamoDB Local
 * 2.6.1 reports 4 units for any {@code TransactWriteItems}, of 2 items or of 100. Installed on the
 * client by the benchmark's child JVMs only.
 */
public final class RequestCounter implements ExecutionInterceptor {

    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> nanos = new ConcurrentHashMap<>();
    private static final software.amazon.awssdk.core.interceptor.ExecutionAttribute<Long> SENT =
            new software.amazon.awssdk.core.interceptor.ExecutionAttribute<>("sentAt");
    private final DoubleAdder writeUnits = new DoubleAdder();

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return switch (context.request()) {
            case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
            default -> context.request();
        };
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        requests.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicLong())
                .incrementAndGet();
        attributes.putAttribute(SENT, System.nanoTime());
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Long sent = attributes.getAttribute(SENT);
        if (sent != null) {
            nanos.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), k -> new AtomicLong())
                    .addAndGet(System.nanoTime() - sent);
        }
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        switch (context.response()) {
            case BatchWriteItemResponse r -> r.consumedCapacity().forEach(this::add);
            case TransactWriteItemsResponse r -> writeUnits.add(transactionWriteUnits((TransactWriteItemsRequest) context.request()));
            case PutItemResponse r -> add(r.consumedCapacity());
            case UpdateItemResponse r -> add(r.consumedCapacity());
            case DeleteItemResponse r -> add(r.consumedCapacity());
            default -> { }
        }
        return context.response();
    }

    /**
     * What DynamoDB charges for a transaction, which DynamoDB Local misreports: two write
     * units per KB (rounded up) of each item it puts, and two for each update or delete, whose
     * item the request does not carry (the benchmark's are under 1 KB). Condition checks cost
     * read units, not write units.
     */
    static long transactionWriteUnits(TransactWriteItemsRequest request) {
        long units = 0;
        for (var action : request.transactItems()) {
            if (action.put() != null) {
                units += 2 * Math.max(1, (ItemSize.of(action.put().item()) + 1023) / 1024);
            } else if (action.update() != null || action.delete() != null) {
                units += 2;
            }
        }
        return units;
    }

    private void add(ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            writeUnits.add(capacity.capacityUnits());
        }
    }

    /** {@code requests=<total> writeUnits=<sum> <Operation>=<count>...}, for a result line. */
    public String summary() {
        var sorted = new TreeMap<String, Long>();
        requests.forEach((operation, count) -> sorted.put(operation, count.get()));
        var line = new StringBuilder("requests=" + sorted.values().stream().mapToLong(Long::longValue).sum()
                + " writeUnits=" + Math.round(writeUnits.sum()));
        sorted.forEach((operation, count) -> line.append(' ').append(operation).append('=').append(count));
        nanos.forEach((operation, total) -> line.append(' ').append(operation).append("Ms=")
                .append(total.get() / 1_000_000 / Math.max(1, requests.get(operation).get())));
        return line.toString();
    }
}
