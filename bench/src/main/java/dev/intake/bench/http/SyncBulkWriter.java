package dev.intake.bench.http;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/** A synchronous client on a fixed pool of threads, one request in flight per thread. */
final class SyncBulkWriter implements BulkWriter {

    private final DynamoDbClient dynamo;
    private final ExecutorService threads;
    private final int inFlight;

    SyncBulkWriter(DynamoDbClient dynamo, int inFlight) {
        this.dynamo = dynamo;
        this.threads = Executors.newFixedThreadPool(inFlight);
        this.inFlight = inFlight;
    }

    @Override
    public LoadCounts write(Load load) throws InterruptedException {
        long requests = load.requests();
        var next = new AtomicLong();
        var counter = new Counter();
        Callable<Void> worker = () -> {
            for (long request = next.getAndIncrement(); request < requests; request = next.getAndIncrement()) {
                send(load.operation(), load.table(), load.items(request), counter);
            }
            return null;
        };
        for (var done : threads.invokeAll(Collections.nCopies(inFlight, worker))) {
            try {
                done.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a write failed", e.getCause());
            }
        }
        return counter.counts();
    }

    private void send(Operation operation, String table, List<Map<String, AttributeValue>> items, Counter counter)
            throws InterruptedException {
        switch (operation) {
            case BATCH -> sendBatch(Operation.batch(table, items), counter);
            case TRANSACT -> {
                dynamo.transactWriteItems(Operation.transact(table, items));
                counter.request(0);
            }
        }
    }

    private void sendBatch(BatchWriteItemRequest request, Counter counter) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            var unprocessed = dynamo.batchWriteItem(request).unprocessedItems();
            counter.request(Operation.unprocessed(unprocessed));
            if (unprocessed.isEmpty()) {
                return;
            }
            Thread.sleep(BulkWriter.backoffMillis(attempt));
            request = request.toBuilder().requestItems(unprocessed).build();
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
        dynamo.close();
    }
}
