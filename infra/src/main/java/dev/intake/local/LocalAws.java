package dev.intake.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.intake.IntakeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The S3 and DynamoDB the local runtime talks to: embedded DynamoDB Local and S3Proxy in this JVM
 * (in memory, or on disk under a state folder), or the endpoints named by {@code AWS_ENDPOINT_URL*}
 * (LocalStack), or real AWS when only the table variables are set. Tables come from template.yaml.
 */
public final class LocalAws implements AutoCloseable {

    /** Dummy credentials: the embedded emulators check signatures, not identities. */
    private static final String DUMMY = "dummy";

    static {
        // DynamoDB Local's bundled log4j2.xml logs to stdout; ours sends its warnings to stderr.
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "intake-log4j2.xml");
        }
    }

    private final IntakeConfig config;
    private final String bucket;
    private final String region;
    private final Path s3Directory;
    private final String description;
    private final boolean realAws;
    private final List<AutoCloseable> resources;
    private final S3Client s3;
    private final DynamoDbClient dynamo;

    private LocalAws(Builder builder, List<AutoCloseable> resources, S3Client s3, DynamoDbClient dynamo,
                     Path s3Directory, String description, boolean realAws) {
        this.config = IntakeConfig.from(Env.withoutBlanks(builder.env));
        this.bucket = Env.bucket(builder.env);
        this.region = Env.region(builder.env);
        this.resources = resources;
        this.s3 = s3;
        this.dynamo = dynamo;
        this.s3Directory = s3Directory;
        this.description = description;
        this.realAws = realAws;
    }

    /**
     * Starts what {@code env} asks for. {@code stateDirectory} null keeps the embedded emulators in
     * memory (tests); otherwise their data lives there across runs (the CLI).
     */
    public static LocalAws start(Path template, Map<String, String> env, Path stateDirectory) throws Exception {
        return new Builder(template, env, stateDirectory).start();
    }

    /** Only the table variables set, and no endpoint: the user means the deployed tables (docs/configuration.md). */
    public static boolean targetsRealAws(Map<String, String> env) {
        var clean = Env.withoutBlanks(env);
        return Env.endpoint(clean, Env.AWS_ENDPOINT_URL_S3) == null && Env.endpoint(clean, Env.AWS_ENDPOINT_URL_DYNAMODB) == null
                && IntakeConfig.TABLE_VARIABLES.stream().anyMatch(clean::containsKey);
    }

    public S3Client s3() {
        return s3;
    }

    public DynamoDbClient dynamo() {
        return dynamo;
    }

    /** The table names the handler must use (the same ones the tables were created with). */
    public IntakeConfig config() {
        return config;
    }

    /** The bucket uploads go to ({@code INTAKE_BUCKET}, default {@code intake-local}). */
    public String bucket() {
        return bucket;
    }

    public String region() {
        return region;
    }

    /** True when the tables are real AWS tables: the CLI then only loads catalogs and dumps. */
    public boolean realAws() {
        return realAws;
    }

    /** Where S3 and DynamoDB are, in words, for messages. */
    public String description() {
        return description;
    }

    /** The file behind an object in the embedded on-disk S3, so the CLI can point at it. */
    public Optional<Path> localFile(String bucketName, String key) {
        if (s3Directory == null) {
            return Optional.empty();
        }
        var file = s3Directory.resolve(bucketName).resolve(key).normalize();
        return file.startsWith(s3Directory) && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Creates the bucket when it is missing; the embedded and LocalStack stores are versioned when they can be. */
    public void ensureBucket(String name) {
        try {
            s3.headBucket(b -> b.bucket(name));
            return;
        } catch (NoSuchBucketException missing) {
            // create it below
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw e;
            }
        }
        if (realAws) {
            throw new IllegalStateException("bucket " + name + " does not exist in AWS; Intake does not create real buckets");
        }
        s3.createBucket(b -> {
            b.bucket(name);
            if (!Env.DEFAULT_REGION.equals(region)) {
                b.createBucketConfiguration(c -> c.locationConstraint(region));
            }
        });
        try {
            // The deployed bucket is versioned (template.yaml); S3Proxy's filesystem store is not, and
            // answers 501: imports are then told apart by eTag + sequencer instead of versionId.
            s3.putBucketVersioning(b -> b.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        } catch (S3Exception notSupported) {
            if (notSupported.statusCode() != 501) {
                throw notSupported;
            }
        }
    }

    /** Stops what was started, newest first; closing again does nothing. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        var started = List.copyOf(resources);
        resources.clear();
        for (var resource : started.reversed()) {
            try {
                resource.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("could not stop the local AWS emulators cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static final class Builder {
        private final Path template;
        private final Map<String, String> env;
        private final Path stateDirectory;
        /** Filled by the emulator starts, which run in parallel. */
        private final List<AutoCloseable> resources = java.util.Collections.synchronizedList(new ArrayList<>());

        Builder(Path template, Map<String, String> env, Path stateDirectory) {
            this.template = template;
            this.env = Env.withoutBlanks(env);
            this.stateDirectory = stateDirectory;
        }

        LocalAws start() throws Exception {
            try {
                return startOrFail();
            } catch (Exception | Error e) {
                for (var resource : resources.reversed()) {
                    try {
                        resource.close();
                    } catch (Exception suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                throw e;
            }
        }

        @SuppressWarnings("deprecation") // ApacheHttpClient: see the note where the clients are built
        private LocalAws startOrFail() throws Exception {
            boolean realAws = targetsRealAws(env);
            if (stateDirectory != null) {
                Files.createDirectories(stateDirectory);
                lock(stateDirectory);
            }
            Path s3Directory = realAws || stateDirectory == null || Env.endpoint(env, Env.AWS_ENDPOINT_URL_S3) != null
                    ? null : stateDirectory.resolve("s3").toAbsolutePath();
            var where = new ArrayList<String>();
            String dynamoEndpoint;
            String s3Endpoint;
            List<CreateTableRequest> tables = List.of();
            if (realAws) {
                where.add("AWS (" + Env.region(env) + ")");
                dynamoEndpoint = null;
                s3Endpoint = null;
            } else {
                var givenDynamo = Env.endpoint(env, Env.AWS_ENDPOINT_URL_DYNAMODB);
                var givenS3 = Env.endpoint(env, Env.AWS_ENDPOINT_URL_S3);
                where.add(givenDynamo == null ? "embedded DynamoDB Local" : "DynamoDB at " + givenDynamo);
                where.add(givenS3 == null ? "embedded S3Proxy" : "S3 at " + givenS3);
                // Each emulator takes about a second to start, mostly class loading: start both at
                // once, and load the template and the SDK meanwhile.
                var captured = new ByteArrayOutputStream();
                var stdout = System.out;
                System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                try {
                    var dynamoStart = givenDynamo != null ? CompletableFuture.completedFuture(givenDynamo)
                            : CompletableFuture.supplyAsync(unchecked(this::startDynamoDbLocal));
                    var s3Start = givenS3 != null ? CompletableFuture.completedFuture(givenS3)
                            : CompletableFuture.supplyAsync(unchecked(() -> startS3Proxy(s3Directory)));
                    try {
                        tables = TemplateTables.read(template).createTableRequests(env);
                        warmUpSdk();
                    } finally {
                        CompletableFuture.allOf(dynamoStart, s3Start).exceptionally(e -> null).join();
                    }
                    dynamoEndpoint = joined(dynamoStart);
                    s3Endpoint = joined(s3Start);
                } catch (Exception | Error e) {
                    // DynamoDB Local prints its configuration on stdout: shown only when a start failed.
                    System.err.print(captured.toString(StandardCharsets.UTF_8));
                    throw e;
                } finally {
                    System.setOut(stdout);
                }
            }
            // The Apache client (deprecated in favour of apache5, which is not on infra's compile path): against
            // the emulators it is several times faster than the URL-connection client the function uses.
            // Embedded emulators get the dummy key they were started with; anything else the user's credentials.
            boolean s3External = realAws || Env.endpoint(env, Env.AWS_ENDPOINT_URL_S3) != null;
            boolean dynamoExternal = realAws || Env.endpoint(env, Env.AWS_ENDPOINT_URL_DYNAMODB) != null;
            var region = Region.of(Env.region(env));
            var s3Builder = S3Client.builder()
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .region(region)
                    .credentialsProvider(credentials(s3External));
            if (s3Endpoint != null) {
                // Emulators serve buckets by path, not by host name.
                s3Builder.forcePathStyle(true).endpointOverride(URI.create(s3Endpoint));
            }
            var s3 = s3Builder.build();
            resources.add(s3);
            var dynamoBuilder = DynamoDbClient.builder()
                    .httpClientBuilder(ApacheHttpClient.builder())
                    .region(region)
                    .credentialsProvider(credentials(dynamoExternal));
            if (dynamoEndpoint != null) {
                dynamoBuilder.endpointOverride(URI.create(dynamoEndpoint));
            }
            var dynamo = dynamoBuilder.build();
            resources.add(dynamo);
            var state = stateDirectory == null ? "in memory" : "state in " + stateDirectory;
            var aws = new LocalAws(this, resources, s3, dynamo, s3Directory,
                    String.join(" + ", where) + (realAws ? "" : ", " + state), realAws);
            if (!realAws) {
                // CloudFormation owns real tables and buckets; everywhere else Intake creates what is missing.
                new TableSetup(dynamo).createMissing(tables);
                aws.ensureBucket(aws.bucket());
            }
            return aws;
        }

        /** Builds and drops a client of each kind, so the SDK's classes load while the emulators start. */
        @SuppressWarnings("deprecation")
        private static void warmUpSdk() {
            var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create(DUMMY, DUMMY));
            var endpoint = URI.create("http://127.0.0.1:9");
            S3Client.builder().httpClientBuilder(ApacheHttpClient.builder()).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).endpointOverride(endpoint).forcePathStyle(true).build().close();
            DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder()).region(Region.US_EAST_1)
                    .credentialsProvider(credentials).endpointOverride(endpoint).build().close();
        }

        private static <T> java.util.function.Supplier<T> unchecked(Callable<T> action) {
            return () -> {
                try {
                    return action.call();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            };
        }

        private static String joined(CompletableFuture<String> start) throws Exception {
            try {
                return start.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }

        private AwsCredentialsProvider credentials(boolean external) {
            if (!external) {
                return StaticCredentialsProvider.create(AwsBasicCredentials.create(DUMMY, DUMMY));
            }
            var key = Env.get(env, "AWS_ACCESS_KEY_ID");
            var secret = Env.get(env, "AWS_SECRET_ACCESS_KEY");
            if (key != null && secret != null) {
                var token = Env.get(env, "AWS_SESSION_TOKEN");
                return StaticCredentialsProvider.create(token == null
                        ? AwsBasicCredentials.create(key, secret)
                        : AwsSessionCredentials.create(key, secret, token));
            }
            return DefaultCredentialsProvider.builder().build();
        }

        /** One ./intake at a time per state folder: DynamoDB Local's database file is not shared. */
        private void lock(Path directory) throws IOException {
            var channel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldInThisJvm) {
                lock = null;
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new IllegalStateException("another ./intake is using " + directory + "; wait for it to finish");
            }
            resources.add(channel);
            resources.add(lock::release);
        }

        private String startDynamoDbLocal() throws Exception {
            var storage = stateDirectory == null
                    ? List.of("-inMemory")
                    : List.of("-dbPath", Files.createDirectories(stateDirectory.resolve("dynamodb")).toAbsolutePath().toString());
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                var args = new ArrayList<>(List.of("-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)));
                args.addAll(storage);
                try {
                    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                    server.start();
                    resources.add(server::stop);
                    var endpoint = "http://127.0.0.1:" + port;
                    warmUp(endpoint);
                    return endpoint;
                } catch (Exception e) {
                    // Another process may take the free port between the probe and the bind: try another.
                    if (attempt == 3 || !(rootCause(e) instanceof BindException)) {
                        throw e;
                    }
                }
            }
        }

        /**
         * DynamoDB Local's first request takes most of a second (it loads its engine): make it here,
         * in parallel with the other starts, rather than on the CLI's first real call.
         */
        private static void warmUp(String endpoint) {
            try (var http = java.net.http.HttpClient.newHttpClient()) {
                http.send(java.net.http.HttpRequest.newBuilder(URI.create(endpoint + "/"))
                                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                                .header("Content-Type", "application/x-amz-json-1.0")
                                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + DUMMY
                                        + "/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0")
                                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
            } catch (java.io.IOException e) {
                // Only an optimisation: the real calls will report a server that does not answer.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private String startS3Proxy(Path directory) throws Exception {
            var properties = new Properties();
            String provider = "transient";
            if (directory != null) {
                Files.createDirectories(directory);
                properties.setProperty("jclouds.filesystem.basedir", directory.toString());
                provider = "filesystem";
            }
            var proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create(provider, properties))
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, DUMMY, DUMMY)
                    .build();
            proxy.start();
            // Its Jetty threads are not daemons: stop it, or the JVM never exits.
            resources.add(proxy::stop);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!"STARTED".equals(proxy.getState())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s (state " + proxy.getState() + ")");
                }
                Thread.sleep(5);
            }
            return "http://127.0.0.1:" + proxy.getPort();
        }

        private static int freePort() throws IOException {
            try (var socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }

        private static Throwable rootCause(Throwable e) {
            while (e.getCause() != null && e.getCause() != e) {
                e = e.getCause();
            }
            return e;
        }
    }

    /** Creates the template's tables that do not exist yet and waits until they are usable. */
    private record TableSetup(DynamoDbClient dynamo) {
        void createMissing(List<CreateTableRequest> requests) {
            // Listing rather than describing each table: DynamoDB Local logs a stack trace for every missing one.
            var existing = new java.util.HashSet<>(dynamo.listTablesPaginator().tableNames().stream().toList());
            for (var request : requests) {
                if (!existing.contains(request.tableName())) {
                    dynamo.createTable(request);
                    dynamo.waiter().waitUntilTableExists(b -> b.tableName(request.tableName()));
                }
            }
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
