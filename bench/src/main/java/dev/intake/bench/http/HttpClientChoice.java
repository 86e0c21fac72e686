package dev.intake.bench.http;

import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The HTTP clients under comparison: how each builds a DynamoDB client, and which jars it adds to
 * the function. A JVM that measures one has only that one's jars, so each is built in a nested
 * class of its own, which the JVM loads only when that client is asked for.
 */
public enum HttpClientChoice {
    URL_CONNECTION("url-connection", false, Set.of("url-connection-client")),
    CRT("crt", false, Set.of("aws-crt-client", "aws-crt")),
    CRT_ASYNC("crt-async", true, Set.of("aws-crt-client", "aws-crt")),
    APACHE("apache", false, Set.of("apache-client", "httpclient", "httpcore", "commons-logging"));

    /** Asks the HTTP client for its own default connection limit. */
    public static final int DEFAULT_CONNECTIONS = 0;

    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy"));

    private final String label;
    private final boolean async;
    private final Set<String> artifactIds;

    HttpClientChoice(String label, boolean async, Set<String> artifactIds) {
        this.label = label;
        this.async = async;
        this.artifactIds = artifactIds;
    }

    public String label() {
        return label;
    }

    /** An {@code SdkAsyncHttpClient}, used through {@link #dynamoDbAsync}; the others through {@link #dynamoDb}. */
    public boolean async() {
        return async;
    }

    /** The Maven artifact ids of the jars this client adds to the function's runtime classpath. */
    public Set<String> artifactIds() {
        return artifactIds;
    }

    public static HttpClientChoice byLabel(String label) {
        return Arrays.stream(values()).filter(choice -> choice.label.equals(label)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no HTTP client " + label));
    }

    /** A synchronous DynamoDB client on this HTTP client, with at most {@code connections} connections. */
    public DynamoDbClient dynamoDb(URI endpoint, int connections) {
        var http = switch (this) {
            case URL_CONNECTION -> UrlConnection.builder();
            case CRT -> Crt.builder(connections);
            case APACHE -> Apache.builder(connections);
            case CRT_ASYNC -> throw new IllegalStateException(label + " is asynchronous: use dynamoDbAsync");
        };
        return DynamoDbClient.builder().httpClientBuilder(http)
                .endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(DUMMY).build();
    }

    /** An asynchronous DynamoDB client on this HTTP client, with at most {@code connections} connections. */
    public DynamoDbAsyncClient dynamoDbAsync(URI endpoint, int connections) {
        if (this != CRT_ASYNC) {
            throw new IllegalStateException(label + " is synchronous: use dynamoDb");
        }
        return DynamoDbAsyncClient.builder().httpClientBuilder(CrtAsync.builder(connections))
                .endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(DUMMY).build();
    }

    /**
     * No limit to set: the JDK keeps at most {@code http.maxConnections} idle connections per
     * destination (default 5) and opens a new one whenever none is idle.
     */
    private static final class UrlConnection {
        static SdkHttpClient.Builder<?> builder() {
            return UrlConnectionHttpClient.builder();
        }
    }

    private static final class Crt {
        static SdkHttpClient.Builder<?> builder(int connections) {
            var builder = AwsCrtHttpClient.builder();
            return connections == DEFAULT_CONNECTIONS ? builder : builder.maxConcurrency(connections);
        }
    }

    private static final class CrtAsync {
        static SdkAsyncHttpClient.Builder<?> builder(int connections) {
            var builder = AwsCrtAsyncHttpClient.builder();
            return connections == DEFAULT_CONNECTIONS ? builder : builder.maxConcurrency(connections);
        }
    }

    private static final class Apache {
        static SdkHttpClient.Builder<?> builder(int connections) {
            var builder = ApacheHttpClient.builder();
            return connections == DEFAULT_CONNECTIONS ? builder : builder.maxConnections(connections);
        }
    }
}
