package dev.intake.bench.e2e;

import dev.intake.bench.Classpaths;
import dev.intake.bench.LocalDynamoServer;
import dev.intake.bench.http.ChildJvm;
import dev.intake.bench.http.Stats;
import dev.intake.local.CatalogFile;
import dev.intake.local.CatalogLoader;
import dev.intake.local.LocalAws;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * Intake's commit against the speed limit of its endpoint (docs/benchmarks.md, "End to end"):
 * DynamoDB Local as its own server process on loopback, S3Proxy in this JVM, and for each file,
 * alternately, the {@link BaselineLoad baseline raw loader} and the real handler
 * ({@link IntakeRun}), each in a fresh JVM started as Lambda starts the function, each into a fresh
 * org; which of the two goes first alternates from round to round. Prints per-run lines on standard error and a Markdown table of medians on standard output.
 *
 * <p>{@code ./benchmark e2e [creates] [untracked] [updates] [purchase-orders] [million] [--rounds N]
 * [--rows N] [--pin yes|no] [--warm-up N]}; without scenarios, all five.
 */
public final class EndToEndBenchmark {

    private static final String USAGE = """
            usage: ./benchmark e2e [creates] [untracked] [updates] [purchase-orders] [million] [options]
              creates           100,000 Part Inventory creates (a third serial-tracked), against the baseline
              untracked         100,000 creates of an untracked part (no serial claims), against the baseline
              updates           100,000 updates of existing records, against the baseline
              purchase-orders   100,000 Purchase Orders rows (10,000 POs, ~75,000 On Order items)
              million           1,000,000 creates, once each; and the live heap of Intake at 10,000 and
                                1,000,000 rows, each in a run that forces a full GC every few seconds
              --rounds N        alternating baseline/Intake rounds per 100,000-row file (default 3)
              --rows N          rows of the 100,000-row files (default 100000)
              --pin yes|no      the loaders on core 0, DynamoDB Local on core 1 (default: yes with taskset and 2+ cores)
              --intake-env "NAME=value ..."   more settings for the function (e.g. INTAKE_WRITE_CONCURRENCY=24)
              --intake-jvm "FLAG ..."   more flags for the function's JVM, after Lambda's (e.g. -XX:TieredStopAtLevel=4)
              --warm-up N       rows of the uncounted warm-up load, baseline then Intake (default 20000; 0: none)
            """;

    private static final String BASELINE_TABLE = "bench-baseline";
    private static final long TIMEOUT_SECONDS = 3_600;
    private final PrintStream log = System.err;
    private final AtomicInteger orgs = new AtomicInteger();
    private final Path work;
    private final LocalAws aws;
    private final String dynamoEndpoint;
    private final ChildJvm child;
    /** The function's JVM: {@link #child}'s, with the flags of {@code --intake-jvm}. */
    private final ChildJvm intakeChild;
    private final String catalogJson;
    private final List<String> intakeEnv;
    /** DynamoDB Local's process, whose CPU time each run is charged with. */
    static ProcessHandle server;

