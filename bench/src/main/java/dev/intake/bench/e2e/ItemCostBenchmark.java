package dev.intake.bench.e2e;

import dev.intake.bench.Classpaths;
import dev.intake.bench.LocalDynamoServer;
import dev.intake.bench.http.Stats;
import dev.intake.local.TemplateTables;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What one stored item costs DynamoDB Local, by the shape of the item and of its table: the same
 * number of items, written the way both loaders of {@code ./benchmark e2e} write creates
 * (BatchWriteItem of 25, {@value BaselineLoad#IN_FLIGHT} in flight), into
 * <ul>
 *   <li>a plain table keyed {@code shard}, {@code id} (the baseline loader's), or the inventory
 *       table as {@code template.yaml} defines it (its two sparse indexes, which none of these
 *       items is in);</li>
 *   <li>items of 6 attributes (the baseline's: the key and four cells) or of 12 (a created
 *       inventory record as Intake stores it);</li>
 *   <li>and, for comparison, serial claims as Intake takes them: into the serials table, each on
 *       {@code attribute_not_exists}, in TransactWriteItems of 100; and serial lookups as
 *       validation makes them: BatchGetItem of 100 keys of the serials table that nobody holds
 *       (a new serial's), charged per key;</li>
 *   <li>updates of stored inventory records (seeded before the clock starts, version 1): as Intake
 *       writes them, each a put of the whole record on the condition Intake sets (the version it
 *       validated against, or its own write of a resumed commit), in TransactWriteItems of 100;
 *       and, for comparison, the same as update expressions that set only the cells an
 *       {@code id,quantity,location} file changes, besides the version and import id;</li>
 *   <li>a page of ten PO lines packed into one item (docs/benchmarks.md, "PO lines in pages"),
 *       as a stand-in: the key, a binary value of
 *       {@value #PAGE_BYTES} bytes (ten lines as {@code PackedAttributes} deflates them), a version and an
 *       import id, into the plain table; charged per page.</li>
 * </ul>
 * Charged with the server process's CPU time per 1,000 items; the variants alternate within each
 * round, and a discarded first round warms the server's JIT. DynamoDB Local runs on core 1 where
 * {@code taskset} and two cores exist.
 *
 * <p>Arguments: {@code [--items N] [--rounds N]} (defaults 20,000 and 3).
 */
public final class ItemCostBenchmark {

    /** Ten PO lines packed: about 350 bytes of names and values each, deflated to about a quarter. */
    static final int PAGE_BYTES = 1_000;
    private static final String IMPORT_ID = "0123456789abcdef0123456789abcdef";

    private final DynamoDbClient dynamo;
    private final ProcessHandle server;
    private final CreateTableRequest inventoryTable;
    private final CreateTableRequest serialsTable;
    private final ExecutorService writers = Executors.newFixedThreadPool(BaselineLoad.IN_FLIGHT);
    private int tables;

    private ItemCostBenchmark(DynamoDbClient dynamo, ProcessHandle server, CreateTableRequest inventoryTable,
                              CreateTableRequest serialsTable) {
        this.dynamo = dynamo;
        this.server = server;
        this.inventoryTable = inventoryTable;
        this.serialsTable = serialsTable;
    }

    public static void main(String[] args) throws Exception {
        int items = 20_000;
        int rounds = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--items" -> items = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: ./benchmark item-cost [--items N] [--rounds N]");
                    System.exit(2);
                }
            }
        }
        var tables = TemplateTables.read(Path.of("template.yaml")).createTableRequests(Map.of());
        var inventoryTable = tables.stream().filter(request -> request.tableName().equals("intake-inventory")).findFirst().orElseThrow();
        var serialsTable = tables.stream().filter(request -> request.tableName().equals("intake-serials")).findFirst().orElseThrow();
        var serverBuilder = LocalDynamoServer.builder(Classpaths.fromBuild().dynamoDbLocal()).jvmOptions("-Xmx4g");
        boolean pin = EndToEndBenchmark.canPin();
        if (pin) {
            serverBuilder.launcher("taskset", "-c", "1");
        }
        try (var server = serverBuilder.start(); var dynamo = client(server.endpoint())) {
            var benchmark = new ItemCostBenchmark(dynamo, ProcessHandle.of(server.pid()).orElseThrow(), inventoryTable,
                    serialsTable);
            benchmark.run(items, rounds, pin);
        }
    }

    private void run(int items, int rounds, boolean pin) throws Exception {
        var variants = List.of(new Variant(Table.PLAIN, 6), new Variant(Table.PLAIN, 12), new Variant(Table.INVENTORY, 6),
                new Variant(Table.INVENTORY, 12), new Variant(Table.SERIAL_CLAIMS, 6), new Variant(Table.SERIAL_LOOKUPS, 1),
                new Variant(Table.PO_LINE_PAGES, 5), new Variant(Table.UPDATES, 12), new Variant(Table.UPDATES_BY_EXPRESSION, 12));
        var perThousand = new LinkedHashMap<Variant, List<Double>>();
        for (int round = 0; round <= rounds; round++) {
            for (var variant : variants) {
                double ms = 1000.0 * serverCpuMillis(variant, items) / items;
                if (round == 0) {
                    continue; // the server's JIT warms up
                }
                perThousand.computeIfAbsent(variant, v -> new ArrayList<>()).add(ms);
                System.err.printf(Locale.ROOT, "round %d %s: %.0f ms of server CPU per 1,000 items%n", round, variant, ms);
            }
        }
        writers.shutdown();
        double base = Stats.median(perThousand.get(variants.getFirst()));
        System.out.printf(Locale.ROOT, "%nItem cost on DynamoDB Local, %,d items a run, medians of %d rounds%s.%n%n",
                items, rounds, pin ? " (server on core 1)" : "");
        System.out.println("| table | attributes | server CPU per 1,000 items | against plain, 6 |");
        System.out.println("| --- | ---: | ---: | ---: |");
        perThousand.forEach((variant, values) -> System.out.printf(Locale.ROOT, "| %s | %d | %.0f ms | %.2f |%n",
                variant.table().label, variant.attributes(), Stats.median(values), Stats.median(values) / base));
    }

    private long serverCpuMillis(Variant variant, int items) throws Exception {
        var table = "item-cost-" + (++tables);
        dynamo.createTable(switch (variant.table()) {
            case PLAIN, PO_LINE_PAGES -> plainTable(table);
            case INVENTORY, UPDATES, UPDATES_BY_EXPRESSION -> inventoryTable.toBuilder().tableName(table).build();
            case SERIAL_CLAIMS, SERIAL_LOOKUPS -> serialsTable.toBuilder().tableName(table).build();
        });
        if (variant.table().updates) {
            for (int from = 0; from < items; from += 25) {
                put(table, from, Math.min(items, from + 25), id -> storedRecord(id, 1));
            }
        }
        long before = cpuMillis();
        var slots = new Semaphore(BaselineLoad.IN_FLIGHT);
        var sent = new ArrayList<Future<?>>();
        int perRequest = switch (variant.table()) {
            case PLAIN, INVENTORY, PO_LINE_PAGES -> 25;
            case SERIAL_CLAIMS, SERIAL_LOOKUPS, UPDATES, UPDATES_BY_EXPRESSION -> 100;
        };
        for (int from = 0; from < items; from += perRequest) {
            int first = from;
            int end = Math.min(items, from + perRequest);
            slots.acquire();
            sent.add(writers.submit(() -> {
                try {
                    switch (variant.table()) {
                        case SERIAL_CLAIMS -> claim(table, first, end);
                        case SERIAL_LOOKUPS -> lookUp(table, first, end);
                        case PO_LINE_PAGES -> put(table, first, end, ItemCostBenchmark::page);
                        case UPDATES -> update(table, first, end, ItemCostBenchmark::putWholeRecord);
                        case UPDATES_BY_EXPRESSION -> update(table, first, end, ItemCostBenchmark::setChangedCells);
                        default -> put(table, first, end, id -> item(id, variant.attributes()));
                    }
                } finally {
                    slots.release();
                }
                return null;
            }));
        }
        for (var future : sent) {
            future.get();
        }
        long used = cpuMillis() - before;
        dynamo.deleteTable(b -> b.tableName(table));
        return used;
    }

    private void put(String table, int first, int end, IntFunction<Map<String, AttributeValue>> itemOf)
            throws InterruptedException {
        var batch = new ArrayList<WriteRequest>();
        for (int id = first; id < end; id++) {
            batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(itemOf.apply(id)).build()).build());
        }
        BaselineLoad.writeBatch(dynamo, table, batch);
    }

    /** A page of packed lines: deflated bytes look random, so random bytes stand in for them. */
    private static Map<String, AttributeValue> page(int id) {
        var bytes = new byte[PAGE_BYTES];
        new Random(id).nextBytes(bytes);
        var page = key(id);
        page.put("lines", AttributeValue.fromB(SdkBytes.fromByteArrayUnsafe(bytes)));
        page.put("version", AttributeValue.fromN("1"));
        page.put("importId", AttributeValue.fromS(IMPORT_ID));
        return page;
    }

    /** Serial claims as DynamoCommitStore writes them: conditional puts in one transaction. */
    private void claim(String table, int first, int end) {
        var puts = new ArrayList<TransactWriteItem>();
        for (int id = first; id < end; id++) {
            var claim = Map.of("serialKey", AttributeValue.fromS("bench#PCB-410#SN-" + id), "org", AttributeValue.fromS("bench"),
                    "partNumber", AttributeValue.fromS("PCB-410"), "serialNumber", AttributeValue.fromS("SN-" + id),
                    "id", AttributeValue.fromN(Integer.toString(1_000 + id)),
                    "importId", AttributeValue.fromS(IMPORT_ID));
            puts.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(claim)
                    .conditionExpression("attribute_not_exists(#pk) OR id = :id")
                    .expressionAttributeNames(Map.of("#pk", "serialKey"))
                    .expressionAttributeValues(Map.of(":id", claim.get("id")))).build());
        }
        dynamo.transactWriteItems(b -> b.transactItems(puts));
    }

    /** A stored record at {@code version}, whose quantity and location each version changes. */
    private static Map<String, AttributeValue> storedRecord(int id, int version) {
        var item = item(id, 12);
        item.put("quantity", AttributeValue.fromN(Integer.toString(id % 50 + version)));
        item.put("location", AttributeValue.fromS("Stockroom " + version));
        item.put("version", AttributeValue.fromN(Integer.toString(version)));
        return item;
    }

    /** DynamoCommitStore's condition on a replace: the version validated against, or a resumed commit's own write. */
    private static final String UPDATE_CONDITION = "#v = :base OR (importId = :me AND #v = :next)";

    private void update(String table, int first, int end, BiFunction<String, Integer, TransactWriteItem> write) {
        var writes = new ArrayList<TransactWriteItem>();
        for (int id = first; id < end; id++) {
            writes.add(write.apply(table, id));
        }
        dynamo.transactWriteItems(b -> b.transactItems(writes));
    }

    private static Map<String, AttributeValue> updateValues() {
        var values = new HashMap<String, AttributeValue>();
        values.put(":base", AttributeValue.fromN("1"));
        values.put(":next", AttributeValue.fromN("2"));
        values.put(":me", AttributeValue.fromS(IMPORT_ID));
        return values;
    }

    private static TransactWriteItem putWholeRecord(String table, int id) {
        var item = storedRecord(id, 2);
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression(UPDATE_CONDITION).expressionAttributeNames(Map.of("#v", "version"))
                .expressionAttributeValues(updateValues())).build();
    }

    private static TransactWriteItem setChangedCells(String table, int id) {
        var changed = storedRecord(id, 2);
        var values = updateValues();
        values.put(":quantity", changed.get("quantity"));
        values.put(":location", changed.get("location"));
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(key(id))
                .updateExpression("SET #q = :quantity, #loc = :location, #v = :next, importId = :me")
                .conditionExpression(UPDATE_CONDITION).expressionAttributeNames(Map.of("#v", "version", "#q", "quantity", "#loc", "location"))
                .expressionAttributeValues(values)).build();
    }

    /** Serial lookups as DynamoSerialRegistry makes them, of keys nobody holds: nothing comes back. */
    private void lookUp(String table, int first, int end) {
        var keys = new ArrayList<Map<String, AttributeValue>>();
        for (int id = first; id < end; id++) {
            keys.add(Map.of("serialKey", AttributeValue.fromS("bench#PCB-410#SN-" + id)));
        }
        Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(keys).build());
        while (!request.isEmpty()) {
            request = dynamo.batchGetItem(BatchGetItemRequest.builder().requestItems(request).build()).unprocessedKeys();
        }
    }

    /** Attribute names and values as a created inventory record has them; 6 keeps the first four after the key. */
    private static Map<String, AttributeValue> item(int id, int attributes) {
        var item = key(id);
        var rest = new LinkedHashMap<String, AttributeValue>();
        rest.put("partNumber", AttributeValue.fromS("FST-M3-10"));
        rest.put("quantity", AttributeValue.fromN(Integer.toString(id % 50 + 1)));
        rest.put("location", AttributeValue.fromS("Stockroom A"));
        rest.put("supplier", AttributeValue.fromS("Pacific Fasteners"));
        rest.put("revision", AttributeValue.fromS("A"));
        rest.put("unitOfMeasure", AttributeValue.fromS("each"));
        rest.put("org", AttributeValue.fromS(org(id)));
        rest.put("status", AttributeValue.fromS("AVAILABLE"));
        rest.put("importId", AttributeValue.fromS(IMPORT_ID));
        rest.put("version", AttributeValue.fromN("1"));
        rest.entrySet().stream().limit(attributes - 2L).forEach(entry -> item.put(entry.getKey(), entry.getValue()));
        return item;
    }

    /** The plain table's key of item {@code id}: its org's shard and the id. */
    private static Map<String, AttributeValue> key(int id) {
        var key = new LinkedHashMap<String, AttributeValue>();
        key.put("shard", AttributeValue.fromS(org(id) + "#" + String.format(Locale.ROOT, "%02d", id % 16)));
        key.put("id", AttributeValue.fromN(Integer.toString(1_000 + id)));
        return key;
    }

    private static String org(int id) {
        return "bench" + (id % 100);
    }

    private static CreateTableRequest plainTable(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("shard").attributeType("S").build(),
                        AttributeDefinition.builder().attributeName("id").attributeType("N").build())
                .keySchema(KeySchemaElement.builder().attributeName("shard").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("id").keyType(KeyType.RANGE).build())
                .build();
    }

    private long cpuMillis() {
        return server.info().totalCpuDuration().map(Duration::toMillis).orElse(0L);
    }

    private static DynamoDbClient client(URI endpoint) {
        return DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.builder().build()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                .endpointOverride(endpoint).build();
    }

    private enum Table {
        PLAIN("plain"), INVENTORY("inventory (template.yaml)"), SERIAL_CLAIMS("serial claims, transactions of 100"),
        SERIAL_LOOKUPS("serial lookups of keys nobody holds, BatchGetItem of 100 (per key)"),
        PO_LINE_PAGES("plain, pages of ten packed PO lines (per page)"),
        UPDATES("updates of stored inventory records as Intake writes them, transactions of 100", true),
        UPDATES_BY_EXPRESSION("the same updates as update expressions of the changed cells (not used)", true);

        final String label;
        /** Whether the table is seeded with the records the variant then updates. */
        final boolean updates;

        Table(String label) {
            this(label, false);
        }

        Table(String label, boolean updates) {
            this.label = label;
            this.updates = updates;
        }
    }

    private record Variant(Table table, int attributes) {
        @Override
        public String toString() {
            return table.name().toLowerCase(Locale.ROOT) + "/" + attributes;
        }
    }
}
