package dev.intake.bench.http;

import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * A function's cold start as far as DynamoDB is concerned, in a fresh JVM that has the function's
 * classpath and one HTTP client's jars (started by {@link HttpClientBenchmark}): builds a DynamoDB
 * client on that HTTP client, as the handler's constructor does, and makes its first request (a
 * GetItem). Prints {@code first-response buildMicros=.. callMicros=.. cpuMicros=..}: the time from
 * the start of main to a built client, from there to the first response, and the CPU time of the
 * whole process (JVM start, JIT and GC threads included) up to the first response.
 *
 * <p>Arguments: client endpoint table.
 */
public final class ColdStartProbe {

    private ColdStartProbe() {}

    public static void main(String[] args) {
        long start = System.nanoTime();
        var client = HttpClientChoice.byLabel(args[0]);
        var endpoint = URI.create(args[1]);
        var request = GetItemRequest.builder().tableName(args[2])
                .key(Map.of("pk", AttributeValue.fromS("cold-start"))).build();
        if (client.async()) {
            try (var dynamo = client.dynamoDbAsync(endpoint, HttpClientChoice.DEFAULT_CONNECTIONS)) {
                long built = System.nanoTime();
                dynamo.getItem(request).join();
                answered(start, built);
            }
        } else {
            try (var dynamo = client.dynamoDb(endpoint, HttpClientChoice.DEFAULT_CONNECTIONS)) {
                long built = System.nanoTime();
                dynamo.getItem(request);
                answered(start, built);
            }
        }
        System.exit(0);
    }

    /**
     * Reports the first response at once (closing the client is no part of a cold start), with
     * the CPU time the process has used so far: unlike the wall time, it hardly grows when other
     * processes compete for the cores.
     */
    private static void answered(long start, long built) {
        long now = System.nanoTime();
        AfterFirstResponse.mark();
        long cpuMicros = ProcessHandle.current().info().totalCpuDuration().orElseThrow().toNanos() / 1_000;
        // A StringBuilder, not printf: Formatter would add its own classes to the count.
        System.out.println(new StringBuilder("first-response buildMicros=").append((built - start) / 1_000)
                .append(" callMicros=").append((now - built) / 1_000).append(" cpuMicros=").append(cpuMicros));
        System.out.flush();
    }

    /**
     * Loaded only after the first response: in a {@code -Xlog:class+load} log, the classes listed
     * before this one are those the cold start loaded.
     */
    static final class AfterFirstResponse {
        static void mark() {
            // Loading the class is the mark.
        }
    }
}