    private EndToEndBenchmark(Path work, LocalAws aws, String dynamoEndpoint, ChildJvm child, ChildJvm intakeChild,
                              List<String> intakeEnv)
            throws IOException {
        this.intakeEnv = intakeEnv;
        this.work = work;
        this.aws = aws;
        this.dynamoEndpoint = dynamoEndpoint;
        this.child = child;
        this.intakeChild = intakeChild;
        try (var in = EndToEndBenchmark.class.getResourceAsStream("/e2e/catalog.json")) {
            this.catalogJson = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** One run's figures. */
    private record Run(String who, long rows, long millis, long requests, long writeUnits, double peakHeapMb) {
        double rowsPerSecond() {
            return rows * 1000.0 / millis;
        }
    }

    public static void main(String[] args) throws Exception {
        var scenarios = new ArrayList<String>();
        var options = new HashMap<>(Map.of("--rounds", "3", "--rows", "100000", "--intake-env", "", "--intake-jvm", "",
                "--warm-up", "20000", "--pin", canPin() ? "yes" : "no"));
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                if (!options.containsKey(args[i]) || i + 1 == args.length) {
                    System.err.print(USAGE);
                    System.exit(2);
                }
                options.put(args[i], args[++i]);
            } else if (Set.of("creates", "untracked", "updates", "purchase-orders", "million").contains(args[i])) {
                scenarios.add(args[i]);
            } else {
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        if (scenarios.isEmpty()) {
            scenarios.addAll(List.of("creates", "untracked", "updates", "purchase-orders", "million"));
        }
        boolean pin = options.get("--pin").equals("yes");
        var classpaths = Classpaths.fromBuild();
        var work = Files.createTempDirectory("intake-e2e-");
        int exitCode = 0;
        var serverBuilder = LocalDynamoServer.builder(classpaths.dynamoDbLocal()).jvmOptions("-Xmx6g");
        if (pin) {
            serverBuilder.launcher("taskset", "-c", "1");
        }
        try (var dynamo = serverBuilder.start()) {
            server = ProcessHandle.of(dynamo.pid()).orElseThrow();
            try (var aws = LocalAws.start(Path.of("template.yaml"), dynamo.localAwsEnvironment(), null)) {
                var childClasspath = classpaths.intakeChild();
                var launcher = pin ? List.of("taskset", "-c", "0") : List.<String>of();
                var child = new ChildJvm(launcher, childClasspath, List.of("-Dhttp.maxConnections=64"));
                var intakeFlags = new ArrayList<>(child.options());
                intakeFlags.addAll(words(options.get("--intake-jvm")));
                var benchmark = new EndToEndBenchmark(work, aws, dynamo.endpoint().toString(), child,
                        new ChildJvm(launcher, childClasspath, intakeFlags),
                        words(options.get("--intake-env")));
                benchmark.createBaselineTable();
                benchmark.warmUp(Integer.parseInt(options.get("--warm-up")));
                int rounds = Integer.parseInt(options.get("--rounds"));
                int rows = Integer.parseInt(options.get("--rows"));
                var results = new LinkedHashMap<String, List<List<Run>>>();
                for (var scenario : scenarios) {
                    switch (scenario) {
                        case "creates" -> results.put("Part Inventory creates, " + rows + " rows",
                                benchmark.alternate(rounds, round -> BenchFiles.creates(work, rows), "part-inventory", false));
                        case "untracked" -> results.put("Part Inventory creates, untracked, " + rows + " rows",
                                benchmark.alternate(rounds, round -> BenchFiles.untracked(work, rows), "part-inventory", false));
                        case "updates" -> results.put("Part Inventory updates, " + rows + " rows",
                                benchmark.alternate(rounds, round -> BenchFiles.updates(work, rows, round), "part-inventory", true));
                        case "purchase-orders" -> results.put("Purchase Orders rows, " + rows + " rows",
                                benchmark.alternate(rounds, round -> BenchFiles.purchaseOrders(work, rows), "purchase-orders", false));
                        case "million" -> results.put("Part Inventory creates, 1,000,000 rows",
                                benchmark.alternate(1, round -> BenchFiles.creates(work, 1_000_000), "part-inventory", false));
                        default -> throw new IllegalStateException(scenario);
                    }
                }
                benchmark.print(results, pin);
                if (scenarios.contains("million")) {
                    benchmark.heap();
                }
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            exitCode = 1;
        } finally {
            deleteQuietly(work);
        }
        // An exit either way: the S3 emulator's and DynamoDB Local's threads would keep the JVM up.
        System.exit(exitCode);
    }

    /** Whether DynamoDB Local and the loaders can each have a core of their own ({@code taskset}, two cores or more). */
    static boolean canPin() {
        return Files.isExecutable(Path.of("/usr/bin/taskset")) && Runtime.getRuntime().availableProcessors() >= 2;
    }

    /**
     * One uncounted load of each loader before the rounds: DynamoDB Local compiles its hot paths on
     * the first load it serves, and without this the first loader of round 1 paid for that (the
     * baseline's server CPU in round 1 of `creates` was 25.7 s, against 13.8 s and 14.0 s after).
     */
    private void warmUp(int rows) throws Exception {
        if (rows == 0) {
            return;
        }
        log.println("warm-up, not counted:");
        var file = BenchFiles.creates(work, rows);
        baseline(file);
        intake(freshOrg(0), "part-inventory", file, 0);
    }

    /** Produces the file of a round. */
    @FunctionalInterface
    private interface FileOfRound {
        Path file(int round) throws IOException;
    }

    /**
     * {@code rounds} rounds of baseline then Intake, each into a fresh org loaded with the bench
     * catalog; {@code seeded}: the org first gets the records the updates file changes.
     */
    private List<List<Run>> alternate(int rounds, FileOfRound files, String importer, boolean seeded) throws Exception {
        var all = new ArrayList<List<Run>>();
        for (int round = 1; round <= rounds; round++) {
            var file = files.file(round);
            var org = freshOrg(seeded ? Files.readAllLines(file).size() - 1 : 0);
            // Which goes first alternates, so that neither always meets the fuller tables.
            Run baseline;
            Run intake;
            if (round % 2 == 1) {
                baseline = baseline(file);
                intake = intake(org, importer, file, 0);
            } else {
                intake = intake(org, importer, file, 0);
                baseline = baseline(file);
            }
            log.printf("round %d %s: baseline %.0f rows/s, Intake %.0f rows/s (%.2f)%n", round, file.getFileName(),
                    baseline.rowsPerSecond(), intake.rowsPerSecond(), intake.rowsPerSecond() / baseline.rowsPerSecond());
            all.add(List.of(baseline, intake));
        }
        return all;
    }

    private Run baseline(Path file) throws Exception {
        var key = "baseline/" + orgs.incrementAndGet() + "/" + file.getFileName();
        upload(key, file);
        long serverBefore = serverCpuMillis();
        var result = child.run(BaselineLoad.class, List.of(aws.s3Endpoint(), dynamoEndpoint, aws.bucket(), key,
                BASELINE_TABLE, "baseline" + orgs.get()), "RESULT", TIMEOUT_SECONDS);
        log.println("  baseline " + key + ": " + result.values() + " serverCpuMillis=" + (serverCpuMillis() - serverBefore));
        return new Run("baseline", result.longValue("rows"), result.longValue("millis"), result.longValue("requests"),
                result.longValue("writeUnits"), Double.NaN);
    }

    /** The words of an option's value, split at spaces. */
    private static List<String> words(String value) {
        return java.util.Arrays.stream(value.split(" ")).filter(word -> !word.isBlank()).toList();
    }

    private Run intake(String org, String importer, Path file, long heapEveryMillis) throws Exception {
        var key = org + "/" + importer + "/" + file.getFileName();
        var put = upload(key, file);
        var config = aws.config();
        var args = new ArrayList<>(List.of(aws.s3Endpoint(), dynamoEndpoint, aws.bucket(), key, put, Long.toString(Files.size(file)),
                Long.toString(heapEveryMillis),
                "INVENTORY_TABLE=" + config.inventoryTable(), "CATALOG_TABLE=" + config.catalogTable(),
                "IMPORTS_TABLE=" + config.importsTable(), "PURCHASE_ORDERS_TABLE=" + config.purchaseOrdersTable(),
                "SERIALS_TABLE=" + config.serialsTable()));
        args.addAll(intakeEnv);
        long serverBefore = serverCpuMillis();
        var result = intakeChild.run(IntakeRun.class, args, "RESULT", TIMEOUT_SECONDS);
        log.println("  intake " + key + ": " + result.values() + " serverCpuMillis=" + (serverCpuMillis() - serverBefore));
        if (!"SUCCEEDED".equals(result.values().get("status"))) {
            throw new IllegalStateException("Intake's import of " + key + " ended " + result.values());
        }
        return new Run("intake", result.longValue("rows"), result.longValue("millis"), result.longValue("requests"),
                result.longValue("writeUnits"), result.doubleValue("peakHeapMb"));
    }

    /** A new org with the bench catalog; {@code records} > 0: and that many records made by an import (ids 1 …). */
    private String freshOrg(int records) throws Exception {
        var org = "bench" + orgs.incrementAndGet();
        new CatalogLoader(aws.dynamo(), aws.config()).load(CatalogFile.parse(catalogJson.replace("\"bench\"", "\"" + org + "\"")),
                "e2e/catalog.json");
        if (records > 0) {
            intake(org, "part-inventory", BenchFiles.creates(work, records), 0);
        }
        return org;
    }

    /** Uploads a file; returns its eTag. */
    private String upload(String key, Path file) {
        return aws.s3().putObject(b -> b.bucket(aws.bucket()).key(key).contentType("text/csv"), RequestBody.fromFile(file)).eTag();
    }

    private void createBaselineTable() {
        aws.dynamo().createTable(b -> b.tableName(BASELINE_TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("shard").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("id").attributeType("N").build())
                .keySchema(KeySchemaElement.builder().attributeName("shard").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("id").keyType(KeyType.RANGE).build()));
    }

    /** The live heap of imports of 10,000 and 1,000,000 rows, each forcing a full GC every few seconds. */
    private void heap() throws Exception {
        var small = intake(freshOrg(0), "part-inventory", BenchFiles.creates(work, 10_000), 200);
        var large = intake(freshOrg(0), "part-inventory", BenchFiles.creates(work, 1_000_000), 3_000);
        var out = System.out;
        out.println();
        out.println("| peak live heap of an import | MB |");
        out.println("| --- | ---: |");
        out.printf("| 10,000 creates | %.1f |%n", small.peakHeapMb());
        out.printf("| 1,000,000 creates | %.1f |%n", large.peakHeapMb());
        out.printf("| ratio (target ≤ 1.2) | %.2f |%n", large.peakHeapMb() / small.peakHeapMb());
    }

    private void print(Map<String, List<List<Run>>> results, boolean pin) {
        var out = System.out;
        out.println();
        out.printf("End to end, %s; DynamoDB Local in its own process%s; medians of the rounds.%n",
                java.time.LocalDate.now(), pin ? " (core 1; loaders on core 0)" : "");
        out.println();
        out.println("| file | rounds | baseline rows/s | Intake rows/s | Intake / baseline | requests/row (baseline, Intake) | write units/row (baseline, Intake) |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        results.forEach((file, rounds) -> {
            var baseline = rounds.stream().map(r -> r.get(0)).toList();
            var intake = rounds.stream().map(r -> r.get(1)).toList();
            double baselineRate = Stats.median(baseline.stream().map(Run::rowsPerSecond).toList());
            double intakeRate = Stats.median(intake.stream().map(Run::rowsPerSecond).toList());
            double ratio = Stats.median(rounds.stream().map(r -> r.get(1).rowsPerSecond() / r.get(0).rowsPerSecond()).toList());
            out.printf("| %s | %d | %.0f | %.0f | **%.2f** | %.3f, %.3f | %.2f, %.2f |%n", file, rounds.size(), baselineRate,
                    intakeRate, ratio, perRow(baseline, Run::requests), perRow(intake, Run::requests),
                    perRow(baseline, Run::writeUnits), perRow(intake, Run::writeUnits));
        });
    }

    private static double perRow(List<Run> runs, java.util.function.ToLongFunction<Run> what) {
        return Stats.median(runs.stream().map(run -> (double) what.applyAsLong(run) / run.rows()).toList());
    }

    private static long serverCpuMillis() {
        return server.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the OS cleans it up eventually
        }
    }
}
