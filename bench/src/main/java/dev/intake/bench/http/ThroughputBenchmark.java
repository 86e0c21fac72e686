package dev.intake.bench.http;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Throughput per contender and number of requests in flight: each sample is a fresh JVM
 * ({@link LoadRun}) writing into a fresh table, which is deleted afterwards so that every sample
 * meets a server in the same state. Within a round every contender runs once per level, in
 * rotating order; the results are medians over rounds and ratios within rounds.
 */
final class ThroughputBenchmark {

    private static final long TIMEOUT_SECONDS = 600;

    private final SampleJvms jvms;
    private final URI endpoint;
    private final DynamoDbClient admin;
    private final long serverPid;
    private int tables;

    ThroughputBenchmark(SampleJvms jvms, URI endpoint, DynamoDbClient admin, long serverPid) {
        this.jvms = jvms;
        this.endpoint = endpoint;
        this.admin = admin;
        this.serverPid = serverPid;
    }

    /** What one sample measured; CPU per 1,000 items written. */
    private record Sample(double itemsPerSecond, double clientCpuMillisPerThousand, double serverCpuMillisPerThousand,
            long connectionsOpened, long unprocessed) {}

    /** The settings of one throughput run. */
    record Plan(Operation operation, List<Contender> contenders, List<Integer> inFlight, int rounds, long items, long warmupRequests) {}

    void run(Plan plan, PrintStream out) throws IOException, InterruptedException {
        var samples = new HashMap<Integer, Map<Contender, List<Sample>>>();
        var ratios = new HashMap<Integer, Map<Contender, List<Double>>>();
        // Not kept: warms DynamoDB Local's JIT for this operation, so that round 1 meets the server later rounds meet.
        sample(plan, plan.contenders().get(0), plan.inFlight().get(plan.inFlight().size() / 2));
        for (int round = 1; round <= plan.rounds(); round++) {
            for (int level = 0; level < plan.inFlight().size(); level++) {
                int inFlight = plan.inFlight().get(level);
                var inRound = new EnumMap<Contender, Sample>(Contender.class);
                for (var contender : Rotation.of(plan.contenders(), round + level)) {
                    var sample = sample(plan, contender, inFlight);
                    System.err.printf("%s round %d/%d, %2d in flight, %-34s %,8.0f items/s%n", plan.operation().label(),
                            round, plan.rounds(), inFlight, contender.description(inFlight), sample.itemsPerSecond());
                    inRound.put(contender, sample);
                }
                inRound.forEach((contender, sample) -> samples.computeIfAbsent(inFlight, l -> new EnumMap<>(Contender.class))
                        .computeIfAbsent(contender, c -> new ArrayList<>()).add(sample));
                Ratios.add(ratios.computeIfAbsent(inFlight, l -> new EnumMap<>(Contender.class)), inRound,
                        plan.contenders().get(0), Sample::itemsPerSecond);
            }
        }
        print(out, plan, samples, ratios);
    }

    private Sample sample(Plan plan, Contender contender, int inFlight) throws IOException, InterruptedException {
        String table = createTable();
        try {
            var result = jvms.of(contender.client(), contender.jvmOptions(inFlight)).run(LoadRun.class,
                    List.of(contender.client().label(), plan.operation().label(), Integer.toString(inFlight),
                            Long.toString(plan.warmupRequests()), Long.toString(plan.items()), endpoint.toString(), table,
                            Long.toString(serverPid)),
                    "load", TIMEOUT_SECONDS);
            double thousands = plan.items() / 1_000.0;
            return new Sample(plan.items() / result.doubleValue("seconds"),
                    result.doubleValue("cpuSeconds") * 1_000 / thousands,
                    result.doubleValue("serverCpuSeconds") * 1_000 / thousands,
                    result.longValue("connections"), result.longValue("unprocessed"));
        } finally {
            BenchTables.delete(admin, table);
        }
    }

    private String createTable() {
        String table = "load-" + (++tables);
        BenchTables.create(admin, table);
        return table;
    }

    private static void print(PrintStream out, Plan plan, Map<Integer, Map<Contender, List<Sample>>> samples,
            Map<Integer, Map<Contender, List<Double>>> ratios) {
        var operation = plan.operation();
        out.printf("%n### %s of %d, %,d items of about %d B per sample (median of %d rounds)%n%n",
                operation == Operation.BATCH ? "BatchWriteItem" : "TransactWriteItems (attribute_not_exists)",
                operation.itemsPerRequest(), plan.items(), LoadItems.APPROXIMATE_BYTES, plan.rounds());
        out.println("| in flight | client | items/s | × " + plan.contenders().get(0).label()
                + " | client CPU ms per 1,000 items | server CPU ms per 1,000 items | TCP connections opened | unprocessed items |");
        out.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        for (int inFlight : plan.inFlight()) {
            for (var contender : plan.contenders()) {
                var list = samples.get(inFlight).get(contender);
                out.printf("| %d | %s | %,.0f | %.2f | %.1f | %.1f | %,.0f | %,.0f |%n", inFlight, contender.description(inFlight),
                        Stats.median(list.stream().map(Sample::itemsPerSecond).toList()),
                        Stats.median(ratios.get(inFlight).get(contender)),
                        Stats.median(list.stream().map(Sample::clientCpuMillisPerThousand).toList()),
                        Stats.median(list.stream().map(Sample::serverCpuMillisPerThousand).toList()),
                        Stats.median(list.stream().map(s -> (double) s.connectionsOpened()).toList()),
                        Stats.median(list.stream().map(s -> (double) s.unprocessed()).toList()));
            }
        }
    }
}
