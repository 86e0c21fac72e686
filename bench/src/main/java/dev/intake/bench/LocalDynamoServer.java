package dev.intake.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * DynamoDB Local 2.6.1 as its own server process, so that a benchmark's requests cross a socket
 * as they do on AWS and the server's CPU is not the benchmark JVM's. In memory, telemetry off,
 * reached on 127.0.0.1 (DynamoDB Local has no option to bind one interface: it listens on all).
 *
 * <pre>{@code
 * try (var dynamo = LocalDynamoServer.builder(Classpaths.fromBuild().dynamoDbLocal()).start()) {
 *     DynamoDbClient client = DynamoDbClient.builder().endpointOverride(dynamo.endpoint())...build();
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the process (and a shutdown hook does, should the benchmark end
 * without closing it). Its output goes to {@link #log()}, in a temporary directory that
 * {@link #close()} deletes; when the server fails to start, the exception quotes the log's end
 * and the directory is kept.
 */
public final class LocalDynamoServer implements AutoCloseable {

    private static final String MAIN_CLASS = "com.amazonaws.services.dynamodbv2.local.main.ServerRunner";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Process process;
    private final URI endpoint;
    private final Path log;
    private final Path workDir;
    private final Thread stopOnExit;

    private LocalDynamoServer(Process process, URI endpoint, Path log, Path workDir) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
        this.workDir = workDir;
        this.stopOnExit = new Thread(process::destroyForcibly, "stop-dynamodb-local");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** A server on DynamoDB Local's classpath (e.g. {@link Classpaths#dynamoDbLocal()}). */
    public static Builder builder(List<Path> classpath) {
        return new Builder(classpath);
    }

    /** {@code http://127.0.0.1:<port>}: give it to an SDK client's {@code endpointOverride}. */
    /**
     * The environment {@code LocalAws} (and the function) reach this server with: its endpoint, a
     * region and dummy credentials, so nothing leaves the machine.
     */
    public java.util.Map<String, String> localAwsEnvironment() {
        return java.util.Map.of("AWS_ENDPOINT_URL_DYNAMODB", endpoint().toString(), "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "dummy", "AWS_SECRET_ACCESS_KEY", "dummy");
    }

    public URI endpoint() {
        return endpoint;
    }

    /** The server's process id, e.g. to read its CPU time. */
    public long pid() {
        return process.pid();
    }

    /** The server's standard output and error. */
    public Path log() {
        return log;
    }

    /** Stops the server: SIGTERM, then SIGKILL if it has not exited within 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        removeShutdownHook();
        deleteQuietly(workDir);
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: nothing to undo.
        }
    }

    /** How to start the server; every setting has a default. */
    public static final class Builder {
        private final List<Path> classpath;
        private final List<String> jvmOptions = new ArrayList<>();
        private final List<String> launcher = new ArrayList<>();
        private int port;
        private boolean sharedDb = true;
        private Duration startTimeout = Duration.ofSeconds(60);

        private Builder(List<Path> classpath) {
            if (classpath.isEmpty()) {
                throw new IllegalArgumentException("DynamoDB Local's classpath is empty");
            }
            this.classpath = List.copyOf(classpath);
        }

        /** The port to listen on; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /**
         * One database for every access key and region (the default, {@code -sharedDb}), so that
         * clients with different dummy credentials see the same tables. Without it DynamoDB Local
         * keeps one database per access key and region.
         */
        public Builder sharedDb(boolean sharedDb) {
            this.sharedDb = sharedDb;
            return this;
        }

        /** Options for the server's JVM, e.g. {@code -Xmx2g}. */
        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /**
         * A command that runs the server's {@code java} command, e.g. {@code taskset -c 1} to keep
         * it on one core, away from the benchmark's own processes.
         */
        public Builder launcher(String... command) {
            launcher.addAll(List.of(command));
            return this;
        }

        /** How long to wait for the server to answer (default 60 s). */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Starts the server and returns once it answers HTTP requests. */
        public LocalDynamoServer start() throws IOException {
            int chosen = port == 0 ? freePort() : port;
            Path workDir = Files.createTempDirectory("dynamodb-local-");
            Path log = workDir.resolve("server.log");
            var process = new ProcessBuilder(command(chosen))
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            // Telemetry would call public AWS endpoints: -disableTelemetry and this both turn it off.
            process.environment().put("DDB_LOCAL_TELEMETRY", "0");
            process.environment().put("AWS_EC2_METADATA_DISABLED", "true");
            var server = new LocalDynamoServer(process.start(), URI.create("http://127.0.0.1:" + chosen), log, workDir);
            try {
                server.awaitAnswer(startTimeout);
            } catch (IOException | RuntimeException e) {
                server.process.destroyForcibly();
                server.removeShutdownHook();
                throw e;
            }
            return server;
        }

        private List<String> command(int chosenPort) {
            var command = new ArrayList<>(launcher);
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // sqlite4java loads its native library with System.load: allowed without a warning.
            command.add("--enable-native-access=ALL-UNNAMED");
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", String.join(java.io.File.pathSeparator, classpath.stream().map(Path::toString).toList())));
            command.addAll(List.of(MAIN_CLASS, "-inMemory", "-port", Integer.toString(chosenPort), "-disableTelemetry"));
            if (sharedDb) {
                command.add("-sharedDb");
            }
            return command;
        }

        private static int freePort() throws IOException {
            try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            }
        }
    }

    /** Any HTTP answer to a ListTables call means the server is up; the call itself may be refused. */
    private void awaitAnswer(Duration timeout) throws IOException {
        var probe = HttpRequest.newBuilder(endpoint)
                .timeout(Duration.ofSeconds(2))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            while (true) {
                try {
                    http.send(probe, HttpResponse.BodyHandlers.discarding());
                    return;
                } catch (IOException notYet) {
                    if (!process.isAlive()) {
                        throw new IOException("DynamoDB Local exited with status " + process.exitValue()
                                + " before answering; its output:\n" + tail(log));
                    }
                    if (System.nanoTime() > deadline) {
                        throw new IOException("DynamoDB Local did not answer on " + endpoint + " within " + timeout
                                + "; its output:\n" + tail(log));
                    }
                    Thread.sleep(POLL);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for DynamoDB Local", e);
        }
    }

    private static String tail(Path log) {
        try {
            var lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** Best effort: a temporary directory left behind harms nothing. */
    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // See above.
        }
    }
}
