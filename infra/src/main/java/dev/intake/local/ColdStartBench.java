package dev.intake.local;

import com.sun.net.httpserver.HttpServer;
import dev.intake.IntakeConfig;
import dev.intake.TelemetryConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Cold start of the function, measured (docs/operations.md, run by {@code ./benchmark cold-start}):
 * starts DynamoDB Local and S3Proxy once in this JVM, with the sample catalog loaded, then for each
 * run spawns a fresh JVM on the function's deployment package ({@link ColdStartProbe}) that
 * constructs the handler and imports a new 10-row file against them, as a cold Lambda would.
 * Prints each run and the medians per variant. A variant changes one thing: priming first, or a
 * library's hook run after the import (the cost of that library on a cold start).
 *
 * <p>Arguments: {@code [--runs N] [--variants a,b,...] [--extra-classpath FILE] [--jars] [--child-flag FLAG]...}
 * ({@code --jars}: the function's and the probe's classes as jars, the layout a class archive
 * needs; a flag is added to every probe JVM, e.g. {@code -Xlog:class+load:file=classes.txt} or
 * {@code -XX:AOTCache=/tmp/intake.aot}); variants are
 * {@code jvm} (an empty JVM: the floor), {@code baseline} (the function as deployed, without
 * SnapStart), {@code primed} (priming, SnapStart's {@code beforeCheckpoint}, before the import: the
 * import is then the first after a restore), and those whose hook
 * lives in the bench module ({@code log4j}, {@code powertools-metrics}), which need the bench
 * module's classpath in FILE.
 */
public final class ColdStartBench {

    /** Lambda's java21 runtime starts the JVM with C1 only; the serial collector suits 2 GB or less. */
    static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final Pattern PROBE_FIELD = Pattern.compile("\"(\\w+)\":([0-9.]+)");
    private static final String ORG = "coldstart";

    record Variant(String name, boolean primed, String hook, List<String> jarPrefixes, Map<String, String> env) {}

    static final Map<String, Variant> VARIANTS = variants();

    private final Path work;
    private final List<Variant> variants;
    private final int runs;
    private final List<Path> extraClasspath;
    private final List<String> childFlags;
    private final boolean jars;

    private ColdStartBench(Path work, List<Variant> variants, int runs, List<Path> extraClasspath, List<String> childFlags,
                           boolean jars) {
        this.jars = jars;
        this.work = work;
        this.variants = variants;
        this.runs = runs;
        this.extraClasspath = extraClasspath;
        this.childFlags = childFlags;
    }

