package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.IntakeHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * A randomized, model-checked stress of concurrent imports with crashes, Jepsen-style (written
 * by the stress review of 5 December 2026, which found no violation). In one org (the golden catalog), each round runs 2–4 files at once, each on its
 * own thread through its own {@link IntakeHandler} whose DynamoDB client may crash the "process"
 * at a random write call k (every later call of that handler crashes too, as a dead process
 * sends nothing more), throttle, or delay calls to shuffle interleavings. Crashed or failed
 * deliveries are re-delivered (as Lambda retries, after the 1 s lease) until every import has
 * ended. Then the tables are checked: invariants (serial claims = held serials, PO numbers,
 * On Order consistency, installation trees, every import ended, last writers), and a model
 * check: some order of the round's SUCCEEDED files, imported one after the other in a fresh
 * org after the earlier rounds' files, gives the same inventory, POs, serial claims and numbers
 * (created ids normalised away; ids of records made by earlier rounds are matched by content).
 * Run on demand: {@code -Dstress.seeds=1,2,3} (or {@code -Dstress.random=true}: one random seed,
 * printed), rounds per seed {@code -Dstress.rounds=3}, crash point k drawn from 1..{@code
 * -Dstress.maxCrashAt=14} (1..40 for files padded with some 300 creates). {@code
 * -Dstress.selfcheck=true} makes a stray change after round 2, which the model check must report.
 * The seed fixes the files, the crash points and the faults; the interleavings also depend on
 * thread timing, so a failing seed is shrunk by hand into a fixed interleaving (ConcurrencyTest).
 * Clean on 5 Dec 2026 for seeds 1-7, 11-18, 21-28, 31-53, 100-127, 200-215, 300-311, 400-401
 * (lifecycle.md, "The stress"). Skipped by {@code ./test}: interleavings that depend on timing
 * have no place in a suite that must pass or fail the same way each run.
 * <p>Added by the stresscat review (5 Dec 2026): {@code -Dstress.catalog=true} runs a catalog
 * reload of the org in about half the rounds, beside the first deliveries or while crashed imports
 * wait for their retries (a reload that loaded is replayed in the model check like a file; one that
 * stopped, "load the catalog again", is loaded again and ends the seed after the invariants);
 * {@code -Dstress.stall=true} stalls about a third of the deliveries past their lease at a random
 * write call while the same event is delivered again (the stalled owner then goes on).
 */
class ConcurrentImportsStressTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    private static final long SEEDED_MAX = 1013;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ORGS = new AtomicInteger();
    private static final int MAX_CRASH_AT = Integer.getInteger("stress.maxCrashAt", 14);
    private static final AtomicInteger CRASHES = new AtomicInteger();
    private static final AtomicInteger STALLS = new AtomicInteger();
    private static final java.util.Queue<Integer> WRITES = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private static final AtomicInteger DELIVERIES = new AtomicInteger();
    private static final Set<String> ENDED = Set.of("SUCCEEDED", "FAILED", "VALIDATED", "SUPERSEDED");

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", "1"));

    /** Crashes the handler's "process" at write call k, throttles, delays. */
    static final class Chaos implements ExecutionInterceptor {
        final AtomicBoolean dead = new AtomicBoolean();
        final AtomicInteger writes = new AtomicInteger();
        final int crashAt;
        final double throttle;
        final int delayMs;

        Chaos(int crashAt, double throttle, int delayMs) {
            this.crashAt = crashAt;
            this.throttle = throttle;
            this.delayMs = delayMs;
        }

        /** -Dstress.stall=true (stresscat review): at write call stallAt the process stalls past its lease, and meanwhile its event is delivered again. */
        int stallAt = -1;
        volatile Runnable duringStall = () -> { };
        final AtomicBoolean frozen = new AtomicBoolean();

        private void waitWhileFrozen() {
            while (frozen.get()) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if (dead.get()) {
                throw new FaultInjector.SimulatedCrash();
            }
            waitWhileFrozen();
            var op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            boolean write = Set.of("PutItem", "UpdateItem", "DeleteItem", "BatchWriteItem", "TransactWriteItems").contains(op);
            if (delayMs > 0) {
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt((write ? 5 * delayMs : delayMs) + 1));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (dead.get()) {
                throw new FaultInjector.SimulatedCrash();
            }
            if (write) {
                int n = writes.incrementAndGet();
                if (n == stallAt && frozen.compareAndSet(false, true)) {
                    STALLS.incrementAndGet();
                    try {
                        Thread.sleep(1_100 + ThreadLocalRandom.current().nextInt(600)); // the 1 s lease runs out
                        duringStall.run();
                    } catch (Throwable t) {
                        // the other delivery's outcome shows in the tables
                    } finally {
                        frozen.set(false);
                    }
                }
                if (n == crashAt) {
                    CRASHES.incrementAndGet();
                    dead.set(true);
                    throw new FaultInjector.SimulatedCrash();
                }
                if (throttle > 0 && ThreadLocalRandom.current().nextDouble() < throttle) {
                    throw (DynamoDbException) DynamoDbException.builder().statusCode(400)
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("injected").build())
                            .message("injected ThrottlingException").build();
                }
            }
        }
    }

    record FileSpec(String importer, String name, String csv) {
    }

    @Test
    void stress() throws Exception {
        var seeds = System.getProperty("stress.seeds");
        // not part of the ordinary suite (its interleavings depend on thread timing): run on demand
        org.junit.jupiter.api.Assumptions.assumeTrue(seeds != null || Boolean.getBoolean("stress.random"),
                "run with -Dstress.seeds=1,2,3 (or -Dstress.random=true)");
        int rounds = Integer.getInteger("stress.rounds", 3);
        List<Long> list = new ArrayList<>();
        if (seeds == null || seeds.isBlank()) {
            list.add(new Random().nextLong());
        } else {
            for (var s : seeds.split(",")) {
                list.add(Long.parseLong(s.trim()));
            }
        }
        var violations = new ArrayList<String>();
        for (long seed : list) {
            long start = System.nanoTime();
            System.out.println("STRESS seed " + seed);
            try {
                violations.addAll(runSeed(seed, rounds));
            } catch (Throwable t) {
                t.printStackTrace(System.out);
                violations.add("seed " + seed + ": " + t);
            }
            System.out.printf("STRESS seed %d took %.1f s (%d deliveries, %d crashes, %d stalls)%n", seed, (System.nanoTime() - start) / 1e9,
                    DELIVERIES.getAndSet(0), CRASHES.getAndSet(0), STALLS.getAndSet(0));
            System.out.println("STRESS write calls per delivery: " + WRITES);
            WRITES.clear();
        }
        violations.forEach(v -> System.out.println("VIOLATION " + v));
        assertThat(violations).isEmpty();
    }

    private List<String> runSeed(long seed, int rounds) throws Exception {
        var random = new Random(seed);
        var org = "stress" + ORGS.incrementAndGet() + "x" + Long.toHexString(seed & 0xffff);
        emulators.loadCatalog(CATALOG, org);
        var history = new ArrayList<FileSpec>();
        var violations = new ArrayList<String>();
        for (int round = 1; round <= rounds; round++) {
            int count = 2 + random.nextInt(3);
            var files = new ArrayList<FileSpec>();
            var extra = new TreeMap<Long, String>(); // records of serial-tracked parts made by earlier rounds: id -> part
            var onOrder = new TreeSet<Long>();
            for (var line : emulators.inventory(org)) {
                var node = JSON.readTree(line);
                long id = node.get("id").asLong();
                var part = node.get("partNumber").asText();
                if (id > SEEDED_MAX && (part.equals("PCB-410") || part.equals("TORQ-WR-25") || part.equals("AVN-100"))) {
                    extra.put(id, part);
                    if (!node.get("purchaseOrderLine").isNull()) {
                        onOrder.add(id);
                    }
                }
            }
            generated = extra;
            hot = new HashMap<>();
            if (random.nextBoolean()) {
                for (var part : List.of("PCB-410", "TORQ-WR-25", "AVN-100", "SAT-BUS-1000")) {
                    hot.put(part, List.of(serialFor(random, part), serialFor(random, part)));
                }
            }
            System.out.println("  hot serials " + hot);
            roundStart = records(org);
            generatedOnOrder = onOrder;
            for (int i = 0; i < count; i++) {
                boolean po = random.nextInt(3) == 0;
                files.add(po ? new FileSpec("purchase-orders", "r" + round + "f" + i, poFile(random))
                        : new FileSpec("part-inventory", "r" + round + "f" + i, inventoryFile(random)));
            }
            var events = new ArrayList<String>();
            for (var f : files) {
                events.add(S3Events.putEventJson(emulators.put(key(org, f), f.csv())));
            }
            var plans = new ArrayList<Chaos>();
            for (int i = 0; i < count; i++) {
                plans.add(chaos(random, 0.6, files.get(i).csv().length() > 2000 ? 40 : MAX_CRASH_AT));
            }
            System.out.println("STRESS round " + round + " seed " + seed);
            for (int i = 0; i < count; i++) {
                System.out.println("  file " + files.get(i).name() + " (" + files.get(i).importer() + ") stallAt=" + plans.get(i).stallAt + " crashAt="
                        + plans.get(i).crashAt + " throttle=" + plans.get(i).throttle + "\n    "
                        + abbreviated(files.get(i).csv()).replace("\n", "\n    "));
            }
            var firstEvents = new ArrayList<>(events);
            var firstPlans = new ArrayList<>(plans);
            for (int i = 0; i < count; i++) {
                if (random.nextInt(4) == 0) { // S3 delivers the event twice, at once
                    firstEvents.add(events.get(i));
                    firstPlans.add(chaos(random, 0.5, MAX_CRASH_AT));
                    System.out.println("  file " + files.get(i).name() + " delivered twice, second crashAt=" + firstPlans.getLast().crashAt);
                }
            }
            // -Dstress.catalog=true (stresscat review): a catalog reload of the org beside the round's files
            String reload = Boolean.getBoolean("stress.catalog") && random.nextBoolean() ? reloadFor(random, org) : null;
            var reloadOutcome = new java.util.concurrent.atomic.AtomicReference<String>();
            Thread reloader = null;
            // half the reloads come after the first deliveries, while crashed imports wait for their retries
            boolean lateReload = reload != null && random.nextBoolean();
            if (reload != null && !lateReload) {
                int reloadDelay = random.nextInt(400);
                var reloadChaos = new Chaos(-1, 0, 1 + random.nextInt(10));
                System.out.println("  catalog reload after " + reloadDelay + " ms: " + reload.substring(reload.indexOf("\"inventory\"")).replaceAll("\\s+", " "));
                reloader = new Thread(() -> {
                    try {
                        Thread.sleep(reloadDelay);
                        new CatalogLoader(emulators.cliDynamoThrough(reloadChaos, 3), emulators.aws.config())
                                .load(CatalogFile.parse(reload), "reload.json");
                        reloadOutcome.set("LOADED");
                    } catch (CatalogException e) {
                        reloadOutcome.set("REFUSED " + e.getMessage());
                    } catch (Throwable t) {
                        reloadOutcome.set("CRASHED " + t);
                    }
                });
                reloader.start();
            }
            runAtOnce(firstEvents, firstPlans);
            if (lateReload) {
                System.out.println("  catalog reload while unfinished imports wait: " + reload.substring(reload.indexOf("\"inventory\"")).replaceAll("\\s+", " "));
                try {
                    new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(CatalogFile.parse(reload), "reload.json");
                    reloadOutcome.set("LOADED");
                } catch (CatalogException e) {
                    reloadOutcome.set("REFUSED " + e.getMessage());
                } catch (Throwable t) {
                    reloadOutcome.set("CRASHED " + t);
                }
                System.out.println("  catalog reload -> " + reloadOutcome.get());
            }
            if (reloader != null) {
                reloader.join(180_000);
                System.out.println("  catalog reload -> " + reloadOutcome.get());
            }
            // Lambda's retries: until every import has ended
            for (int pass = 1; ; pass++) {
                var unfinished = new ArrayList<Integer>();
                for (int i = 0; i < count; i++) {
                    var status = importStatus(org, key(org, files.get(i)));
                    if (status == null || !ENDED.contains(status)) {
                        unfinished.add(i);
                    }
                }
                if (unfinished.isEmpty()) {
                    break;
                }
                if (pass > 12) {
                    violations.add("seed " + seed + " round " + round + ": imports never ended: " + unfinished);
                    break;
                }
                Thread.sleep(1_150);
                var again = new ArrayList<String>();
                var againPlans = new ArrayList<Chaos>();
                for (int i : unfinished) {
                    again.add(events.get(i));
                    againPlans.add(pass <= 2 ? chaos(random, 0.3, MAX_CRASH_AT) : new Chaos(-1, 0, 0));
                }
                runAtOnce(again, againPlans);
            }
            var succeeded = new ArrayList<FileSpec>();
            boolean reloadPartial = false;
            if (reload != null) {
                var outcome = reloadOutcome.get();
                if ("LOADED".equals(outcome)) {
                    succeeded.add(new FileSpec("catalog", "reload" + round, reload));
                } else if (outcome != null && outcome.contains("load the catalog again")) {
                    // documented: a load that stopped is not all-or-nothing; loading again finishes it
                    reloadPartial = true;
                    try {
                        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(CatalogFile.parse(reload), "reload.json");
                        System.out.println("  catalog reload again -> LOADED");
                    } catch (CatalogException e) {
                        System.out.println("  catalog reload again -> REFUSED " + e.getMessage());
                    }
                } else if (outcome != null && !outcome.startsWith("REFUSED")) {
                    violations.add("seed " + seed + " round " + round + ": catalog reload " + outcome);
                }
            }
            for (var f : files) {
                var report = emulators.text(key(org, f) + ".report.json");
                var status = report.map(ConcurrentImportsStressTest::status).orElse("NO REPORT");
                var importStatus = importStatus(org, key(org, f));
                System.out.println("  " + f.name() + " -> " + status + " (import " + importStatus + ") "
                        + report.map(r -> errorsOf(r)).orElse(""));
                if (!status.equals(importStatus)) {
                    violations.add("seed " + seed + " round " + round + ": " + f.name() + " report " + status + " but import " + importStatus);
                }
                if ("SUCCEEDED".equals(status)) {
                    succeeded.add(f);
                }
            }
            if (Boolean.getBoolean("stress.selfcheck") && round == 2) {
                // the checker's own test: a stray change no file made must be found
                var table = emulators.aws.config().inventoryTable();
                emulators.aws.dynamo().updateItem(b -> b.tableName(table)
                        .key(Map.of("shard", AttributeValue.fromS(org + "#" + (1007 % 16 < 10 ? "0" : "") + (1007 % 16)),
                                "id", AttributeValue.fromN("1007")))
                        .updateExpression("SET quantity = :q").expressionAttributeValues(Map.of(":q", AttributeValue.fromN("123456"))));
            }
            for (var v : invariants(org)) {
                violations.add("seed " + seed + " round " + round + ": " + v);
            }
            var sizes = state(org);
            System.out.println("  state: " + sizes.get("inventory").size() + " records, " + sizes.get("purchaseOrders").size()
                    + " POs, " + sizes.get("serials").size() + " claims, numbers " + sizes.get("numbers"));
            if (reloadPartial) { // the model cannot say what a stopped load and its second go leave: invariants only, and the seed ends
                break;
            }
            var order = linearize(org, history, succeeded);
            if (order == null) {
                violations.add("seed " + seed + " round " + round + ": no order of the SUCCEEDED files "
                        + succeeded.stream().map(FileSpec::name).toList() + " gives the tables' state\n" + lastDiff);
            } else {
                history.addAll(order);
            }
            if (!violations.isEmpty()) {
                break;
            }
        }
        return violations;
    }

    /** A file imported into {@code org}, or a catalog reload loaded into it: the report (a load's: SUCCEEDED or FAILED). */
    private static JsonNode apply(String org, FileSpec f) {
        if (!f.importer().equals("catalog")) {
            return emulators.importFile(key(org, f), f.csv());
        }
        var report = JSON.createObjectNode();
        try {
            var json = (ObjectNode) JSON.readTree(f.csv());
            json.put("org", org);
            new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()).load(CatalogFile.parse(json.toString()), "replay.json");
            report.put("status", "SUCCEEDED");
        } catch (Exception e) {
            report.put("status", "FAILED");
            report.putArray("errors").add(String.valueOf(e.getMessage()));
        }
        return report;
    }

    /**
     * A reload of the golden catalog (every seeded record back as seeded) with changes to what
     * files fight over: 1007's quantity, 1008's location, 1012's and 1011's serials (from the hot
     * pool), PO-901's line, sometimes a new location (the catalog's fingerprint changes: resumed
     * commits are undone).
     */
    private static String reloadFor(Random r, String org) throws Exception {
        var json = (ObjectNode) JSON.readTree(java.nio.file.Files.readString(CATALOG));
        json.put("org", org);
        if (r.nextInt(3) == 0) {
            ((ArrayNode) json.get("locations")).add("Bay " + r.nextInt(3));
        }
        // the seeded records as they are now (so that the reload is mostly valid), a few changed
        var entries = JSON.createArrayNode();
        for (var line : emulators.inventory(org)) {
            var node = (ObjectNode) JSON.readTree(line);
            long id = node.get("id").asLong();
            if (id > SEEDED_MAX || !node.get("purchaseOrderLine").isNull()) {
                continue;
            }
            var entry = JSON.createObjectNode();
            for (var field : List.of("id", "partNumber", "revision", "serialNumber", "lotNumber", "quantity", "quantityScrapped",
                    "location", "supplier", "unitOfMeasure", "intentOption", "attributes", "installedIn")) {
                if (node.hasNonNull(field)) {
                    entry.set(field, node.get(field));
                }
            }
            if (entry.has("attributes") && entry.get("attributes").isEmpty()) {
                entry.remove("attributes");
            }
            switch ((int) id) {
                case 1007 -> entry.put("quantity", 1 + r.nextInt(600));
                case 1008 -> entry.put("location", pick(r, LOCATIONS));
                case 1012, 1011 -> {
                    if (r.nextBoolean() && !node.get("status").asText().equals("INSTALLED")) {
                        var part = node.get("partNumber").asText();
                        entry.put("serialNumber", r.nextInt(3) == 0 ? serialFor(r, part) : "CAT-" + Long.toHexString(r.nextLong() & 0xffff));
                    }
                }
                default -> { }
            }
            entries.add(entry);
        }
        json.set("inventory", entries);
        if (r.nextBoolean()) {
            json.remove("purchaseOrders");
        } else {
            for (var po : json.get("purchaseOrders")) {
                if (po.get("poNumber").asText().equals("PO-901")) {
                    ((ObjectNode) po.get("lines").get(0)).put("quantity", 100 * (1 + r.nextInt(10)));
                    ((ObjectNode) po).put("shipToLocation", pick(r, LOCATIONS));
                }
            }
        }
        return json.toString();
    }

    private static String abbreviated(String csv) {
        var lines = csv.split("\n");
        var out = new StringBuilder();
        int run = 0;
        for (var line : lines) {
            if (line.matches(",FST-M3-10,A,,[1-7](,Stockroom A)?")) {
                run++;
                continue;
            }
            if (run > 0) {
                out.append("  ... ").append(run).append(" padding rows ,FST-M3-10,A,,<1..7 cycling>[,Stockroom A]\n");
                run = 0;
            }
            out.append(line).append('\n');
        }
        if (run > 0) {
            out.append("  ... ").append(run).append(" padding rows ,FST-M3-10,A,,<1..7 cycling>[,Stockroom A]\n");
        }
        return out.toString();
    }

    private static String key(String org, FileSpec f) {
        return org + "/" + f.importer() + "/" + f.name() + ".csv";
    }

    private static Chaos chaos(Random random, double crashChance, int maxCrashAt) {
        int crashAt = random.nextDouble() < crashChance ? 1 + random.nextInt(maxCrashAt) : -1;
        double throttle = random.nextInt(5) == 0 ? 0.15 : 0;
        int delay = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(15);
        var chaos = new Chaos(crashAt, throttle, delay);
        if (Boolean.getBoolean("stress.stall") && random.nextInt(3) == 0) {
            chaos.stallAt = 1 + random.nextInt(maxCrashAt);
        }
        return chaos;
    }

    private void runAtOnce(List<String> events, List<Chaos> plans) throws InterruptedException {
        var barrier = new CyclicBarrier(events.size());
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < events.size(); i++) {
            var event = events.get(i);
            var plan = plans.get(i);
            plan.duringStall = () -> { // Lambda's retry (or S3's second delivery) while the owner stalls
                var again = new Chaos(-1, 0, 0);
                new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(again, 3))
                        .handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
                again.dead.set(true);
            };
            var thread = new Thread(() -> {
                try {
                    var handler = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(plan, 3));
                    barrier.await();
                    DELIVERIES.incrementAndGet();
                    handler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
                } catch (Throwable t) {
                    // a crash or a failed invocation: Lambda retries
                } finally {
                    WRITES.add(plan.writes.get());
                    plan.dead.set(true); // a finished invocation sends nothing more (its timers stop)
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (var t : threads) {
            t.join(180_000);
        }
    }

    private static String status(String reportJson) {
        try {
            return JSON.readTree(reportJson).get("status").asText();
        } catch (Exception e) {
            return "UNREADABLE";
        }
    }

    private static String errorsOf(String reportJson) {
        try {
            var errors = JSON.readTree(reportJson).get("errors");
            var out = new ArrayList<String>();
            for (var e : errors) {
                out.add(e.get("code").asText() + "@" + e.get("row") + ": " + e.get("message").asText());
            }
            return out.toString();
        } catch (Exception e) {
            return "?";
        }
    }

    private static String importStatus(String org, String key) {
        return emulators.imports().stream()
                .filter(item -> item.containsKey("key") && key.equals(item.get("key").s()))
                .map(item -> item.get("status").s()).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- generators

    private static final String[] LOCATIONS = {"Stockroom A", "Stockroom B", "Receiving", "Line 2"};

    private static String pick(Random r, String... values) {
        return values[r.nextInt(values.length)];
    }

    /** This round's hot spot: the few serials of each part the files fight over (none: the whole pool). */
    private static Map<String, List<String>> hot = Map.of();

    private static String serialFor(Random r, String part) {
        if (hot.containsKey(part)) {
            var pool = hot.get(part);
            return pool.get(r.nextInt(pool.size()));
        }
        return switch (part) {
            case "PCB-410" -> pick(r, "PCB-1842", "PCB-1850", "ST-1", "ST-2", "ST-3");
            case "TORQ-WR-25" -> pick(r, "TW-0042", "TW-1", "TW-2");
            case "AVN-100" -> pick(r, "AVN-B-0007", "AVN-A-0003", "AVN-B-0008", "AV-1", "AV-2");
            case "SAT-BUS-1000" -> pick(r, "SB-0001", "SB-9");
            default -> "";
        };
    }

    private static final Map<Long, String> SERIAL_RECORDS = Map.of(1001L, "SAT-BUS-1000", 1002L, "AVN-100", 1003L, "PCB-410",
            1006L, "AVN-100", 1011L, "TORQ-WR-25", 1012L, "PCB-410", 1013L, "AVN-100");

    /** Part Inventory: creates with shared serials, serial moves, quantity and location changes. */
    private static Map<Long, String> generated = Map.of();
    private static Set<Long> generatedOnOrder = Set.of();

    static String inventoryFile(Random r) {
        int kind = r.nextInt(4);
        int rows = 1 + r.nextInt(4);
        var used = new TreeSet<Long>();
        var csv = new StringBuilder();
        if (kind == 3) { // attributes, children included
            csv.append("id,BatchID\n");
            for (int i = 0; i < rows; i++) {
                long id = 1001 + r.nextInt(13);
                if (used.add(id)) {
                    csv.append(id).append(",B-").append(r.nextInt(4)).append('\n');
                }
            }
            return csv.toString();
        }
        boolean withLocation = kind != 2; // without: children may be updated too
        csv.append(withLocation ? "id,part_number,revision,serial_number,quantity,location\n"
                : "id,part_number,revision,serial_number,quantity\n");
        for (int i = 0; i < rows; i++) {
            String loc = withLocation ? "," + pick(r, LOCATIONS) : "";
            switch (r.nextInt(5)) {
                case 0, 4 -> { // create with a serial
                    var part = pick(r, "PCB-410", "TORQ-WR-25", "AVN-100", "PCB-410");
                    var rev = part.equals("AVN-100") ? pick(r, "A", "B", "") : "";
                    csv.append(",").append(part).append(',').append(rev).append(',').append(serialFor(r, part)).append(",1").append(loc).append('\n');
                }
                case 1 -> csv.append(",FST-M3-10,,,").append(1 + r.nextInt(9)).append(loc).append('\n');
                case 2 -> { // a serial-tracked record gets a serial (moved, swapped, kept)
                    var ids = new ArrayList<>(withLocation ? List.of(1001L, 1006L, 1011L, 1012L, 1013L)
                            : List.of(1001L, 1002L, 1003L, 1006L, 1011L, 1012L, 1013L));
                    generated.forEach((id, part) -> {
                        if (!withLocation || !generatedOnOrder.contains(id)) {
                            ids.add(id);
                        }
                    });
                    long id = ids.get(r.nextInt(ids.size()));
                    var part = SERIAL_RECORDS.getOrDefault(id, generated.get(id));
                    boolean orderedItem = generatedOnOrder.contains(id);
                    if (used.add(id)) {
                        csv.append(id).append(",,,").append(serialFor(r, part)).append(",1").append(loc).append('\n');
                    }
                }
                default -> {
                    var ids = List.of(1007L, 1008L, 1010L);
                    long id = ids.get(r.nextInt(ids.size()));
                    if (used.add(id)) {
                        csv.append(id).append(",,,,").append(1 + r.nextInt(50)).append(loc).append('\n');
                    }
                }
            }
        }
        if (csv.indexOf("\n") == csv.length() - 1) {
            csv.append(",FST-M3-10,,,1").append(withLocation ? ",Receiving" : "").append('\n');
        }
        if (r.nextInt(3) == 0) { // several units of creates around the rows that matter
            var lines = new ArrayList<>(List.of(csv.toString().split("\n")));
            int at = 1 + r.nextInt(lines.size());
            int n = 150 + r.nextInt(180);
            var padding = new ArrayList<String>();
            for (int i = 0; i < n; i++) {
                padding.add(",FST-M3-10,A,," + (1 + i % 7) + (withLocation ? ",Stockroom A" : ""));
            }
            lines.addAll(at, padding);
            return String.join("\n", lines) + "\n";
        }
        return csv.toString();
    }

    /** Purchase Orders: creates, changes and renames of a few numbers, with On Order lines. */
    static String poFile(Random r) {
        var csv = new StringBuilder("po_number,original_po_number,supplier,ship_to_location,part_number,quantity,cost\n");
        int pos = 1 + r.nextInt(2);
        var named = new TreeSet<String>();
        for (int p = 0; p < pos; p++) {
            String number = pick(r, "PO-901", "PO-7001", "PO-7002", "PO-7003");
            String original = "";
            if (r.nextInt(3) == 0) {
                original = pick(r, "PO-901", "PO-7001", "PO-7002", "PO-7003");
                if (original.equals(number)) {
                    original = "";
                }
            }
            if (!named.add(number) || !original.isEmpty() && !named.add(original)) {
                continue;
            }
            String supplier = pick(r, "Pacific Fasteners", "Acme Metals");
            String ship = pick(r, LOCATIONS);
            int lines = r.nextInt(5) == 0 ? 8 + r.nextInt(7) : r.nextInt(3);
            if (lines == 0) {
                csv.append(String.join(",", number, original, supplier, ship, "", "", "")).append('\n');
            }
            for (int l = 0; l < lines; l++) {
                String part = pick(r, "TORQ-WR-25", "FST-M3-10", "PCB-410");
                int quantity = part.equals("FST-M3-10") ? 100 * (1 + r.nextInt(10)) : 1 + r.nextInt(3);
                csv.append(String.join(",", number, original, supplier, ship, part, String.valueOf(quantity), "2")).append('\n');
            }
        }
        if (csv.indexOf("\n") == csv.length() - 1) {
            csv.append("PO-7001,,Acme Metals,Receiving,FST-M3-10,100,1\n");
        }
        return csv.toString();
    }

    // ---------------------------------------------------------------- invariants

    private List<String> invariants(String org) throws Exception {
        var out = new ArrayList<String>();
        // 4. every import of the org ended
        for (var item : emulators.imports()) {
            if (item.containsKey("org") && org.equals(item.get("org").s()) && !ENDED.contains(item.get("status").s())) {
                out.add("import " + item.get("key").s() + " left " + item.get("status").s());
            }
        }
        // 2. serial claims are exactly the serials records hold, one per part number
        var claims = emulators.serials(org);
        var held = emulators.heldSerials(org);
        if (!new TreeSet<>(claims).equals(new TreeSet<>(held)) || claims.size() != held.size()) {
            out.add("serial claims " + claims + " != held serials " + held);
        }
        var perPart = new HashMap<String, Long>();
        for (var line : held) {
            var key = line.substring(0, line.indexOf(" -> ")).toUpperCase();
            perPart.merge(key, 1L, Long::sum);
        }
        perPart.forEach((k, n) -> {
            if (n > 1) {
                out.add("serial " + k + " held by " + n + " records");
            }
        });
        // 3. PO numbers and On Order items
        var records = new TreeMap<Long, JsonNode>();
        for (var line : emulators.inventory(org)) {
            var node = JSON.readTree(line);
            records.put(node.get("id").asLong(), node);
        }
        var numbers = emulators.poNumbers(org);
        var pos = new ArrayList<JsonNode>();
        for (var line : emulators.purchaseOrders(org)) {
            pos.add(JSON.readTree(line));
        }
        var headerIds = poIdsByNumber(org);
        var seenNumbers = new TreeSet<String>();
        for (var po : pos) {
            var number = po.get("poNumber").asText();
            if (!seenNumbers.add(number)) {
                out.add("two POs carry " + number);
            }
            if (!numbers.containsKey(number)) {
                out.add("PO " + number + " has no number claim");
            } else if (!numbers.get(number).equals(headerIds.get(number))) {
                out.add("number " + number + " claimed by PO id " + numbers.get(number) + " but the header is id " + headerIds.get(number));
            }
        }
        numbers.forEach((number, id) -> {
            if (!seenNumbers.contains(number)) {
                out.add("number " + number + " claimed (PO id " + id + ") by no PO header carrying it");
            }
        });
        var onOrderSeen = new TreeSet<Long>();
        for (var po : pos) {
            var number = po.get("poNumber").asText();
            var ship = po.get("shipToLocation").isNull() ? null : po.get("shipToLocation").asText();
            for (var line : po.get("lines")) {
                var part = line.get("partNumber").isNull() ? null : line.get("partNumber").asText();
                var ids = line.get("inventoryIds");
                if (part == null || part.equals("DOC-FAI") || part.equals("SVC-CAL")) {
                    continue;
                }
                double quantity = line.get("quantity").asDouble();
                boolean serial = part.equals("TORQ-WR-25") || part.equals("PCB-410") || part.equals("AVN-100") || part.equals("SAT-BUS-1000");
                int expected = serial ? (int) quantity : 1;
                if (ids == null || ids.size() != expected) {
                    out.add(number + " line " + line.get("line") + " (" + part + " x" + quantity + ") has On Order ids " + ids);
                    continue;
                }
                for (var idNode : ids) {
                    long id = idNode.asLong();
                    onOrderSeen.add(id);
                    var record = records.get(id);
                    if (record == null) {
                        out.add(number + " line " + line.get("line") + " lists missing record " + id);
                        continue;
                    }
                    if (!"ON_ORDER".equals(record.get("status").asText())) {
                        out.add("record " + id + " of " + number + " is " + record.get("status").asText());
                    }
                    var loc = record.get("location").isNull() ? null : record.get("location").asText();
                    if (!java.util.Objects.equals(loc, ship)) {
                        out.add("On Order record " + id + " of " + number + " at " + loc + ", PO ships to " + ship);
                    }
                    if (!part.equalsIgnoreCase(record.get("partNumber").asText())) {
                        out.add("On Order record " + id + " of " + number + " is a " + record.get("partNumber").asText());
                    }
                    double q = record.get("quantity").asDouble();
                    if (serial ? q != 1 : q != quantity) {
                        out.add("On Order record " + id + " of " + number + " quantity " + q + " for line quantity " + quantity);
                    }
                }
            }
        }
        for (var record : records.values()) {
            if (!record.get("purchaseOrderLine").isNull() && !onOrderSeen.contains(record.get("id").asLong())) {
                out.add("On Order record " + record.get("id") + " (" + record.get("purchaseOrderLine") + ") listed by no PO line");
            }
        }
        // 5. installation trees
        for (var record : records.values()) {
            long id = record.get("id").asLong();
            if (!record.get("installedIn").isNull()) {
                long parent = record.get("installedIn").asLong();
                var p = records.get(parent);
                if (p == null) {
                    out.add("record " + id + " installed in missing " + parent);
                    continue;
                }
                boolean slot = false;
                for (var s : p.get("abom")) {
                    slot |= !s.get("installed").isNull() && s.get("installed").asLong() == id;
                }
                if (!slot) {
                    out.add("record " + id + " installed in " + parent + " which has no slot for it");
                }
                if (!java.util.Objects.equals(record.get("location").asText(null), p.get("location").asText(null))) {
                    out.add("record " + id + " at " + record.get("location") + " installed in " + parent + " at " + p.get("location"));
                }
            }
            for (var s : record.get("abom")) {
                if (!s.get("installed").isNull()) {
                    var c = records.get(s.get("installed").asLong());
                    if (c == null || c.get("installedIn").isNull() || c.get("installedIn").asLong() != id) {
                        out.add("slot of " + id + " names " + s.get("installed") + " which is not installed in it");
                    }
                }
            }
        }
        // 4. last writers: an item's last writer is an import that ended SUCCEEDED (or none)
        var statusById = new HashMap<String, String>();
        for (var item : emulators.imports()) {
            statusById.put(item.get("importId").s(), item.get("status").s());
        }
        emulators.aws.dynamo().scanPaginator(b -> b.tableName(emulators.aws.config().inventoryTable()).consistentRead(true)).items()
                .forEach(item -> {
                    if (org.equals(item.get("org").s()) && item.containsKey("importId")) {
                        var status = statusById.get(item.get("importId").s());
                        if (status != null && !"SUCCEEDED".equals(status)) {
                            out.add("record " + item.get("id").n() + " last written by a " + status + " import");
                        }
                    }
                });
        return out;
    }

    /** PO number → the internal id of the PO header carrying it. */
    private static Map<String, Long> poIdsByNumber(String org) {
        var ids = new TreeMap<String, Long>();
        emulators.aws.dynamo().scanPaginator(b -> b.tableName(emulators.aws.config().purchaseOrdersTable()).consistentRead(true)).items()
                .forEach(item -> {
                    if (item.get("shard").s().startsWith(org + "#") && item.containsKey("poNumber") && item.containsKey("poId")
                            && !item.get("sk").s().startsWith("number#")) {
                        if (item.get("sk").s().contains("#line#") || item.get("sk").s().contains("#page#")) {
                            return;
                        }
                        ids.put(item.get("poNumber").s(), Long.parseLong(item.get("poId").n()));
                    }
                });
        return ids;
    }

    // ---------------------------------------------------------------- model check

    private String lastDiff = "";
    /** The org's records (id -> content without the id) when the round began. */
    private Map<Long, String> roundStart = Map.of();

    /** Each record's normalised content without its id, by id. */
    private static Map<Long, String> records(String org) throws Exception {
        var poIds = poIdsByNumber(org);
        var numberOf = new HashMap<Long, String>();
        poIds.forEach((n, id) -> numberOf.put(id, n));
        var out = new TreeMap<Long, String>();
        for (var line : emulators.inventory(org)) {
            var node = (ObjectNode) JSON.readTree(line);
            long id = node.get("id").asLong();
            node.remove("id");
            if (!node.get("purchaseOrderLine").isNull()) {
                var parts = node.get("purchaseOrderLine").asText().split("#");
                node.put("purchaseOrderLine", numberOf.getOrDefault(Long.parseLong(parts[0]), "?" + parts[0]) + "#" + parts[1]);
            }
            out.put(id, node.toString());
        }
        return out;
    }

    /** The file with its ids (first column, Part Inventory) put through {@code ids}. */
    private static FileSpec translated(FileSpec f, Map<Long, Long> ids) {
        if (!f.importer().equals("part-inventory")) {
            return f;
        }
        var out = new StringBuilder();
        var lines = f.csv().split("\n");
        out.append(lines[0]).append('\n');
        for (int i = 1; i < lines.length; i++) {
            var line = lines[i];
            int comma = line.indexOf(',');
            var id = line.substring(0, comma);
            out.append(id.isEmpty() ? "" : String.valueOf(ids.getOrDefault(Long.parseLong(id), Long.parseLong(id))))
                    .append(line.substring(comma)).append('\n');
        }
        return new FileSpec(f.importer(), f.name(), out.toString());
    }

    /** An order of {@code succeeded} that, after {@code history}, gives the org's state; null when none does. */
    private List<FileSpec> linearize(String org, List<FileSpec> history, List<FileSpec> succeeded) throws Exception {
        var actual = state(org);
        // the ids of the round's start in a replay of the history: matched by content
        var before = "replay" + ORGS.incrementAndGet();
        emulators.loadCatalog(CATALOG, before);
        for (var f : history) {
            apply(before, f);
        }
        var free = new HashMap<String, java.util.ArrayDeque<Long>>();
        records(before).forEach((id, content) -> free.computeIfAbsent(content, c -> new java.util.ArrayDeque<>()).add(id));
        var ids = new HashMap<Long, Long>();
        roundStart.forEach((id, content) -> {
            var candidates = free.get(content);
            if (candidates != null && !candidates.isEmpty()) {
                ids.put(id, candidates.poll());
            }
        });
        var mapped = succeeded.stream().map(f -> translated(f, ids)).toList();
        var orders = new ArrayList<List<FileSpec>>();
        permutations(new ArrayList<>(mapped), 0, orders);
        lastDiff = "";
        for (var order : orders) {
            var replay = "replay" + ORGS.incrementAndGet();
            emulators.loadCatalog(CATALOG, replay);
            boolean ok = true;
            var all = new ArrayList<>(history);
            all.addAll(order);
            for (var f : all) {
                var report = apply(replay, f);
                if (!"SUCCEEDED".equals(report.get("status").asText())) {
                    ok = false;
                    lastDiff += "order " + order.stream().map(FileSpec::name).toList() + ": " + f.name() + " fails alone: " + report.get("errors") + "\n";
                    break;
                }
            }
            if (!ok) {
                continue;
            }
            var expected = state(replay);
            if (expected.equals(actual)) {
                return order;
            }
            lastDiff += "order " + order.stream().map(FileSpec::name).toList() + " differs:\n" + diff(expected, actual);
        }
        return null;
    }

    private static String diff(Map<String, List<String>> expected, Map<String, List<String>> actual) {
        var out = new StringBuilder();
        for (var table : expected.keySet()) {
            var e = new ArrayList<>(expected.get(table));
            var a = new ArrayList<>(actual.get(table));
            var onlyE = new ArrayList<>(e);
            a.forEach(onlyE::remove);
            var onlyA = new ArrayList<>(a);
            e.forEach(onlyA::remove);
            onlyE.forEach(x -> out.append("  ").append(table).append(" expected only: ").append(x).append('\n'));
            onlyA.forEach(x -> out.append("  ").append(table).append(" actual only:   ").append(x).append('\n'));
        }
        return out.toString();
    }

    private static <T> void permutations(List<T> items, int k, List<List<T>> out) {
        if (k == items.size()) {
            out.add(new ArrayList<>(items));
            return;
        }
        for (int i = k; i < items.size(); i++) {
            java.util.Collections.swap(items, k, i);
            permutations(items, k + 1, out);
            java.util.Collections.swap(items, k, i);
        }
    }

    /** The org's records with created ids normalised away (On Order records named by PO number and line). */
    private static Map<String, List<String>> state(String org) throws Exception {
        var poIds = poIdsByNumber(org);
        var numberOf = new HashMap<Long, String>();
        poIds.forEach((n, id) -> numberOf.put(id, n));
        var inventory = new ArrayList<String>();
        var createdSerials = new HashMap<Long, String>();
        for (var line : emulators.inventory(org)) {
            var node = (ObjectNode) JSON.readTree(line);
            long id = node.get("id").asLong();
            if (id > SEEDED_MAX) {
                node.put("id", "new");
            }
            if (!node.get("purchaseOrderLine").isNull()) {
                var ref = node.get("purchaseOrderLine").asText();
                var parts = ref.split("#");
                node.put("purchaseOrderLine", numberOf.getOrDefault(Long.parseLong(parts[0]), "?" + parts[0]) + "#" + parts[1]);
            }
            inventory.add(node.toString());
        }
        inventory.sort(null);
        var pos = new ArrayList<String>();
        for (var line : emulators.purchaseOrders(org)) {
            var node = (ObjectNode) JSON.readTree(line);
            for (var l : node.get("lines")) {
                var ids = l.get("inventoryIds");
                ((ObjectNode) l).put("inventoryIds", ids == null ? 0 : ids.size());
            }
            pos.add(node.toString());
        }
        pos.sort(null);
        var serials = new ArrayList<String>();
        for (var s : emulators.serials(org)) {
            long id = Long.parseLong(s.substring(s.indexOf(" -> ") + 4));
            serials.add(id > SEEDED_MAX ? s.substring(0, s.indexOf(" -> ")) + " -> new" : s);
        }
        serials.sort(null);
        var result = new LinkedHashMap<String, List<String>>();
        result.put("inventory", inventory);
        result.put("purchaseOrders", pos);
        result.put("serials", serials);
        result.put("numbers", new ArrayList<>(emulators.poNumbers(org).keySet()));
        return result;
    }
}
