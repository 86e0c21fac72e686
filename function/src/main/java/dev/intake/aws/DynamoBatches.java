package dev.intake.aws;

import dev.intake.core.commit.InParallel;
import dev.intake.core.commit.LeaseFence;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Batched reads and writes with DynamoDB's limits: BatchWriteItem takes at most 25 requests and
 * BatchGetItem 100 keys, and either may hand back unprocessed items under load, which must be
 * retried with backoff (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html).
 * Throttling errors are retried by the SDK itself; an item still unprocessed after
 * {@link #MAX_ATTEMPTS} fails the call, never silently dropped. Public for the CLI's own
 * transactions ({@code ./intake claim-serials}), which wait out conflicts the same way.
 */
public final class DynamoBatches {

    static final int WRITE_LIMIT = 25;
    static final int READ_LIMIT = 100;
    static final int MAX_ATTEMPTS = 10;
    static final int TRANSACTION_CONFLICT_ATTEMPTS = 5;
    /** A transaction's cancellation reasons that say the table (or an index) is short of capacity. */
    private static final Set<String> THROTTLED = Set.of("ThrottlingError", "ProvisionedThroughputExceeded");
    private static final long BASE_DELAY_MS = 25;
    private static final long MAX_DELAY_MS = 2_000;
    /**
     * The jitter's source. Not ThreadLocalRandom: its seeds live in the threads, and functions
     * restored from one SnapStart snapshot would draw the same jitter, retrying in step (found by
     * review). SecureRandom draws fresh entropy from the system on every call.
     */
    private static final SecureRandom JITTER = new SecureRandom();

    /** Chunks one call keeps out at once, when it has an executor to send them on. */
    static final int CHUNKS_IN_FLIGHT = 8;

    private final DynamoDbClient dynamo;
    private final Executor executor;

    /** Sends a call's chunks one after another. */
    public DynamoBatches(DynamoDbClient dynamo) {
        this(dynamo, null);
    }

    /**
     * Sends a call's chunks on {@code executor}, {@link #CHUNKS_IN_FLIGHT} at a time: reading the
     * 100,000 records a file updates is a thousand BatchGetItems, which one after another spend
     * far longer waiting on round trips than DynamoDB spends serving them.
     */
    DynamoBatches(DynamoDbClient dynamo, Executor executor) {
        this.dynamo = dynamo;
        this.executor = executor;
    }

    /**
     * Sends {@code actions} as one transaction: returns nothing when it landed, or the reasons of
     * its cancellation when one of its conditions failed. Another transaction holding one of the
     * items for a moment (TransactionConflict) is waited out: at most
     * {@link #TRANSACTION_CONFLICT_ATTEMPTS} attempts in all; a table short of capacity
     * (ThrottlingError, ProvisionedThroughputExceeded: a new on-demand table scaling up) as long
     * as unprocessed batch items are, {@link #MAX_ATTEMPTS}. The SDK retries neither: both come
     * as a cancelled transaction, and DynamoDB Local gives neither, so until 6 December 2026 a
     * throttled transaction failed the invocation at once. Any other
     * cancellation goes to {@code otherwise} first (which may throw something of its own), then
     * is thrown. Each attempt goes out under {@code fence}.
     */
    public List<CancellationReason> transact(LeaseFence fence, List<TransactWriteItem> actions,
                                             Consumer<TransactionCanceledException> otherwise) {
        var underFence = LeaseCheck.fenced(fence);
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(actions).overrideConfiguration(underFence));
                return List.of();
            } catch (TransactionCanceledException e) {
                var reasons = e.cancellationReasons();
                if (reasons.stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                    return reasons;
                }
                otherwise.accept(e);
                boolean throttled = reasons.stream().anyMatch(r -> THROTTLED.contains(r.code()));
                boolean busy = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
                if (!(busy || throttled) || attempt >= (throttled ? MAX_ATTEMPTS : TRANSACTION_CONFLICT_ATTEMPTS)) {
                    throw e;
                }
                backOff(attempt + 1);
            }
        }
    }

    /** Whether the {@code i}-th action of a cancelled transaction failed its condition. */
    public static boolean failedCondition(List<CancellationReason> reasons, int i) {
        return i < reasons.size() && "ConditionalCheckFailed".equals(reasons.get(i).code());
    }

    /** The item under {@code key} now (a consistent read), or null where there is none. */
    Map<String, AttributeValue> itemAsStored(String table, Map<String, AttributeValue> key) {
        var item = dynamo.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** Puts every item; callers must not pass two items with the same key in one call. */
    void putAll(String table, List<Map<String, AttributeValue>> items) {
        putAll(LeaseFence.NONE, table, items);
    }

    /** As {@link #putAll(String, List)}, each request going out under {@code fence}. */
    void putAll(LeaseFence fence, String table, List<Map<String, AttributeValue>> items) {
        var underFence = LeaseCheck.fenced(fence);
        inChunks(items.stream()
                .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                .toList(), WRITE_LIMIT, requests -> {
            writeChunk(underFence, table, requests);
            return List.of();
        });
    }

    private void writeChunk(Consumer<AwsRequestOverrideConfiguration.Builder> underFence, String table,
                            List<WriteRequest> requests) {
        Map<String, List<WriteRequest>> pending = Map.of(table, requests);
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw SdkClientException.create("BatchWriteItem to " + table + " still had unprocessed items after "
                        + MAX_ATTEMPTS + " attempts");
            }
            backOff(attempt);
            var request = pending;
            var unprocessed = dynamo.batchWriteItem(b -> b.requestItems(request).overrideConfiguration(underFence))
                    .unprocessedItems();
            pending = unprocessed == null ? Map.of() : unprocessed;
        }
    }

    /** Gets every key that exists, with strongly consistent reads. */
    List<Map<String, AttributeValue>> getAll(String table, List<Map<String, AttributeValue>> keys) {
        return getAll(table, keys, true);
    }

    /** Gets every key that exists; {@code consistent} false reads at half the cost, possibly a moment stale. */
    List<Map<String, AttributeValue>> getAll(String table, List<Map<String, AttributeValue>> keys, boolean consistent) {
        return inChunks(keys, READ_LIMIT, chunk -> getChunk(table, chunk, consistent, List.of()));
    }

    /** Gets {@code attributes} of every key that exists, with strongly consistent reads. */
    List<Map<String, AttributeValue>> getAttributes(String table, List<Map<String, AttributeValue>> keys,
                                                    List<String> attributes) {
        return inChunks(keys, READ_LIMIT, chunk -> getChunk(table, chunk, true, attributes));
    }

    private List<Map<String, AttributeValue>> getChunk(String table, List<Map<String, AttributeValue>> chunk,
                                                       boolean consistent, List<String> attributes) {
        var found = new ArrayList<Map<String, AttributeValue>>();
        var asked = KeysAndAttributes.builder().keys(chunk).consistentRead(consistent);
        if (!attributes.isEmpty()) {
            var names = new LinkedHashMap<String, String>();
            attributes.forEach(attribute -> names.put("#a" + names.size(), attribute));
            asked.projectionExpression(String.join(", ", names.keySet())).expressionAttributeNames(names);
        }
        Map<String, KeysAndAttributes> pending = Map.of(table, asked.build());
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > MAX_ATTEMPTS) {
                throw SdkClientException.create("BatchGetItem from " + table + " still had unprocessed keys after "
                        + MAX_ATTEMPTS + " attempts");
            }
            backOff(attempt);
            var request = pending;
            var response = dynamo.batchGetItem(b -> b.requestItems(request));
            found.addAll(response.responses().getOrDefault(table, List.of()));
            pending = response.unprocessedKeys() == null ? Map.of() : response.unprocessedKeys();
        }
        return found;
    }

    /** Runs {@code work} on each chunk of {@code all}: in turn, or on the executor a few at a time; results in order. */
    <T, R> List<R> inChunks(List<T> all, int limit, Function<List<T>, List<R>> work) {
        var chunks = new ArrayList<List<T>>();
        for (int from = 0; from < all.size(); from += limit) {
            chunks.add(all.subList(from, Math.min(all.size(), from + limit)));
        }
        return each(chunks, work).stream().flatMap(List::stream).toList();
    }

    /**
     * Runs {@code work} on each input: in turn, or on the executor {@link #CHUNKS_IN_FLIGHT} at a
     * time; results in order (null where {@code work} gives null). For requests that no batch
     * call can carry, such as a query each.
     */
    <T, R> List<R> each(List<T> inputs, Function<T, R> work) {
        if (executor == null || inputs.size() < 2) {
            return inputs.stream().map(work).toList();
        }
        return InParallel.map(inputs, CHUNKS_IN_FLIGHT, executor, work);
    }

    /**
     * Waits before attempt {@code attempt} (none before the first): exponential backoff, half of it
     * random (jitter), so that many writers retrying at once do not retry in step
     * (https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/).
     */
    static void backOff(int attempt) {
        if (attempt <= 1) {
            return;
        }
        long ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS << Math.min(attempt, 16));
        try {
            Thread.sleep(JITTER.nextLong(ceiling / 2, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("interrupted while backing off", e);
        }
    }
}
