package dev.intake.bench.http;

import dev.intake.bench.Classpaths;
import dev.intake.bench.LocalDynamoServer;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Which HTTP client should the function use? Compares them for cold start and for throughput
 * with many requests in flight, against DynamoDB Local as its own server process on loopback
 * (docs/benchmarks.md, "HTTP client"). Every sample is a JVM of its own, started like the
 * function's, with the function's classpath and one client's jars. Results go to standard output
 * as Markdown tables, progress to standard error.
 *
 * <p>Run with {@code ./benchmark http [cold] [batch] [transact] [options]}; {@code --help} lists
 * the options.
 */
public final class HttpClientBenchmark {

    private static final String USAGE = """
            usage: ./benchmark http [cold] [batch] [transact] [options]   (no part given: all three)
              --samples N             cold-start JVMs per client (default 5)
              --rounds N              throughput rounds (default 3)
              --items N               items per BatchWriteItem sample (default 12000)
              --transact-items N      items per TransactWriteItems sample (default 6000)
              --warmup N              requests of one item each that a throughput sample sends
                                      before it measures (default 300)
              --batch-in-flight L     requests in flight, e.g. 8,20,48 (the default)
              --transact-in-flight L  requests in flight, e.g. 4,16 (the default)
              --clients L             among url-connection,url-connection-max,crt,crt-async,apache
                                      (default all; the first is the one ratios divide by)
              --jvm-options "O..."    more options for the sample JVMs, after Lambda's defaults
                                      (e.g. "-XX:TieredStopAtLevel=4" to let C2 compile)
              --pin yes|no            yes: the sample JVMs run on core 0 and DynamoDB Local
                                      on core 1 (taskset), as the function on Lambda does not
                                      share its CPU with DynamoDB; no: both anywhere (default:
                                      yes where taskset exists and there are 2 cores or more)
            """;

    private static final Map<String, String> DEFAULTS = Map.of(
            "--samples", "5",
            "--rounds", "3",
            "--items", "12000",
            "--transact-items", "6000",
            "--warmup", "300",
            "--batch-in-flight", "8,20,48",
            "--transact-in-flight", "4,16",
            "--clients", "url-connection,url-connection-max,crt,crt-async,apache",
            "--jvm-options", "",
            "--pin", canPin() ? "yes" : "no");

    private HttpClientBenchmark() {}

