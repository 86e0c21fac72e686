package dev.intake.aws;

import dev.intake.IntakeConfig;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The SDK clients the deployed function uses, all on one HTTP client (the URL-connection one in
 * Lambda; a canned one while priming). Region, credentials and endpoints come from the SDK's
 * standard settings ({@code AWS_REGION}, the default credential chain, {@code AWS_ENDPOINT_URL*}).
 */
public final class LambdaClients {

    /** How long sending an "Import Finished" event may take, retries included. */
    public static final Duration EVENT_TIMEOUT = Duration.ofSeconds(8);

    private LambdaClients() {}

    public static S3Client s3(SdkHttpClient http, AwsCredentialsProvider credentials, Map<String, String> env) {
        // Emulators address buckets by path, not by host name.
        return configure(S3Client.builder(), http, credentials, null)
                .forcePathStyle(IntakeConfig.s3EndpointOverridden(env)).build();
    }

    /** Its imports' writes go out under their leases ({@link LeaseCheck}). */
    public static DynamoDbClient dynamo(SdkHttpClient http, AwsCredentialsProvider credentials) {
        return dynamo(http, credentials, null);
    }

    public static EventBridgeClient eventBridge(SdkHttpClient http, AwsCredentialsProvider credentials) {
        return eventBridge(http, credentials, null);
    }

    /** Clients for priming: fixed credentials and region, never sent anywhere. */
    static S3Client s3(SdkHttpClient http, AwsCredentialsProvider credentials, Region region, Map<String, String> env) {
        return configure(S3Client.builder(), http, credentials, region)
                .forcePathStyle(IntakeConfig.s3EndpointOverridden(env)).build();
    }

    static DynamoDbClient dynamo(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return configure(DynamoDbClient.builder(), http, credentials, region)
                .overrideConfiguration(o -> o.addExecutionInterceptor(new LeaseCheck())).build();
    }

    /**
     * The event is sent after the import ended, within the 20 seconds an import leaves before the
     * function's timeout: bounded well inside them, a slow EventBridge loses the event (counted in
     * {@code EventsNotPublished}), not the invocation (found by review on 5 December 2026: unbounded,
     * the SDK's retries could take 90 seconds).
     */
    static EventBridgeClient eventBridge(SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        return configure(EventBridgeClient.builder(), http, credentials, region)
                .overrideConfiguration(o -> o.apiCallTimeout(EVENT_TIMEOUT)).build();
    }

    /** {@code credentials}, {@code region} null: the SDK's default chains. */
    private static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(
            B builder, SdkHttpClient http, AwsCredentialsProvider credentials, Region region) {
        builder.httpClient(http);
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        if (region != null) {
            builder.region(region);
        }
        return builder;
    }
}
