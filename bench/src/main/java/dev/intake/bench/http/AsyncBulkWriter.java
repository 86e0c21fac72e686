package dev.intake.bench.http;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;

/** An asynchronous client from one thread, with at most {@code inFlight} requests outstanding (a semaphore). */
final class AsyncBulkWriter implements BulkWriter {

    private final DynamoDbAsyncClient dynamo;
    private final int inFlight;

    AsyncBulkWriter(DynamoDbAsyncClient dynamo, int inFlight) {
        this.dynamo = dynamo;
        this.inFlight = inFlight;
    }

    @Override
    public LoadCounts write(Load load) throws InterruptedException {
        long requests = load.requests();
        var permits = new Semaphore(inFlight);
        var failure = new AtomicReference<Throwable>();
        var counter = new Counter();
        for (long request = 0; request < requests && failure.get() == null; request++) {
            permits.acquire();
            send(load.operation(), load.table(), load.items(request), counter)
                    .whenComplete((ignored, error) -> {
                        if (error != null) {
                            failure.compareAndSet(null, error);
                        }
                        permits.release();
                    });
        }
        permits.acquire(inFlight); // every request has completed
        if (failure.get() != null) {
            throw new IllegalStateException("a write failed", failure.get());
        }
        return counter.counts();
    }

    private CompletableFuture<Void> send(Operation operation, String table, List<Map<String, AttributeValue>> items,
            Counter counter) {
        return switch (operation) {
            case BATCH -> sendBatch(Operation.batch(table, items), 1, counter);
            case TRANSACT -> dynamo.transactWriteItems(Operation.transact(table, items))
                    .thenRun(() -> counter.request(0));
        };
    }

    private CompletableFuture<Void> sendBatch(BatchWriteItemRequest request, int attempt, Counter counter) {
        return dynamo.batchWriteItem(request).thenCompose(response -> {
            var unprocessed = response.unprocessedItems();
            counter.request(Operation.unprocessed(unprocessed));
            if (unprocessed.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            var retry = request.toBuilder().requestItems(unprocessed).build();
            var later = CompletableFuture.delayedExecutor(BulkWriter.backoffMillis(attempt), TimeUnit.MILLISECONDS);
            return CompletableFuture.supplyAsync(() -> null, later)
                    .thenCompose(ignored -> sendBatch(retry, attempt + 1, counter));
        });
    }

    @Override
    public void close() {
        dynamo.close();
    }
}
