package dev.intake.bench.e2e;

import dev.intake.IntakeConfig;
import dev.intake.IntakeHandler;
import dev.intake.aws.DynamoCatalogStore;
import dev.intake.bench.Classpaths;
import dev.intake.bench.LocalDynamoServer;
import dev.intake.bench.http.Stats;
import dev.intake.local.CatalogFile;
import dev.intake.local.CatalogLoader;
import dev.intake.local.LocalAws;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * {@code ./benchmark org-size}: what a small file's import costs in a large org against a small
 * one. Until 6 December 2026 every import read its org's whole catalog (review "orgsize": an org of
 * 20,000 parts made a 10-row file's import 5.5 times slower than one of 20, and cost 652 read
 * units); an import now reads the parts its file names (docs/dynamodb.md, "CatalogTable").
 *
 * <p>DynamoDB Local in its own process, S3Proxy and the real handler here, warm (one handler, its
 * clients built once, as a warm Lambda environment): per round, one import of the same 10-row Part
 * Inventory file into each org, in turn. Prints, per org, the medians of the import's time and of
 * the catalog items and read units its catalog queries took, the ratio of each org's time to the
 * smallest's, and what reading the whole catalog (what each import read before) takes there.
 *
 * <pre>
 * java -cp ... dev.intake.bench.e2e.OrgSizeBenchmark [--rounds 7] [--parts 20,20000,60000] [--names 500]
 * </pre>
 * {@code --names}: locations, suppliers, users and labels each, in every org but the smallest (5).
 */
public final class OrgSizeBenchmark {

    private static final String FILE = """
            part_number,revision,quantity,location,supplier
            P-00001,,5,L-0001,S-0001
            P-00002,,1,L-0002,S-0001
            P-00003,,2,L-0001,S-0002
            P-00001,,5,L-0003,S-0001
            P-00002,,1,L-0002,S-0003
            P-00003,,2,L-0001,S-0002
            P-00001,,5,L-0001,S-0001
            P-00002,,1,L-0004,S-0001
            P-00003,,2,L-0001,S-0004
            P-00001,,5,L-0001,S-0001
            """;

    private final LocalAws aws;
    private final IntakeHandler handler;
    private final CatalogReads reads;
    private int uploads;

    private OrgSizeBenchmark(LocalAws aws, URI dynamoEndpoint) {
        this.aws = aws;
        this.reads = new CatalogReads(aws.config().catalogTable());
        this.handler = new IntakeHandler(aws.config(), IntakeRun.s3(URI.create(aws.s3Endpoint())),
                IntakeRun.dynamo(dynamoEndpoint, reads));
    }

    private record Org(String name, int parts) {}

    private record Sample(long millis, long items, double readUnits) {}

    public static void main(String[] args) throws Exception {
        var options = new LinkedHashMap<>(Map.of("--rounds", "7", "--parts", "20,20000,60000", "--names", "500"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!options.containsKey(args[i])) {
                System.err.println("usage: ./benchmark org-size [--rounds 7] [--parts 20,20000,60000] [--names 500]");
                System.exit(2);
            }
            options.put(args[i], args[i + 1]);
        }
        int rounds = Integer.parseInt(options.get("--rounds"));
        int names = Integer.parseInt(options.get("--names"));
        var sizes = java.util.Arrays.stream(options.get("--parts").split(",")).mapToInt(Integer::parseInt).sorted().toArray();
        var results = System.out;
        System.setOut(System.err); // the handler's log lines: standard output is for the results
        int exitCode = 0;
        try (var dynamo = LocalDynamoServer.builder(Classpaths.fromBuild().dynamoDbLocal()).jvmOptions("-Xmx4g").start();
             var aws = LocalAws.start(Path.of("template.yaml"), dynamo.localAwsEnvironment(), null)) {
            var benchmark = new OrgSizeBenchmark(aws, dynamo.endpoint());
            var orgs = new ArrayList<Org>();
            for (int size : sizes) {
                var org = new Org("org" + size, size);
                System.err.printf("Loading %s: %,d parts...%n", org.name(), size);
                benchmark.load(org, size == sizes[0] ? 5 : names);
                orgs.add(org);
            }
            benchmark.run(orgs, 3); // warm-up: the handler's first imports load its classes
            var samples = benchmark.run(orgs, rounds);
            benchmark.print(results, orgs, samples, rounds);
        } catch (Exception | Error e) {
            e.printStackTrace();
            exitCode = 1;
        }
        // the S3 emulator's threads would keep the JVM up
        System.exit(exitCode);
    }

