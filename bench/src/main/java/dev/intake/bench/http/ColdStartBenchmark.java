package dev.intake.bench.http;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start per HTTP client: fresh JVMs ({@link ColdStartProbe}), each with the function's
 * classpath and that client's jars only, in rotating order; then one more JVM per client that
 * logs the classes it loads; and the size of the jars each client adds to the function.
 */
final class ColdStartBenchmark {

    private static final long TIMEOUT_SECONDS = 60;

    private final SampleJvms jvms;
    private final URI endpoint;
    private final String table;

    ColdStartBenchmark(SampleJvms jvms, URI endpoint, String table) {
        this.jvms = jvms;
        this.endpoint = endpoint;
        this.table = table;
    }

    /** Time to the first response, its two parts inside main, and the CPU time the JVM used until then. */
    private record Sample(double wallMillis, double buildMillis, double callMillis, double cpuMillis) {}

    /** Classes loaded up to the first response: all of them, and those from the classpath (not the JDK). */
    private record ClassCount(int all, int fromClasspath) {}

    void run(List<HttpClientChoice> clients, int samples, PrintStream out) throws IOException, InterruptedException {
        var results = new EnumMap<HttpClientChoice, List<Sample>>(HttpClientChoice.class);
        var ratios = new EnumMap<HttpClientChoice, List<Double>>(HttpClientChoice.class);
        var cpuRatios = new EnumMap<HttpClientChoice, List<Double>>(HttpClientChoice.class);
        // Round 0 is a warm-up, not kept: the first JVMs read the jars from disk, later ones from the page cache.
        for (int round = 0; round <= samples; round++) {
            var inRound = new EnumMap<HttpClientChoice, Sample>(HttpClientChoice.class);
            for (var client : Rotation.of(clients, round)) {
                var sample = sample(client);
                System.err.printf("cold start %d/%d %-15s %6.0f ms to the first response, %6.0f ms CPU%n", round, samples,
                        client.label(), sample.wallMillis(), sample.cpuMillis());
                inRound.put(client, sample);
            }
            if (round > 0) {
                inRound.forEach((client, sample) -> results.computeIfAbsent(client, c -> new ArrayList<>()).add(sample));
                Ratios.add(ratios, inRound, clients.get(0), Sample::wallMillis);
                Ratios.add(cpuRatios, inRound, clients.get(0), Sample::cpuMillis);
            }
        }
        var classes = new EnumMap<HttpClientChoice, ClassCount>(HttpClientChoice.class);
        for (var client : clients) {
            classes.put(client, countClasses(client));
        }
        print(out, clients, samples, results, ratios, cpuRatios, classes);
    }

    private Sample sample(HttpClientChoice client) throws IOException, InterruptedException {
        var result = jvms.of(client, List.of()).run(ColdStartProbe.class, List.of(client.label(), endpoint.toString(), table),
                "first-response", TIMEOUT_SECONDS);
        return new Sample(result.millisToLine(), result.longValue("buildMicros") / 1e3, result.longValue("callMicros") / 1e3,
                result.longValue("cpuMicros") / 1e3);
    }

    private ClassCount countClasses(HttpClientChoice client) throws IOException, InterruptedException {
        Path log = Files.createTempFile("class-load-", ".log");
        try {
            jvms.of(client, List.of("-Xlog:class+load=info:file=" + log + ":none"))
                    .run(ColdStartProbe.class, List.of(client.label(), endpoint.toString(), table), "first-response", TIMEOUT_SECONDS);
            int all = 0;
            int fromClasspath = 0;
            for (String line : Files.readAllLines(log)) {
                if (line.startsWith(ColdStartProbe.AfterFirstResponse.class.getName() + " ")) {
                    break;
                }
                all++;
                fromClasspath += line.contains("source: file:") ? 1 : 0;
            }
            return new ClassCount(all, fromClasspath);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private void print(PrintStream out, List<HttpClientChoice> clients, int samples,
            Map<HttpClientChoice, List<Sample>> results, Map<HttpClientChoice, List<Double>> ratios,
            Map<HttpClientChoice, List<Double>> cpuRatios, Map<HttpClientChoice, ClassCount> classes) throws IOException {
        out.printf("%n### Cold start (median of %d fresh JVMs per client)%n%n", samples);
        String reference = clients.get(0).label();
        out.println("| client | JVM start to first response, ms | × " + reference + " | CPU until then, ms | × " + reference
                + " | in main: client built, ms | then first GetItem, ms | classes loaded (from jars) | jars added | size added |");
        out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |");
        for (var client : clients) {
            var list = results.get(client);
            var jars = jvms.classpaths().jarsOf(client.artifactIds());
            long bytes = 0;
            for (var jar : jars) {
                bytes += Files.size(jar);
            }
            var count = classes.get(client);
            out.printf("| %s | %.0f | %.2f | %.0f | %.2f | %.0f | %.0f | %,d (%,d) | %s | %.2f MB |%n", client.label(),
                    Stats.median(list.stream().map(Sample::wallMillis).toList()),
                    Stats.median(ratios.get(client)),
                    Stats.median(list.stream().map(Sample::cpuMillis).toList()),
                    Stats.median(cpuRatios.get(client)),
                    Stats.median(list.stream().map(Sample::buildMillis).toList()),
                    Stats.median(list.stream().map(Sample::callMillis).toList()),
                    count.all(), count.fromClasspath(),
                    String.join(", ", jars.stream().map(jar -> jar.getFileName().toString()).toList()),
                    bytes / 1e6);
        }
        long functionBytes = 0;
        for (var jar : jvms.classpaths().function()) {
            functionBytes += Files.size(jar);
        }
        out.printf("%nThe function's own runtime classpath without a client: %d jars, %.2f MB.%n",
                jvms.classpaths().function().size(), functionBytes / 1e6);
    }
}
