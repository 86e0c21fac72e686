package dev.intake.bench.http;

import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a range of {@link LoadItems} with one {@link Operation}, keeping a fixed number of
 * requests in flight, and retries what BatchWriteItem leaves unprocessed (with backoff and
 * jitter) until every item is written. Throttling and 5xx are the SDK's own retries.
 */
interface BulkWriter extends AutoCloseable {

    LoadCounts write(Load load) throws InterruptedException;

    @Override
    void close();

    /** Sync clients on a pool of {@code inFlight} threads; the async client with {@code inFlight} outstanding futures. */
    static BulkWriter open(HttpClientChoice client, URI endpoint, int inFlight) {
        return client.async()
                ? new AsyncBulkWriter(client.dynamoDbAsync(endpoint, inFlight), inFlight)
                : new SyncBulkWriter(client.dynamoDb(endpoint, inFlight), inFlight);
    }

    /** Requests sent (retries included) and items that came back unprocessed. */
    record LoadCounts(long requests, long unprocessed) {}

    /** Counts shared by the threads or callbacks of one write. */
    final class Counter {
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong unprocessed = new AtomicLong();

        void request(int unprocessedItems) {
            requests.incrementAndGet();
            unprocessed.addAndGet(unprocessedItems);
        }

        LoadCounts counts() {
            return new LoadCounts(requests.get(), unprocessed.get());
        }
    }

    /** Before retry {@code attempt} (1, 2, ...): 2^attempt ms up to 200 ms, less up to half at random. */
    static long backoffMillis(int attempt) {
        long ceiling = Math.min(200, 1L << Math.min(attempt, 8));
        return ceiling - ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
    }
}