    private void load(Org org, int names) throws Exception {
        var json = new StringBuilder("{\"org\": \"").append(org.name()).append("\", \"unitsOfMeasure\": [\"each\"]");
        json.append(", \"locations\": ").append(list("L-%04d", names)).append(", \"suppliers\": ").append(list("S-%04d", names))
                .append(", \"labels\": ").append(list("label-%04d", names)).append(", \"users\": [")
                .append(IntStream.range(0, names).mapToObj(i -> "{\"email\": \"u%04d@org.test\", \"name\": \"User %d\"}".formatted(i, i))
                        .collect(Collectors.joining(",")))
                .append("], \"parts\": [")
                .append(IntStream.range(0, org.parts()).mapToObj(i -> ("{\"partNumber\": \"P-%05d\", \"revision\": \"A\", \"trackingType\": \"none\","
                        + " \"unitOfMeasure\": \"each\", \"purchaseType\": \"receivable_inventory\"}").formatted(i))
                        .collect(Collectors.joining(",")))
                .append("]}");
        new CatalogLoader(aws.dynamo(), aws.config()).load(CatalogFile.parse(json.toString()), org.name() + ".json");
    }

    private static String list(String format, int count) {
        return IntStream.range(0, count).mapToObj(i -> "\"" + format.formatted(i) + "\"").collect(Collectors.joining(",", "[", "]"));
    }

    /** {@code rounds} rounds of one import into each org, in turn. */
    private Map<Org, List<Sample>> run(List<Org> orgs, int rounds) {
        var samples = new LinkedHashMap<Org, List<Sample>>();
        for (int round = 0; round < rounds; round++) {
            for (var org : orgs) {
                samples.computeIfAbsent(org, o -> new ArrayList<>()).add(importInto(org));
            }
        }
        return samples;
    }

    private Sample importInto(Org org) {
        var key = org.name() + "/part-inventory/receiving-" + (++uploads) + ".csv";
        var put = aws.s3().putObject(b -> b.bucket(aws.bucket()).key(key).contentType("text/csv"), RequestBody.fromString(FILE));
        reads.reset();
        long start = System.nanoTime();
        var written = handler.handleRequest(IntakeRun.event(aws.bucket(), key, put.eTag(), FILE.length(),
                Long.toHexString(System.nanoTime()).toUpperCase()), null);
        long millis = (System.nanoTime() - start) / 1_000_000;
        var report = aws.s3().getObjectAsBytes(b -> b.bucket(aws.bucket()).key(written.getFirst())).asUtf8String();
        if (!"SUCCEEDED".equals(IntakeRun.field(report, "status"))) {
            throw new IllegalStateException(key + ": " + report);
        }
        return new Sample(millis, reads.items.get(), reads.units.sum());
    }

    /** What reading and parsing the whole catalog takes (every import's read before 6 December 2026), median of five. */
    private double wholeReadMillis(Org org) {
        var store = new DynamoCatalogStore(aws.dynamo(), aws.config().catalogTable());
        var times = new ArrayList<Double>();
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            store.load(org.name());
            times.add((System.nanoTime() - start) / 1e6);
        }
        return Stats.median(times);
    }

    private void print(java.io.PrintStream out, List<Org> orgs, Map<Org, List<Sample>> samples, int rounds) {
        out.printf("%nA 10-row Part Inventory file, warm handler, medians of %d rounds (orgs in turn each round)%n", rounds);
        out.printf("%-10s %10s %10s %14s %14s %16s %18s%n", "org", "parts", "import ms", "vs smallest", "catalog items",
                "catalog read units", "whole-catalog read ms");
        double smallest = median(samples.get(orgs.getFirst()), Sample::millis);
        for (var org : orgs) {
            var runs = samples.get(org);
            double millis = median(runs, Sample::millis);
            out.printf("%-10s %,10d %10.0f %14.2f %14.0f %16.1f %18.0f%n", org.name(), org.parts(), millis, millis / smallest,
                    median(runs, Sample::items), median(runs, Sample::readUnits), wholeReadMillis(org));
        }
    }

    private static double median(List<Sample> runs, java.util.function.ToDoubleFunction<Sample> what) {
        return Stats.median(runs.stream().map(run -> what.applyAsDouble(run)).toList());
    }

    /** The items and read units of the handler's catalog-table queries. */
    private static final class CatalogReads implements ExecutionInterceptor {
        private final String table;
        private final AtomicLong items = new AtomicLong();
        private final DoubleAdder units = new DoubleAdder();

        CatalogReads(String table) {
            this.table = table;
        }

        void reset() {
            items.set(0);
            units.reset();
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            return context.request() instanceof QueryRequest query && query.tableName().equals(table)
                    ? query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build()
                    : context.request();
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (context.response() instanceof QueryResponse response && context.request() instanceof QueryRequest query
                    && query.tableName().equals(table)) {
                items.addAndGet(response.count());
                if (response.consumedCapacity() != null && response.consumedCapacity().capacityUnits() != null) {
                    units.add(response.consumedCapacity().capacityUnits());
                }
            }
            return context.response();
        }
    }
}
