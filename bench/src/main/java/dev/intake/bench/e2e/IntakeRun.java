package dev.intake.bench.e2e;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification;
import dev.intake.IntakeConfig;
import dev.intake.IntakeHandler;
import dev.intake.core.imports.ProgressListener;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * One import through the real handler, in a JVM of its own started as Lambda starts the function:
 * the handler's own clients' settings (URL-connection HTTP client), an S3 ObjectCreated event for
 * the object, a context with the full 15 minutes. Prints
 * {@code RESULT status=… rows=… millis=… peakHeapMb=… requests=… writeUnits=… <Operation>=…}.
 *
 * <p>Arguments: S3 endpoint, DynamoDB endpoint, bucket, key, eTag, size, heap-sampling period in
 * ms (0: none), then the function's environment as {@code NAME=value} (table names and settings,
 * which template.yaml sets on Lambda).
 */
public final class IntakeRun {

    private IntakeRun() {}

    /** The first six arguments of a child: the endpoints, and the upload whose event it delivers. */
    record Upload(URI s3Endpoint, URI dynamoEndpoint, String bucket, String key, String eTag, long size) {

        static Upload of(String[] args) {
            return new Upload(URI.create(args[0]), URI.create(args[1]), args[2], args[3], args[4], Long.parseLong(args[5]));
        }
    }

    public static void main(String[] args) throws Exception {
        var upload = Upload.of(args);
        var s3Endpoint = upload.s3Endpoint();
        var dynamoEndpoint = upload.dynamoEndpoint();
        var bucket = upload.bucket();
        var key = upload.key();
        var eTag = upload.eTag();
        long size = upload.size();
        long heapEvery = Long.parseLong(args[6]);
        var counter = new RequestCounter();
        var s3 = s3(s3Endpoint);
        var dynamo = dynamo(dynamoEndpoint, counter);
        var environment = environment(args, 7);
        var phases = new java.util.concurrent.ConcurrentHashMap<String, Long>();
        var firstSeen = ProgressListener.every(java.time.Duration.ofMillis(50),
                progress -> phases.putIfAbsent(progress.phase().label(), progress.elapsed().toMillis()));
        var handler = new IntakeHandler(IntakeConfig.from(environment), s3, dynamo, firstSeen);
        try (var heap = new HeapWatch(heapEvery)) {
            long start = System.nanoTime();
            var written = handler.handleRequest(event(bucket, key, eTag, size, Long.toHexString(System.nanoTime()).toUpperCase()), null);
            long millis = (System.nanoTime() - start) / 1_000_000;
            var report = s3.getObjectAsBytes(b -> b.bucket(bucket).key(written.getFirst())).asUtf8String();
            System.out.printf("RESULT status=%s rows=%s millis=%d cpuMillis=%d peakHeapMb=%.1f reportBytes=%d validatingAtMs=%s committingAtMs=%s %s%n",
                    field(report, "status"), count(report, "rows"), millis, cpuMillis(), heap.peakMegabytes(), report.length(),
                    phases.getOrDefault("validating", -1L), phases.getOrDefault("committing", -1L), counter.summary());
        }
        System.exit(0);
    }

    /** An S3 client as the function builds its own (IntakeHandler's no-argument constructor). */
    static S3Client s3(URI endpoint) {
        return S3Client.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(DUMMY).endpointOverride(endpoint).forcePathStyle(true).build();
    }

    /** A DynamoDB client as the function builds its own, with {@code watcher} before its lease check. */
    static DynamoDbClient dynamo(URI endpoint, ExecutionInterceptor watcher) {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).region(Region.US_EAST_1)
                .credentialsProvider(DUMMY).endpointOverride(endpoint)
                .overrideConfiguration(ClientOverrideConfiguration.builder().addExecutionInterceptor(watcher)
                        .addExecutionInterceptor(new dev.intake.aws.LeaseCheck()).build())
                .build();
    }

    /** The function's environment, given from {@code args[from]} on as {@code NAME=value}. */
    static java.util.Map<String, String> environment(String[] args, int from) {
        var environment = new java.util.HashMap<String, String>();
        for (int i = from; i < args.length; i++) {
            environment.put(args[i].substring(0, args[i].indexOf('=')), args[i].substring(args[i].indexOf('=') + 1));
        }
        return environment;
    }

    private static final StaticCredentialsProvider DUMMY = StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy"));

    /** An S3 put event as S3 sends it for an unversioned bucket (the emulator keeps no versions). */
    static S3Event event(String bucket, String key, String eTag, long size, String sequencer) {
        var object = new S3EventNotification.S3ObjectEntity(key.replace(" ", "+"), size, eTag, null, sequencer);
        var entity = new S3EventNotification.S3Entity("bench", new S3EventNotification.S3BucketEntity(bucket,
                new S3EventNotification.UserIdentityEntity("bench"), "arn:aws:s3:::" + bucket), object, "1.0");
        var record = new S3EventNotification.S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3",
                "2026-12-02T00:00:00.000Z", "2.1", new S3EventNotification.RequestParametersEntity("127.0.0.1"),
                new S3EventNotification.ResponseElementsEntity("bench", "bench"), entity,
                new S3EventNotification.UserIdentityEntity("bench"));
        return new S3Event(List.of(record));
    }

    /** CPU time of the whole process so far (every thread, JIT and GC included). */
    static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().orElseThrow().toMillis();
    }

    /** A string field of a report, read without a JSON parser (the child loads as little as it can). */
    static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\":");
        int from = json.indexOf('"', at + name.length() + 3) + 1;
        return json.substring(from, json.indexOf('"', from));
    }

    private static String count(String json, String name) {
        int at = json.indexOf("\"" + name + "\":") + name.length() + 3;
        int end = at;
        while (end < json.length() && Character.isDigit(json.charAt(end))) {
            end++;
        }
        return json.substring(at, end);
    }

}