    public static void main(String[] args) throws Exception {
        int runs = 7;
        var names = List.of("jvm", "baseline", "primed");
        List<Path> extra = List.of();
        var childFlags = new ArrayList<String>();
        boolean jars = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--child-flag" -> childFlags.add(args[++i]);
                case "--jars" -> jars = true;
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--variants" -> names = List.of(args[++i].split(","));
                case "--extra-classpath" -> extra = Arrays.stream(Files.readString(Path.of(args[++i])).trim().split(java.io.File.pathSeparator))
                        .map(Path::of).toList();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        var chosen = names.stream().map(name -> {
            var variant = VARIANTS.get(name);
            if (variant == null) {
                throw new IllegalArgumentException("unknown variant " + name + "; known: " + VARIANTS.keySet());
            }
            return variant;
        }).toList();
        var root = Path.of(System.getProperty("intake.root", ".")).toAbsolutePath().normalize();
        // DynamoDB Local leaves a non-daemon thread behind after it is closed (its streams' shard
        // rollover, asleep for minutes): without an exit the JVM lingers about 7 minutes after the results.
        try {
            new ColdStartBench(root.resolve("infra/target/cold-start"), chosen, runs, extra, childFlags, jars).run(root);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run(Path root) throws Exception {
        var zip = root.resolve("function/target/intake-function.zip");
        var packageDir = unzip(zip, work.resolve("package"));
        var probeDir = copyProbe(work.resolve("probe"));
        var serializer = onThisClasspath("aws-lambda-java-serialization");
        var libraries = packageDir.resolve("lib").toString() + java.io.File.separator + "*";
        // --jars: the function's and the probe's classes as jars, the layout a JDK's AOT cache or
        // CDS archive accepts (it refuses a non-empty directory on the classpath).
        var built = Files.getLastModifiedTime(zip);
        var classpath = jars
                ? List.of(jar(packageDir, "lib/", work.resolve("function.jar"), built), libraries, serializer.toString(),
                        jar(probeDir, null, work.resolve("probe.jar"), built))
                : List.of(packageDir.toString(), libraries, serializer.toString(), probeDir.toString());
        var env = new HashMap<String, String>();
        env.put("AWS_REGION", "us-east-1");
        try (var aws = LocalAws.start(root.resolve("template.yaml"), env, null); var eventBridge = FakeEventBridge.start()) {
            new CatalogLoader(aws.dynamo(), aws.config()).load(
                    CatalogFile.parse(Files.readString(root.resolve("samples/acme/catalog.json")).replace("\"acme\"", "\"" + ORG + "\"")),
                    "samples/acme/catalog.json");
            var template = tenRows(root.resolve("samples/acme/part-inventory/receiving-2026-11.csv"));
            var childEnv = childEnvironment(aws, eventBridge.endpoint());
            System.out.printf(Locale.ROOT, "Cold start: %d runs per variant, %s, JVM %s %s%n", runs,
                    variants.stream().map(Variant::name).toList(), System.getProperty("java.version"), String.join(" ", JVM_FLAGS));
            var results = new LinkedHashMap<String, List<Map<String, Double>>>();
            for (int run = 1; run <= runs; run++) {
                // Round-robin, so that a noisy minute hurts every variant alike.
                for (var variant : variants) {
                    var key = ORG + "/part-inventory/" + variant.name() + "-" + run + ".csv";
                    var csv = template.replace("PCB-19", "PCB-" + variant.name() + run + "-")
                            .replace("TW-00", "TW-" + variant.name() + run + "-");
                    var eventFile = work.resolve("event.json");
                    Files.writeString(eventFile, upload(aws, key, csv));
                    var result = spawn(variant, classpath, eventFile, childEnv);
                    if (!variant.name().equals("jvm")) {
                        var status = ReportText.status(aws.s3().getObjectAsBytes(b -> b.bucket(aws.bucket()).key(key + ".report.json")).asUtf8String());
                        if (!"SUCCEEDED".equals(status)) {
                            throw new IllegalStateException(variant.name() + " run " + run + ": the import ended " + status);
                        }
                    }
                    results.computeIfAbsent(variant.name(), n -> new ArrayList<>()).add(result);
                    System.out.printf(Locale.ROOT, "%-20s run %d: %s%n", variant.name(), run, result);
                }
            }
            printMedians(results);
        }
    }

    private Map<String, Double> spawn(Variant variant, List<String> baseClasspath, Path eventFile, Map<String, String> env)
            throws IOException, InterruptedException {
        var classpath = new ArrayList<>(baseClasspath);
        for (var jar : extraClasspath) {
            var name = jar.getFileName().toString();
            if (variant.jarPrefixes().stream().anyMatch(name::startsWith)) {
                classpath.add(jar.toString());
            }
        }
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.addAll(childFlags);
        command.add("-cp");
        command.add(String.join(java.io.File.pathSeparator, classpath));
        command.add(ColdStartProbe.class.getName());
        command.add(variant.name().equals("jvm") ? "hello" : eventFile.toString());
        command.add(variant.primed() ? "primed" : "unprimed");
        command.add(variant.hook() == null ? "-" : variant.hook());
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("INTAKE_")
                || name.endsWith("_TABLE") || name.equals("JAVA_TOOL_OPTIONS"));
        builder.environment().putAll(env);
        builder.environment().putAll(variant.env());
        long start = System.nanoTime();
        var process = builder.start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(variant.name() + ": the probe failed:\n" + output);
        }
        double wallMs = (System.nanoTime() - start) / 1_000_000.0;
        var probeLine = output.lines().filter(line -> line.startsWith("{\"probe\":true")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException(variant.name() + ": no result from the probe:\n" + output));
        var result = new LinkedHashMap<String, Double>();
        result.put("wallMs", Math.round(wallMs * 10) / 10.0);
        Matcher matcher = PROBE_FIELD.matcher(probeLine);
        while (matcher.find()) {
            result.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        if (result.containsKey("importMs")) {
            // The target's measure: the handler constructed, the event read, the 10-row file imported (priming and hook apart).
            result.put("constructAndImportMs", Math.round((result.get("constructMs") + result.get("eventMs")
                    + result.get("importMs")) * 100) / 100.0);
        }
        if (output.contains("SLF4J")) {
            throw new IllegalStateException(variant.name() + ": SLF4J printed a warning:\n" + output);
        }
        return result;
    }

    private void printMedians(Map<String, List<Map<String, Double>>> results) {
        System.out.println();
        System.out.println("Medians (ms):");
        Map<String, Double> baseline = null;
        for (var entry : results.entrySet()) {
            var medians = new LinkedHashMap<String, Double>();
            entry.getValue().getFirst().keySet().forEach(field -> medians.put(field,
                    median(entry.getValue().stream().map(r -> r.get(field)).toList())));
            if (entry.getKey().equals("baseline")) {
                baseline = medians;
            }
            var ratio = baseline == null || entry.getKey().equals("baseline") ? ""
                    : String.format(Locale.ROOT, "  wall %.2fx baseline", medians.get("wallMs") / baseline.get("wallMs"));
            System.out.printf(Locale.ROOT, "%-20s %s%s%n", entry.getKey(), medians, ratio);
        }
    }

    static double median(List<Double> values) {
        var sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Map<String, String> childEnvironment(LocalAws aws, String eventBridge) {
        var env = new HashMap<String, String>();
        env.put("AWS_REGION", aws.region());
        env.put("AWS_ACCESS_KEY_ID", "dummy");
        env.put("AWS_SECRET_ACCESS_KEY", "dummy");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_ENDPOINT_URL_S3", aws.s3().serviceClientConfiguration().endpointOverride().orElseThrow().toString());
        env.put("AWS_ENDPOINT_URL_DYNAMODB", aws.dynamo().serviceClientConfiguration().endpointOverride().orElseThrow().toString());
        env.put("AWS_ENDPOINT_URL_EVENTBRIDGE", eventBridge);
        env.put(TelemetryConfig.INTAKE_EVENT_BUS, "default");
        var config = aws.config();
        env.put(IntakeConfig.INVENTORY_TABLE, config.inventoryTable());
        env.put(IntakeConfig.CATALOG_TABLE, config.catalogTable());
        env.put(IntakeConfig.IMPORTS_TABLE, config.importsTable());
        env.put(IntakeConfig.PURCHASE_ORDERS_TABLE, config.purchaseOrdersTable());
        return env;
    }

    private static String upload(LocalAws aws, String key, String csv) {
        var bytes = csv.getBytes(StandardCharsets.UTF_8);
        var put = aws.s3().putObject(b -> b.bucket(aws.bucket()).key(key), RequestBody.fromBytes(bytes));
        return S3Events.putEventJson(new S3Events.Upload(aws.region(), aws.bucket(), key, bytes.length, put.eTag(),
                put.versionId(), String.format("%016X", System.nanoTime()), Instant.now()));
    }

    /** The header and the first ten rows of the sample: serial-, lot- and un-tracked parts, attributes. */
    private static String tenRows(Path sample) throws IOException {
        var lines = Files.readAllLines(sample, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(0, 11)) + "\n";
    }

    private static Path unzip(Path zip, Path target) throws IOException {
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: build it with mvn package -pl function");
        }
        deleteRecursively(target);
        try (var in = new ZipInputStream(Files.newInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                var file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IllegalStateException("zip entry outside the package: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    // The zip's times, not the extraction's: a CDS archive checks each jar's time.
                    Files.setLastModifiedTime(file, entry.getLastModifiedTime());
                }
            }
        }
        return target;
    }

    /** The probe's own class files, alone in a folder, so the child loads nothing else of infra. */
    private static Path copyProbe(Path target) throws Exception {
        deleteRecursively(target);
        var classes = Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        var folder = classes.resolve(ColdStartProbe.class.getPackageName().replace('.', '/'));
        var destination = Files.createDirectories(target.resolve(ColdStartProbe.class.getPackageName().replace('.', '/')));
        try (var files = Files.list(folder)) {
            for (var file : files.filter(f -> f.getFileName().toString().startsWith(ColdStartProbe.class.getSimpleName())).toList()) {
                Files.copy(file, destination.resolve(file.getFileName()));
            }
        }
        return target;
    }

    /**
     * {@code folder}'s files (except those under {@code skip}) as a jar at {@code target}, dated
     * {@code time} (a CDS archive checks each jar's time and size); its path.
     */
    private static String jar(Path folder, String skip, Path target, java.nio.file.attribute.FileTime time)
            throws IOException {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(target)); var files = Files.walk(folder)) {
            for (var file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                var name = folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (skip == null || !name.startsWith(skip)) {
                    out.putNextEntry(new java.util.jar.JarEntry(name));
                    Files.copy(file, out);
                    out.closeEntry();
                }
            }
        }
        Files.setLastModifiedTime(target, time);
        return target.toString();
    }

    private static Path onThisClasspath(String artifact) {
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(Path::of).filter(p -> p.getFileName().toString().startsWith(artifact)).findFirst()
                .orElseThrow(() -> new IllegalStateException(artifact + " is not on the classpath"));
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (var file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static Map<String, Variant> variants() {
        var variants = new LinkedHashMap<String, Variant>();
        for (var variant : List.of(
                new Variant("jvm", false, null, List.of(), Map.of()),
                new Variant("baseline", false, null, List.of(), Map.of()),
                new Variant("primed", true, null, List.of(), Map.of()),
                new Variant("log4j", false, "dev.intake.bench.coldstart.Log4jJsonLogging",
                        List.of("classes", "log4j-"), Map.of()),
                new Variant("powertools-metrics", false, "dev.intake.bench.coldstart.PowertoolsMetrics",
                        List.of("classes", "powertools-", "aws-embedded-metrics", "jackson-", "commons-lang3", "javatuples"),
                        Map.of()))) {
            variants.put(variant.name(), variant);
        }
        return variants;
    }

    /** EventBridge's PutEvents, answered on loopback as the real one answers. */
    private record FakeEventBridge(HttpServer server) implements AutoCloseable {
        static FakeEventBridge start() throws IOException {
            var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                var body = "{\"FailedEntryCount\":0,\"Entries\":[{\"EventId\":\"cold-start\"}]}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
                exchange.sendResponseHeaders(200, body.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(body);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            server.start();
            return new FakeEventBridge(server);
        }

        String endpoint() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