    /** The command line. */
    record Options(Set<String> parts, int samples, int rounds, long items, long transactItems, long warmup,
            List<Integer> batchInFlight, List<Integer> transactInFlight, List<Contender> contenders, List<String> jvmOptions,
            boolean pin) {

        static Options parse(String[] args) {
            var parts = new LinkedHashSet<String>();
            var values = new HashMap<String, String>();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "cold", "batch", "transact" -> parts.add(args[i]);
                    case "--help", "-h" -> {
                        System.out.print(USAGE);
                        System.exit(0);
                    }
                    default -> {
                        if (!DEFAULTS.containsKey(args[i]) || i + 1 == args.length) {
                            throw new IllegalArgumentException("unknown option, or no value: " + args[i] + "\n" + USAGE);
                        }
                        values.put(args[i], args[++i]);
                    }
                }
            }
            if (parts.isEmpty()) {
                parts.addAll(List.of("cold", "batch", "transact"));
            }
            DEFAULTS.forEach(values::putIfAbsent);
            return new Options(parts, number(values.get("--samples")), number(values.get("--rounds")),
                    number(values.get("--items")), number(values.get("--transact-items")), number(values.get("--warmup")),
                    numbers(values.get("--batch-in-flight")), numbers(values.get("--transact-in-flight")),
                    Arrays.stream(values.get("--clients").split(",")).map(Contender::byLabel).toList(),
                    values.get("--jvm-options").isBlank() ? List.of() : List.of(values.get("--jvm-options").split(" ")),
                    switch (values.get("--pin")) {
                        case "yes" -> true;
                        case "no" -> false;
                        default -> throw new IllegalArgumentException("--pin is yes or no\n" + USAGE);
                    });
        }

        /** The HTTP clients of the contenders, each once, for the cold start. */
        List<HttpClientChoice> clients() {
            return contenders.stream().map(Contender::client).distinct().toList();
        }

        private static int number(String value) {
            return Integer.parseInt(value.replace("_", ""));
        }

        private static List<Integer> numbers(String value) {
            return Arrays.stream(value.split(",")).map(Options::number).toList();
        }
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        var options = Options.parse(args);
        var classpaths = Classpaths.fromBuild();
        checkEveryClientJarIsClaimed(classpaths);
        var jvms = new SampleJvms(classpaths, onCore(options.pin(), 0), options.jvmOptions());
        long start = System.nanoTime();
        printMachine(System.out, jvms, args);
        var server = LocalDynamoServer.builder(classpaths.dynamoDbLocal()).launcher(onCore(options.pin(), 1).toArray(String[]::new));
        try (var dynamo = server.start();
                var admin = HttpClientChoice.URL_CONNECTION.dynamoDb(dynamo.endpoint(), HttpClientChoice.DEFAULT_CONNECTIONS)) {
            System.err.println("DynamoDB Local answers on " + dynamo.endpoint() + " (pid " + dynamo.pid() + ")");
            runParts(options, jvms, dynamo, admin, System.out);
        }
        System.out.printf("%nTook %.1f min; load average at the end %s.%n", (System.nanoTime() - start) / 60e9,
                MachineCounters.loadAverage());
    }

    private static void runParts(Options options, SampleJvms jvms, LocalDynamoServer dynamo, DynamoDbClient admin,
            PrintStream out) throws IOException, InterruptedException {
        if (options.parts().contains("cold")) {
            String table = "cold-start";
            BenchTables.create(admin, table);
            new ColdStartBenchmark(jvms, dynamo.endpoint(), table).run(options.clients(), options.samples(), out);
        }
        var throughput = new ThroughputBenchmark(jvms, dynamo.endpoint(), admin, dynamo.pid());
        if (options.parts().contains("batch")) {
            throughput.run(new ThroughputBenchmark.Plan(Operation.BATCH, options.contenders(), options.batchInFlight(),
                    options.rounds(), options.items(), options.warmup()), out);
        }
        if (options.parts().contains("transact")) {
            throughput.run(new ThroughputBenchmark.Plan(Operation.TRANSACT, options.contenders(), options.transactInFlight(),
                    options.rounds(), options.transactItems(), options.warmup()), out);
        }
    }

    private static boolean canPin() {
        return Runtime.getRuntime().availableProcessors() >= 2 && Arrays.stream(System.getenv().getOrDefault("PATH", "")
                .split(File.pathSeparator)).anyMatch(directory -> Files.isExecutable(Path.of(directory, "taskset")));
    }

    /**
     * With {@code --pin yes}, a command that runs a process on one core: the samples on core 0,
     * DynamoDB Local on core 1. Other processes may still use either core; pinning keeps only
     * this benchmark's two apart.
     */
    private static List<String> onCore(boolean pin, int core) {
        return pin ? List.of("taskset", "-c", Integer.toString(core)) : List.of();
    }

    private static void printMachine(PrintStream out, SampleJvms jvms, String[] args) {
        var classpaths = jvms.classpaths();
        out.printf("## HTTP client benchmark, %s%n%n", Instant.now());
        out.printf("`./benchmark http%s`: %d cores, load average %s at the start, JDK %s; AWS SDK %s, aws-crt %s, "
                        + "DynamoDB Local 2.6.1 in its own JVM; samples in JVMs with %s.%n",
                args.length == 0 ? "" : " " + String.join(" ", args), Runtime.getRuntime().availableProcessors(), MachineCounters.loadAverage(),
                System.getProperty("java.runtime.version"), version(classpaths.function(), "sdk-core"),
                version(classpaths.clients(), "aws-crt"), String.join(" ", ChildJvm.LAMBDA_OPTIONS)
                        + (jvms.options().isEmpty() ? "" : " " + String.join(" ", jvms.options()))
                        + (jvms.launcher().isEmpty() ? ", anywhere" : ", on core 0 (DynamoDB Local on core 1)"));
    }

    private static String version(List<Path> jars, String artifactId) {
        return jars.stream().filter(jar -> Classpaths.artifactId(jar).equals(artifactId))
                .map(jar -> jar.getParent().getFileName().toString()).findFirst().orElse("?");
    }

    /** A jar that no client claims would be left out of every sample: fail rather than measure without it. */
    private static void checkEveryClientJarIsClaimed(Classpaths classpaths) {
        var claimed = Arrays.stream(HttpClientChoice.values()).flatMap(choice -> choice.artifactIds().stream()).toList();
        var unclaimed = classpaths.clients().stream().filter(jar -> !claimed.contains(Classpaths.artifactId(jar))).toList();
        if (!unclaimed.isEmpty()) {
            throw new IllegalStateException("jars of no HTTP client (add them to HttpClientChoice): " + unclaimed);
        }
    }
}
