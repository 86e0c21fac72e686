package dev.intake.bench.e2e;

import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import org.apache.commons.csv.CSVFormat;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The speed limit of the endpoint for a file: a plain streaming loader, no validation, no journal.
 * It streams the same CSV from the same S3 with commons-csv and writes one item per row (the row's
 * cells as string attributes, keyed as inventory is: {@code shard}, {@code id}) with BatchWriteItem
 * of 25, {@value #IN_FLIGHT} requests in flight, retrying unprocessed items until none are left.
 * Prints {@code RESULT rows=… millis=… requests=… writeUnits=…}.
 *
 * <p>Arguments: S3 endpoint, DynamoDB endpoint, bucket, key, table, org.
 */
public final class BaselineLoad {

    static final int IN_FLIGHT = 20;
    private static final int BATCH = 25;

    private BaselineLoad() {}

    public static void main(String[] args) {
        try {
            load(args);
            System.exit(0);
        } catch (Exception | Error e) {
            // Its writer threads are not daemons: without an exit a failed load would hang the benchmark.
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void load(String[] args) throws Exception {
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy"));
        var counter = new RequestCounter();
        var s3 = S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).endpointOverride(URI.create(args[0])).forcePathStyle(true).build();
        var dynamo = DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(credentials).endpointOverride(URI.create(args[1]))
                .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(counter).build())
                .build();
        var bucket = args[2];
        var key = args[3];
        var table = args[4];
        var org = args[5];
        ExecutorService pool = Executors.newFixedThreadPool(IN_FLIGHT);
        var slots = new Semaphore(IN_FLIGHT);
        var sent = new ArrayList<Future<?>>();
        long start = System.nanoTime();
        long rows = 0;
        try (var in = new InputStreamReader(s3.getObject(b -> b.bucket(bucket).key(key)), StandardCharsets.UTF_8);
             var csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            var batch = new ArrayList<WriteRequest>(BATCH);
            for (var record : csv) {
                rows++;
                var item = new HashMap<String, AttributeValue>();
                item.put("shard", AttributeValue.fromS(org + "#" + (rows % 16)));
                item.put("id", AttributeValue.fromN(Long.toString(rows)));
                record.toMap().forEach((column, value) -> {
                    if (column.equals("id")) {
                        // An update names the record it puts over.
                        item.put("id", AttributeValue.fromN(value));
                    } else if (!value.isEmpty()) {
                        item.put(column, AttributeValue.fromS(value));
                    }
                });
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
                if (batch.size() == BATCH) {
                    send(dynamo, table, batch, pool, slots, sent);
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                send(dynamo, table, batch, pool, slots, sent);
            }
        }
        for (var future : sent) {
            future.get();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("RESULT rows=%d millis=%d cpuMillis=%d %s%n", rows, millis,
                ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis(), counter.summary());
    }

    private static void send(DynamoDbClient dynamo, String table, List<WriteRequest> batch, ExecutorService pool,
                             Semaphore slots, List<Future<?>> sent) throws InterruptedException {
        slots.acquire();
        sent.add(pool.submit(() -> {
            try {
                writeBatch(dynamo, table, batch);
                return null;
            } finally {
                slots.release();
            }
        }));
    }

    /** One BatchWriteItem, sent again with what it left unprocessed (with backoff) until nothing is left. */
    static void writeBatch(DynamoDbClient dynamo, String table, List<WriteRequest> batch) throws InterruptedException {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                Thread.sleep(Math.min(1_000, 20L << attempt));
            }
            var request = pending;
            pending = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
        }
    }
}
