package dev.intake.bench.e2e;

import dev.intake.bench.Classpaths;
import dev.intake.bench.LocalDynamoServer;
import dev.intake.core.imports.CommitSettings;
import dev.intake.local.CatalogFile;
import dev.intake.local.CatalogLoader;
import dev.intake.local.LocalAws;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code ./benchmark undo-bound}: does the undo, or the resume, of a file of updates just under the
 * bound on held records ({@link CommitSettings#HELD_RECORDS_SHARE_OF_HEAP}) fit in the heap that
 * bound is taken of? An undo reads the journal of the held records back while the commit that met
 * a conflict still holds them; at half the heap every delivery of such an import ran out of memory
 * and it stayed half written (review "undomem", 6 December 2026, whose check this is). DynamoDB
 * Local in its own process, S3Proxy here, the function in a child JVM with Lambda's flags (serial
 * GC, C1) and a small fixed heap, so that the file stays small. Prints each delivery's outcome, its
 * peak heap and what the imports table says; no verdict of its own: an import left COMMITTING or
 * ROLLING_BACK after its redeliveries, or a delivery that threw OutOfMemoryError, is the failure.
 *
 * <pre>
 * java -cp ... dev.intake.bench.e2e.UndoBoundCheck [--heap 256m] [--share 0.95] [--attrs 20] [--chars 50] [--text cjk|base64]
 *     [--importer part-inventory|purchase-orders] SCENARIO...
 *   control       first delivery, no fault
 *   refuse-late   first delivery: a transaction of updates refused (WRITE_REFUSED) at ~90% of the commit: in-invocation undo
 *   refuse-early  the same after 2 transactions
 *   crash-resume  the process dies at ~50% of the commit; the redelivery resumes
 *   crash-resume-refuse  the process dies at ~50%; the redelivery resumes, and a transaction of it is refused: undo
 *   crash-undo    the process dies at ~50%; the catalog changes; the redelivery undoes (afterCatalogChange)
 * </pre>
 *
 * <p>With {@code --importer purchase-orders} the records are stored POs of {@link #PO_LINES} lines
 * (a line without a part, the attributes on each line), the file gives each PO a new description
 * (a header-only row: every PO's header rewritten in a transaction, what the faults count), and the
 * journal holds each PO whole, written before the commit ({@code docs/lifecycle.md}).
 */
public final class UndoBoundCheck {

    private static final long TIMEOUT_SECONDS = 1_800;
    /** The lines of each stored PO of {@code --importer purchase-orders}. */
    private static final int PO_LINES = 10;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    private final Path work;
    private final LocalAws aws;
    private final String dynamoEndpoint;
    private final List<Path> classpath;
    private final String catalogJson;
    private final int attrs;
    private final int chars;
    private int orgs;
    /** Attribute texts of random CJK characters (two bytes each held, three packed) instead of base64 ones. */
    private boolean cjk;
    /** Stored POs of {@link #PO_LINES} lines instead of inventory records. */
    private final boolean purchaseOrders;

    private UndoBoundCheck(Path work, LocalAws aws, String dynamoEndpoint, List<Path> classpath, int attrs, int chars,
                           boolean purchaseOrders) throws Exception {
        this.work = work;
        this.aws = aws;
        this.dynamoEndpoint = dynamoEndpoint;
        this.classpath = classpath;
        this.attrs = attrs;
        this.chars = chars;
        this.purchaseOrders = purchaseOrders;
        var entity = purchaseOrders ? "purchase_order_line" : "inventory";
        try (var in = UndoBoundCheck.class.getResourceAsStream("/e2e/catalog.json")) {
            var base = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            var list = new StringBuilder("\"attributes\": [");
            for (int i = 1; i <= attrs; i++) {
                list.append(i > 1 ? ", " : "").append("{\"key\": \"Attr").append(i).append("\", \"entity\": \"" + entity + "\", \"type\": \"text\"}");
            }
            list.append("],\n  \"parts\": [");
            this.catalogJson = base.replace("\"parts\": [", list.toString());
        }
    }

    public static void main(String[] args) throws Exception {
        var options = new HashMap<>(Map.of("--heap", "256m", "--share", "0.95", "--attrs", "20", "--chars", "50", "--text", "cjk",
                "--importer", "part-inventory"));
        var scenarios = new ArrayList<String>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                options.put(args[i], args[++i]);
            } else {
                scenarios.add(args[i]);
            }
        }
        var classpaths = Classpaths.fromBuild();
        var work = Files.createTempDirectory("intake-undo-bound-");
        int exit = 0;
        try (var dynamo = LocalDynamoServer.builder(classpaths.dynamoDbLocal()).jvmOptions("-Xmx4g").start()) {
            try (var aws = LocalAws.start(Path.of("template.yaml"), dynamo.localAwsEnvironment(), null)) {
                var check = new UndoBoundCheck(work, aws, dynamo.endpoint().toString(), classpaths.intakeChild(),
                        Integer.parseInt(options.get("--attrs")), Integer.parseInt(options.get("--chars")),
                        options.get("--importer").equals("purchase-orders"));
                check.cjk = options.get("--text").equals("cjk");
                for (var scenario : scenarios) {
                    check.scenario(scenario, options.get("--heap"), Double.parseDouble(options.get("--share")));
                }
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    /** The records of N updates that fill {@code share} of the bound of a JVM of {@code heap}. */
    private int recordsFor(String heap, double share) throws Exception {
        long max = parseBytes(heap);
        long bound = (long) (max * CommitSettings.HELD_RECORDS_SHARE_OF_HEAP);
        long attributes = attrs * (16 + 40 + (cjk ? 2L : 1L) * chars);
        // InventoryRecords.heldBytes: 450 + location ("Line 2") + supplier ("Acme Metals") + attributes;
        // StoredPurchaseOrder.heldBytes: 600 + description + supplier + terms ("Standard Terms"), and
        // each line 1,200 + description ("line 10 of PO-12345") + attributes
        long each = purchaseOrders
                ? 600 + (40 + 12) + (40 + 11) + (40 + 14) + PO_LINES * (1_200 + (40 + 19) + attributes)
                : 450 + (40 + 6) + (40 + 11) + attributes;
        int n = (int) (bound * share / each);
        System.out.printf("heap -Xmx%s: bound %.1f MB (" + CommitSettings.HELD_RECORDS_SHARE_OF_HEAP + " of -Xmx; maxMemory is a little less), about %,d bytes a %s"
                + " as estimated: %,d of them (%.0f%% of the bound)%n", heap, bound / 1048576.0, each,
                purchaseOrders ? "PO of " + PO_LINES + " lines" : "record", n, share * 100);
        return n;
    }

    private static long parseBytes(String heap) {
        char unit = Character.toLowerCase(heap.charAt(heap.length() - 1));
        long value = Long.parseLong(heap.substring(0, heap.length() - 1));
        return switch (unit) {
            case 'm' -> value << 20;
            case 'g' -> value << 30;
            case 'k' -> value << 10;
            default -> throw new IllegalArgumentException(heap);
        };
    }

    private void scenario(String scenario, String heap, double share) throws Exception {
        System.out.println();
        System.out.println("== " + scenario);
        int n = recordsFor(heap, share);
        int transacts = (n + 99) / 100;
        var org = freshOrg(n);
        var updates = updates(n);
        var key = org + importerPath() + updates.getFileName();
        var eTag = upload(key, updates);
        var sequencer = String.format("%016X", System.nanoTime());
        var small = List.of("-Xmx" + heap);
        switch (scenario) {
            case "control" -> deliver("first delivery, no fault", small, key, eTag, updates, sequencer, "none");
            case "refuse-late" -> {
                deliver("first delivery, refused at transaction " + (transacts * 9 / 10 + 1) + " of " + transacts,
                        small, key, eTag, updates, sequencer, "refuse:" + transacts * 9 / 10);
                redeliverUntilFinished(small, key, eTag, updates, sequencer);
            }
            case "refuse-early" -> {
                deliver("first delivery, refused at transaction 3 of " + transacts, small, key, eTag, updates, sequencer, "refuse:2");
                redeliverUntilFinished(small, key, eTag, updates, sequencer);
            }
            case "crash-resume" -> {
                deliver("first delivery, dies at transaction " + (transacts / 2 + 1) + " of " + transacts, small, key, eTag,
                        updates, sequencer, "crash:" + transacts / 2);
                redeliverUntilFinished(small, key, eTag, updates, sequencer);
            }
            case "crash-resume-refuse" -> {
                deliver("first delivery, dies at transaction " + (transacts / 2 + 1) + " of " + transacts, small, key, eTag,
                        updates, sequencer, "crash:" + transacts / 2);
                Thread.sleep(6_000);
                deliver("redelivery (resume), refused at its transaction " + (transacts / 4 + 1), small, key, eTag, updates,
                        sequencer, "refuse:" + transacts / 4);
                redeliverUntilFinished(small, key, eTag, updates, sequencer);
            }
            case "crash-undo" -> {
                deliver("first delivery, dies at transaction " + (transacts / 2 + 1) + " of " + transacts, small, key, eTag,
                        updates, sequencer, "crash:" + transacts / 2);
                loadCatalog(org, catalogJson.replace("\"Line 2\"]", "\"Line 2\", \"Line 3\"]"));
                redeliverUntilFinished(small, key, eTag, updates, sequencer);
            }
            default -> throw new IllegalArgumentException(scenario);
        }
    }

    private void redeliverUntilFinished(List<String> jvm, String key, String eTag, Path file, String sequencer) throws Exception {
        for (int attempt = 1; attempt <= 2; attempt++) {
            var status = ledgerStatus(key);
            if (status.startsWith("[SUCCEEDED") || status.startsWith("[FAILED")) {
                return;
            }
            Thread.sleep(6_000); // the lease (INTAKE_LEASE_SECONDS=5) runs out
            deliver("redelivery " + attempt + " (the import is " + status + ")", jvm, key, eTag, file, sequencer, "none");
        }
        System.out.println("  after two redeliveries the import is still " + ledgerStatus(key));
    }

    private void deliver(String what, List<String> jvm, String key, String eTag, Path file, String sequencer, String fault)
            throws Exception {
        var config = aws.config();
        var args = new ArrayList<>(List.of(UndoBoundRun.class.getName(), aws.s3Endpoint(), dynamoEndpoint, aws.bucket(), key,
                eTag, Long.toString(Files.size(file)), sequencer, fault,
                "INVENTORY_TABLE=" + config.inventoryTable(), "CATALOG_TABLE=" + config.catalogTable(),
                "IMPORTS_TABLE=" + config.importsTable(), "PURCHASE_ORDERS_TABLE=" + config.purchaseOrdersTable(),
                "SERIALS_TABLE=" + config.serialsTable(), "INTAKE_LEASE_SECONDS=5"));
        long start = System.nanoTime();
        var result = run(jvm, args, "RESULT");
        System.out.printf("  %s: %s (%.0f s); the ledger says %s%n", what, result, (System.nanoTime() - start) / 1e9,
                ledgerStatus(key));
    }

    private String ledgerStatus(String key) {
        var items = aws.dynamo().scanPaginator(b -> b.tableName(aws.config().importsTable())
                .filterExpression("#k = :k").expressionAttributeNames(Map.of("#k", "key"))
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromS(key)))).items().stream()
                .filter(item -> dev.intake.aws.DynamoImportLedger.isImport(item.get("importId").s()) && item.containsKey("status")).toList();
        return items.stream().map(item -> item.get("status").s()
                + (item.containsKey("rollback") || item.containsKey("rollbackReasons") ? "+rollback" : "")
                + " attempts=" + (item.containsKey("attempts") ? item.get("attempts").n() : "?")
                + " journalItems=" + (item.containsKey("journalItems") ? item.get("journalItems").n() : "-")
                + journalBytes(item.get("importId").s())).toList().toString();
    }

    /** What the journal's items hold, packed, as DynamoDB gives them back. */
    private String journalBytes(String importId) {
        long[] sum = new long[2];
        aws.dynamo().scanPaginator(b -> b.tableName(aws.config().importsTable())
                .filterExpression("begins_with(importId, :j)")
                .expressionAttributeValues(Map.of(":j", AttributeValue.fromS(importId + "/journal/")))).items()
                .forEach(item -> {
                    sum[0]++;
                    var packed = item.get("packedEntries");
                    sum[1] += packed == null ? 0 : packed.b().asByteArrayUnsafe().length;
                });
        return sum[0] == 0 ? "" : String.format(" (%d journal items, %.1f MB packed)", sum[0], sum[1] / 1048576.0);
    }

    /** Runs a child JVM with Lambda's flags; returns its line starting with {@code word} (and its exit code), or the tail of its stderr. */
    private String run(List<String> jvm, List<String> args, String word) throws Exception {
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-Dhttp.maxConnections=64"));
        command.addAll(jvm);
        var logs = Path.of("bench/target/undo-bound-logs");
        Files.createDirectories(logs);
        var outFile = logs.resolve("child-" + System.nanoTime() + ".out");
        // at an OutOfMemoryError: where each thread is, and what is live (a histogram after a full GC)
        command.add("-XX:OnOutOfMemoryError=jcmd %p Thread.print >> " + outFile + ".oom; jcmd %p GC.class_histogram >> " + outFile + ".oom");
        if (word != null) {
            command.add("-cp");
            command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        }
        command.addAll(args);
        var stderr = Path.of(outFile + ".err");
        var process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        String line = null;
        try (var out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = out.readLine(); l != null; l = out.readLine()) {
                if (word != null && l.startsWith(word + " ")) {
                    line = l;
                }
            }
        }
        process.waitFor(TIMEOUT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        int exit = process.exitValue();
        var err = Files.readAllLines(stderr).stream().filter(l -> !l.startsWith("WARNING")).toList();
        var tail = String.join("\n      ", err.subList(Math.max(0, err.size() - 12), err.size())) + "\n      (logs: " + outFile + ".*)";
        if (line == null || exit != 0 && exit != 137 || line.contains("THREW")) {
            var oom = err.stream().filter(l -> l.contains("OutOfMemoryError") || l.contains("\tat dev.intake") || l.contains("Caused by")).limit(25).toList();
            return (line == null ? "no RESULT" : line) + " exit=" + exit + "\n    stderr tail:\n      " + tail
                    + "\n    stderr, the OutOfMemoryError and Intake's frames:\n      " + String.join("\n      ", oom);
        }
        if (System.getenv("UNDO_BOUND_VERBOSE") != null) {
            System.out.println("    stderr tail:\n      " + tail);
        }
        return line + " exit=" + exit;
    }

    private String importerPath() {
        return purchaseOrders ? "/purchase-orders/" : "/part-inventory/";
    }

    /**
     * A new org with the catalog of {@code attrs} text attributes, and {@code records} records of
     * them: inventory records (ids 1 …), or POs {@code PO-1} … of {@link #PO_LINES} lines.
     */
    private String freshOrg(int records) throws Exception {
        var org = "undo" + (++orgs) + "x" + Long.toHexString(System.nanoTime() & 0xffff);
        loadCatalog(org, catalogJson);
        var creates = work.resolve(org + "-creates.csv");
        var random = new Random(orgs);
        try (BufferedWriter out = Files.newBufferedWriter(creates, StandardCharsets.UTF_8)) {
            out.write(purchaseOrders ? "po_number,supplier,currency,description,quantity,cost" : "part_number,quantity,location,supplier");
            for (int a = 1; a <= attrs; a++) {
                out.write(",Attr" + a);
            }
            out.write('\n');
            for (int i = 1; i <= records; i++) {
                if (!purchaseOrders) {
                    out.write("FST-M3-10,250,Line 2,Acme Metals");
                    writeAttributes(out, random);
                    continue;
                }
                for (int line = 1; line <= PO_LINES; line++) {
                    out.write("PO-" + i + ",Acme Metals,USD,line " + line + " of PO-" + i + ",4,12.50");
                    writeAttributes(out, random);
                }
            }
        }
        var key = org + importerPath() + creates.getFileName();
        var eTag = upload(key, creates);
        deliver("seeding " + records + " records", List.of("-Xmx2g"), key, eTag, creates,
                String.format("%016X", System.nanoTime()), "none");
        return org;
    }

    /** A comma and each attribute's random text, then the end of the row. */
    private void writeAttributes(BufferedWriter out, Random random) throws java.io.IOException {
        var text = new char[chars];
        for (int a = 1; a <= attrs; a++) {
            for (int c = 0; c < chars; c++) {
                text[c] = cjk ? (char) (0x4E00 + random.nextInt(0x9FFF - 0x4E00)) : ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            out.write(',');
            out.write(text);
        }
        out.write('\n');
    }

    private void loadCatalog(String org, String json) throws Exception {
        new CatalogLoader(aws.dynamo(), aws.config()).load(CatalogFile.parse(json.replace("\"bench\"", "\"" + org + "\"")),
                "undo-bound-catalog.json");
    }

    /** Every record's quantity, or every PO's description, changes: every row writes. */
    private Path updates(int records) throws Exception {
        var file = work.resolve("updates-" + records + "-" + orgs + ".csv");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(purchaseOrders ? "po_number,po_description\n" : "id,quantity\n");
            for (int i = 1; i <= records; i++) {
                out.write(purchaseOrders ? "PO-" + i + ",revised\n" : i + ",77\n");
            }
        }
        return file;
    }

    private String upload(String key, Path file) {
        return aws.s3().putObject(b -> b.bucket(aws.bucket()).key(key).contentType("text/csv"), RequestBody.fromFile(file)).eTag();
    }
}
