package dev.intake.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import dev.intake.IntakeConfig;
import dev.intake.aws.LeaseCheck;
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
    /** How long a command waits for a starting ./intake serve before giving up on it. */
    private static final java.time.Duration SERVE_START_TIMEOUT = java.time.Duration.ofSeconds(60);

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
    private final Endpoints endpoints;
    private final List<String> tableNames;

    /** Ports for {@code ./intake serve}: fixed, or 0 for any free one. */
    public record Ports(int dynamodb, int s3) {}

    /** Where S3 and DynamoDB answer (null for AWS itself), and the serve they belong to, if any. */
    private record Endpoints(String s3, String dynamodb, ServeState serveState, ServeState.Endpoints attachedServe) {}

    private LocalAws(Builder builder, List<AutoCloseable> resources, S3Client s3, DynamoDbClient dynamo,
                     Path s3Directory, String description, boolean realAws, Endpoints endpoints, List<String> tableNames) {
        this.config = IntakeConfig.from(builder.diskDynamo ? withDiskDefaults(builder.env) : Env.withoutBlanks(builder.env));
        this.bucket = Env.bucket(builder.env);
        this.region = Env.region(builder.env);
        this.resources = resources;
        this.s3 = s3;
        this.dynamo = dynamo;
        this.s3Directory = s3Directory;
        this.description = description;
        this.realAws = realAws;
        this.endpoints = endpoints;
        this.tableNames = List.copyOf(tableNames);
    }

    /**
     * Starts what {@code env} asks for. {@code stateDirectory} null keeps the embedded emulators in
     * memory (tests); otherwise their data lives there across runs (the CLI). When a
     * {@code ./intake serve} holds the state folder, its emulators are used instead of new ones.
     */
    public static LocalAws start(Path template, Map<String, String> env, Path stateDirectory) throws Exception {
        return new Builder(template, env, stateDirectory, null).start();
    }

    /**
     * Starts the embedded emulators as servers on the given loopback ports, for other processes
     * (the AWS CLI, other ./intake commands) to use; {@link #serving()} tells those commands about
     * them once the caller is ready.
     */
    public static LocalAws serve(Path template, Map<String, String> env, Path stateDirectory, Ports ports) throws Exception {
        if (!usesEmbeddedEmulators(env)) {
            throw new IllegalStateException("serve runs the embedded emulators; with AWS_ENDPOINT_URL* or the table"
                    + " variables set, the S3 named there sends its own notifications");
        }
        return new Builder(template, env, java.util.Objects.requireNonNull(stateDirectory), ports).start();
    }

    /**
     * DynamoDB Local keeping its data on disk commits each item of a BatchWriteItem on its own, and
     * slows down sharply with many requests at once (docs/configuration.md, INTAKE_CREATE_WRITES):
     * against it, commits send creates in transactions of 100 and keep 4 slots of a hundred writes
     * out, unless the environment says otherwise. Against AWS (and DynamoDB Local in memory) the
     * function's defaults hold: BatchWriteItem, 8 slots (INTAKE_WRITE_CONCURRENCY).
     */
    private static Map<String, String> withDiskDefaults(Map<String, String> env) {
        var withDefaults = new java.util.HashMap<>(Env.withoutBlanks(env));
        withDefaults.putIfAbsent(IntakeConfig.CREATE_WRITES, IntakeConfig.CreateWrites.TRANSACTIONS.label());
        withDefaults.putIfAbsent(IntakeConfig.WRITE_CONCURRENCY, "4");
        return withDefaults;
    }

    /** No endpoint and no table variable set: the CLI runs its own emulators, keeping their state under INTAKE_HOME. */
    public static boolean usesEmbeddedEmulators(Map<String, String> env) {
        var clean = Env.withoutBlanks(env);
        return noEndpoint(clean) && IntakeConfig.TABLE_VARIABLES.stream().noneMatch(clean::containsKey);
    }

    /** Only the table variables set, and no endpoint: the user means the deployed tables (docs/configuration.md). */
    public static boolean targetsRealAws(Map<String, String> env) {
        var clean = Env.withoutBlanks(env);
        return noEndpoint(clean) && IntakeConfig.TABLE_VARIABLES.stream().anyMatch(clean::containsKey);
    }

    private static boolean noEndpoint(Map<String, String> clean) {
        return Env.endpoint(clean, Env.AWS_ENDPOINT_URL_S3) == null && Env.endpoint(clean, Env.AWS_ENDPOINT_URL_DYNAMODB) == null;
    }

    /**
     * Against the deployed tables each table variable must be set: one left unset took its local
     * name (intake-inventory, …) in the real account, so a catalog loaded with CATALOG_TABLE alone
     * went to the stack's catalog and its seeded records to tables of other names, or none (found
     * by review on 6 December 2026). Refused before any request.
     */
    private static void requireEveryTable(Map<String, String> env) {
        var unset = IntakeConfig.unsetTableVariables(env);
        if (!unset.isEmpty()) {
            throw new IllegalArgumentException("against the deployed tables (a table variable set, no endpoint) every"
                    + " table variable must be set: " + String.join(", ", unset) + (unset.size() == 1 ? " is" : " are")
                    + " not (docs/deploy.md shows how to read them from the stack)");
        }
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

    /** The S3 endpoint, {@code http://127.0.0.1:PORT} for the emulators; null for AWS itself. */
    public String s3Endpoint() {
        return endpoints.s3();
    }

    public String dynamoEndpoint() {
        return endpoints.dynamodb();
    }

    /** The tables of template.yaml the handler uses, by their local names. */
    public List<String> tableNames() {
        return tableNames;
    }

    /** The {@code ./intake serve} whose emulators these are, when this command found one running. */
    public Optional<ServeState.Endpoints> attachedServe() {
        return Optional.ofNullable(endpoints.attachedServe());
    }

    /** Called by {@code ./intake serve} once it watches the bucket: other commands may use it from now on. */
    void serving() {
        endpoints.serveState().ready(endpoints.s3(), endpoints.dynamodb());
    }

    /**
     * Called by {@code ./intake serve} as it begins to stop: a command started from now finds no
     * serve to use, and waits for the state folder or is refused, before it uploads anything.
     * Before, it used the stopping serve, whose emulators closed under its import (found by review
     * "interrupts" on 7 December 2026).
     */
    void stopServing() {
        endpoints.serveState().clear();
    }

    /**
     * User metadata ({@code x-amz-meta-intake-command-upload}) on an object a command uploads and
     * delivers itself: the serve's watcher leaves such an upload to the command. The mark travels
     * with the object, so it holds whatever state folder the command ran from: a note in the
     * serve's folder, which it replaced, was missed by a command run elsewhere (another
     * INTAKE_HOME, with the endpoint variables naming the serve), and the serve delivered its
     * upload too, racing the command's delivery.
     */
    static final String COMMAND_UPLOAD = "intake-command-upload";

    /** The mark's value: a digest of the key, so that a copy of the object to another key is not taken for the command's. */
    static String commandUploadMark(String key) {
        return dev.intake.core.imports.ImportTicket.digest(key);
    }

    /** Asked by {@code ./intake serve} of each new object: true when a command delivers it itself. */
    boolean deliveredByACommand(String bucketName, String key) {
        try {
            var metadata = s3.headObject(b -> b.bucket(bucketName).key(key)).metadata();
            return commandUploadMark(key).equals(metadata.get(COMMAND_UPLOAD));
        } catch (software.amazon.awssdk.core.exception.SdkException unreadable) {
            // gone already, or S3 failed to say: the serve delivers it, and the import says what it found
            // (thrown, it stopped the poll, whose other new objects were then never imported: found by review)
            return false;
        }
    }

    /** Whether the bucket is the embedded S3 emulator's, kept on this machine's disk (a name of a file each key segment). */
    boolean s3OnLocalDisk() {
        return s3Directory != null;
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
        /** Non-null for ./intake serve. */
        private final Ports ports;
        /** Filled by the emulator starts, which run in parallel. */
        private final List<AutoCloseable> resources = java.util.Collections.synchronizedList(new ArrayList<>());

        Builder(Path template, Map<String, String> env, Path stateDirectory, Ports ports) {
            this.template = template;
            this.env = Env.withoutBlanks(env);
            this.stateDirectory = stateDirectory;
            this.ports = ports;
        }

        /** Whether DynamoDB is the embedded DynamoDB Local (or a serve's) with its data on disk. */
        private boolean diskDynamo;

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
            if (realAws) {
                requireEveryTable(env);
            }
            var givenDynamo = realAws ? null : Env.endpoint(env, Env.AWS_ENDPOINT_URL_DYNAMODB);
            var givenS3 = realAws ? null : Env.endpoint(env, Env.AWS_ENDPOINT_URL_S3);
            ServeState serveState = null;
            ServeState.Endpoints attached = null;
            // Only the embedded emulators keep their data in the state folder, so only they need it to themselves.
            if (stateDirectory != null && !realAws && (givenDynamo == null || givenS3 == null)) {
                Files.createDirectories(stateDirectory);
                serveState = new ServeState(stateDirectory);
                attached = lockOrFindServe(serveState);
                if (attached != null) {
                    givenDynamo = givenDynamo == null ? attached.dynamodb() : givenDynamo;
                    givenS3 = givenS3 == null ? attached.s3() : givenS3;
                }
            } else if (stateDirectory != null && givenS3 != null && Files.isDirectory(stateDirectory)) {
                serveState = new ServeState(stateDirectory);
                attached = serveBehind(serveState, givenS3);
                serveState = attached == null ? null : serveState;
            }
            diskDynamo = !realAws && stateDirectory != null && Env.endpoint(env, Env.AWS_ENDPOINT_URL_DYNAMODB) == null;
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
                if (attached != null) {
                    where.add("the ./intake serve (pid " + attached.pid() + ")");
                }
                where.add(givenDynamo == null ? "embedded DynamoDB Local" : "DynamoDB at " + givenDynamo);
                where.add(givenS3 == null ? "embedded S3Proxy" : "S3 at " + givenS3);
                var dynamoGiven = givenDynamo;
                var s3Given = givenS3;
                // Each emulator takes about a second to start, mostly class loading: start both at
                // once, and load the template and the SDK meanwhile.
                var captured = new ByteArrayOutputStream();
                var stdout = System.out;
                System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                boolean started = false; // both emulators' starts ended, whether or not they failed
                try {
                    var dynamoStart = dynamoGiven != null ? CompletableFuture.completedFuture(dynamoGiven)
                            : CompletableFuture.supplyAsync(unchecked(this::startDynamoDbLocal));
                    var s3Start = s3Given != null ? CompletableFuture.completedFuture(s3Given)
                            : CompletableFuture.supplyAsync(unchecked(() -> startS3Proxy(s3Directory)));
                    try {
                        tables = TemplateTables.read(template).createTableRequests(env);
                        warmUpSdk();
                    } finally {
                        CompletableFuture.allOf(dynamoStart, s3Start).exceptionally(e -> null).join();
                    }
                    started = true;
                    dynamoEndpoint = joined(dynamoStart);
                    s3Endpoint = joined(s3Start);
                } catch (Exception | Error e) {
                    // DynamoDB Local prints its configuration on stdout: shown only when a start failed, and
                    // not for a port taken, whose message says all there is, nor for a setting read before
                    // (INTAKE_LEASE_SECONDS=abc printed nine lines of it above its one: found by review).
                    if (started && !(e instanceof PortTakenException)) {
                        System.err.print(captured.toString(StandardCharsets.UTF_8));
                    }
                    throw e;
                } finally {
                    System.setOut(stdout);
                }
            }
            // The Apache client (deprecated in favour of apache5, which is not on infra's compile path): against
            // the emulators it is several times faster than the URL-connection client the function uses.
            // Embedded emulators (a serve's too) get the dummy key they were started with; anything else the
            // user's credentials.
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
                    .credentialsProvider(credentials(dynamoExternal))
                    .overrideConfiguration(o -> o.addExecutionInterceptor(new LeaseCheck())); // as the function's
            if (dynamoEndpoint != null) {
                dynamoBuilder.endpointOverride(URI.create(dynamoEndpoint));
            }
            var dynamo = dynamoBuilder.build();
            resources.add(dynamo);
            var state = stateDirectory == null ? "in memory" : "state in " + stateDirectory;
            var aws = new LocalAws(this, resources, s3, dynamo, s3Directory,
                    String.join(" + ", where) + (realAws ? "" : ", " + state), realAws,
                    new Endpoints(s3Endpoint, dynamoEndpoint, serveState, attached),
                    tables.stream().map(CreateTableRequest::tableName).toList());
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

        /**
         * One process at a time runs the emulators of a state folder: DynamoDB Local's database file
         * is not shared. Returns null with the folder locked, or the running serve that holds it
         * (whose emulators this command then uses).
         */
        /**
         * The running serve whose S3 {@code s3Endpoint} names, if any: with the endpoints given
         * (exported for the AWS CLI, say), a command still tells that serve about its uploads, or
         * the serve imported each one a second time.
         */
        private static ServeState.Endpoints serveBehind(ServeState serveState, String s3Endpoint) {
            return serveState.read()
                    .filter(ServeState.Endpoints::alive)
                    .filter(serve -> sameEndpoint(serve.s3(), s3Endpoint))
                    .orElse(null);
        }

        /** Whether two endpoint URLs name one server: the same port on loopback (127.0.0.1 or localhost), or the same URL. */
        private static boolean sameEndpoint(String one, String other) {
            var a = URI.create(one.strip());
            var b = URI.create(other.strip());
            return a.getPort() == b.getPort() && (loopback(a) && loopback(b) || String.valueOf(a.getHost()).equals(b.getHost()));
        }

        private static boolean loopback(URI uri) {
            return List.of("127.0.0.1", "localhost", "[::1]", "::1").contains(String.valueOf(uri.getHost()));
        }

        private ServeState.Endpoints lockOrFindServe(ServeState serveState) throws IOException, InterruptedException {
            if (lock(stateDirectory)) {
                // A serve that was killed leaves its file behind; the lock died with it.
                serveState.clear();
                if (ports != null) {
                    serveState.starting();
                    resources.add(serveState::clear);
                }
                return null;
            }
            var serve = serveState.awaitReady(SERVE_START_TIMEOUT);
            if (serve.isPresent() && ports == null) {
                return serve.get();
            }
            throw new IllegalStateException(serve.map(s -> "an ./intake serve (pid " + s.pid() + ") is already using " + stateDirectory)
                    .orElse("another ./intake is using " + stateDirectory + "; wait for it to finish (commands run side by side"
                            + " while an ./intake serve runs)"));
        }

        private boolean lock(Path directory) throws IOException {
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
                return false;
            }
            resources.add(channel);
            resources.add(lock::release);
            return true;
        }

        private String startDynamoDbLocal() throws Exception {
            var storage = stateDirectory == null
                    ? List.of("-inMemory")
                    : List.of("-dbPath", Files.createDirectories(stateDirectory.resolve("dynamodb")).toAbsolutePath().toString());
            int fixedPort = ports == null ? 0 : ports.dynamodb();
            for (int attempt = 1; ; attempt++) {
                int port = fixedPort != 0 ? fixedPort : freePort();
                // -sharedDb: one database whatever the access key and region of the caller (the AWS CLI's included).
                var args = new ArrayList<>(List.of("-sharedDb", "-disableTelemetry", "-port", Integer.toString(port)));
                args.addAll(storage);
                try {
                    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
                    listenOnLoopbackOnly(server);
                    server.start();
                    resources.add(server::stop);
                    var endpoint = "http://127.0.0.1:" + port;
                    warmUp(endpoint);
                    return endpoint;
                } catch (Exception e) {
                    if (fixedPort != 0 && rootCause(e) instanceof BindException) {
                        throw new PortTakenException("DynamoDB Local", fixedPort, "--dynamodb-port", e);
                    }
                    // Another process may take the free port between the probe and the bind: try another.
                    if (fixedPort != 0 || attempt == 3 || !(rootCause(e) instanceof BindException)) {
                        throw e;
                    }
                }
            }
        }

        /**
         * DynamoDB Local has no option for its address and listens on every interface: its Jetty
         * server is reached for, to keep it on 127.0.0.1 like S3Proxy. Should its inside change,
         * it keeps listening everywhere, as it did before.
         */
        private static void listenOnLoopbackOnly(DynamoDBProxyServer server) {
            try {
                var field = DynamoDBProxyServer.class.getDeclaredField("server");
                field.setAccessible(true);
                for (var connector : ((org.eclipse.jetty.server.Server) field.get(server)).getConnectors()) {
                    if (connector instanceof org.eclipse.jetty.server.ServerConnector network) {
                        network.setHost("127.0.0.1");
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // See above: every interface, as before.
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
            int port = ports == null ? 0 : ports.s3();
            var proxy = S3Proxy.builder()
                    .blobStore(BlobStores.create(provider, properties))
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, DUMMY, DUMMY)
                    .build();
            keepSlowReadsOpen(proxy);
            try {
                proxy.start();
            } catch (Exception e) {
                if (port != 0 && rootCause(e) instanceof BindException) {
                    throw new PortTakenException("S3Proxy", port, "--s3-port", e);
                }
                throw e;
            }
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

        /**
         * S3Proxy's Jetty drops a connection whose writes make no progress for 30 s. An import's
         * commit pass reads its file as slowly as it writes the records (a few hundred rows a
         * second here), so on a large file the response stalls longer than that while the socket
         * buffers drain, and the read fails minutes later (ConnectionClosedException: Premature end
         * of Content-Length delimited message body). The deployed function may take 15 minutes, so
         * may a read here. S3Proxy has no option for it: its Jetty connectors are reached for.
         */
        private static void keepSlowReadsOpen(S3Proxy proxy) {
            try {
                var field = S3Proxy.class.getDeclaredField("server");
                field.setAccessible(true);
                var server = field.get(proxy);
                for (var connector : (Object[]) server.getClass().getMethod("getConnectors").invoke(server)) {
                    connector.getClass().getMethod("setIdleTimeout", long.class)
                            .invoke(connector, LocalContext.DEFAULT_TIMEOUT.toMillis());
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // S3Proxy's inside changed: its 30 s timeout stays, which only long imports notice.
            }
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

    /** A fixed port of ./intake serve that another program already listens on. */
    static final class PortTakenException extends IllegalStateException {
        PortTakenException(String server, int port, String option, Throwable cause) {
            super("port " + port + " (" + server + ") is taken by another program: choose another with " + option
                    + " N, or stop that program", cause);
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
