package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.IntakeHandler;
import dev.intake.aws.OrgScans;
import dev.intake.aws.DynamoImportLedger;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.DynamoPurchaseOrderStore;
import dev.intake.aws.LeaseCheck;
import dev.intake.aws.SerialItems;
import dev.intake.core.report.JsonText;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The real handler against in-memory DynamoDB Local and S3Proxy, driven the way S3 and Lambda
 * drive it: an object is uploaded, and an S3 event (JSON, parsed by the Lambda runtime's own
 * serializer) is delivered. Tables come from template.yaml. One instance serves a test class.
 */
final class Emulators implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    /** A record's id, part number and serial, from its public-shape JSON line. */
    private static final java.util.regex.Pattern JSON_PART_SERIAL = java.util.regex.Pattern.compile(
            "^\\{\"id\":(\\d+),\"partNumber\":\"([^\"]+)\",.*?\"serialNumber\":\"([^\"]+)\"");

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path TEMPLATE = ROOT.resolve("template.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** As the CLI makes them: ordered after the sample events' sequencers, which tests deliver too. */
    private static final Sequencer SEQUENCER = new Sequencer(null, Clock.systemUTC());
    private static final StaticCredentialsProvider DUMMY =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy"));

    private final Map<String, String> env;
    /** Set once started. */
    LocalAws aws;
    IntakeHandler handler;
    private final WithoutWriterCheck withoutWriterCheck = new WithoutWriterCheck();
    /** Set once started: template.yaml's function role, enforced on every handler's clients made here. */
    private FunctionRoleCheck functionRole;
    private Map<String, String> tableNames;
    /** What the function's role refused during the current test, by any of the checks made here. */
    private final List<String> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Emulators(Map<String, String> env) {
        this.env = env;
    }

    /**
     * The lease for tests that crash deliveries and retry them ({@link #leaseRunsOut}). Tests of
     * an owner stalled past its lease by the clock (StalledOwnerTest, LeaseFenceTest) keep one second.
     */
    static final String LEASE_OF_CRASH_TESTS = "20";

    /**
     * Emulators a test class shares, started before its tests ({@code @BeforeAll} methods
     * included) and closed after them: {@code @RegisterExtension static final Emulators
     * emulators = Emulators.perTestClass();}. {@code env} adds settings (limits, lease) to the
     * defaults, as template.yaml would.
     */
    static Emulators perTestClass(Map<String, String> env) {
        return new Emulators(env);
    }

    static Emulators perTestClass() {
        return perTestClass(Map.of());
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        withoutWriterCheck.turn(false);
    }

    /** The requests the function's role refused so far, taken: for a test that provokes them on purpose. */
    List<String> takeRoleRefusals() {
        var refused = List.copyOf(refusals);
        refusals.removeAll(refused);
        return refused;
    }

    /** A test after which the function's role refused a request fails, whatever it asserted itself. */
    @Override
    public void afterEach(ExtensionContext context) {
        var refused = List.copyOf(refusals);
        refusals.clear();
        if (!refused.isEmpty()) {
            throw new AssertionError("the function sent requests its role in template.yaml does not allow:\n  "
                    + String.join("\n  ", refused));
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void start() throws Exception {
        var all = new HashMap<String, String>(env);
        all.putIfAbsent("AWS_REGION", "us-east-1");
        aws = LocalAws.start(TEMPLATE, all, null);
        tableNames = TemplateTables.read(TEMPLATE).tableNames(all);
        functionRole = functionRole(Map.of());
        // no fault of its own, but through the switch of withoutWriterCheck and the role, as every handler here
        handler = new IntakeHandler(aws.config(), functionS3(), functionDynamo());
    }

    /**
     * A DynamoDB client for a handler, to the same emulator, whose calls pass through the function's
     * role (template.yaml), {@code interceptor} (fault injection) and {@link #withoutWriterCheck()}'s
     * switch, with at most {@code maxAttempts} attempts per call.
     */
    DynamoDbClient dynamoThrough(ExecutionInterceptor interceptor, int maxAttempts) {
        return dynamo(maxAttempts, functionRole, interceptor, withoutWriterCheck);
    }

    /** As above, through {@code interceptor} and then {@code watcher} (one that only counts, say). */
    DynamoDbClient dynamoThrough(ExecutionInterceptor interceptor, ExecutionInterceptor watcher, int maxAttempts) {
        return dynamo(maxAttempts, functionRole, interceptor, watcher, withoutWriterCheck);
    }

    /** A DynamoDB client for a handler, its calls checked against the function's role. */
    DynamoDbClient functionDynamo() {
        return dynamoThrough(new ExecutionInterceptor() { }, 3);
    }

    /** As {@link #dynamoThrough} for the CLI's own work (a catalog load), which the function's role does not cover. */
    DynamoDbClient cliDynamoThrough(ExecutionInterceptor interceptor, int maxAttempts) {
        return dynamo(maxAttempts, interceptor);
    }

    /** As above, through several interceptors, in order. */
    DynamoDbClient cliDynamoThrough(int maxAttempts, ExecutionInterceptor... interceptors) {
        return dynamo(maxAttempts, interceptors);
    }

    /** The function's lease check goes last, as in the function's client: after a test's stall or fault. */
    private DynamoDbClient dynamo(int maxAttempts, ExecutionInterceptor... interceptors) {
        var all = new java.util.ArrayList<>(List.of(interceptors));
        all.add(new LeaseCheck());
        return DynamoDbClient.builder()
                .endpointOverride(aws.dynamo().serviceClientConfiguration().endpointOverride().orElseThrow())
                .region(Region.US_EAST_1).credentialsProvider(DUMMY)
                .overrideConfiguration(o -> o.executionInterceptors(all)
                        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build()))
                .build();
    }

    /** An S3 client for a handler, to the same emulator, whose calls pass through the function's role and {@code interceptor}. */
    S3Client s3Through(ExecutionInterceptor interceptor) {
        return S3Client.builder()
                .endpointOverride(aws.s3().serviceClientConfiguration().endpointOverride().orElseThrow())
                .region(Region.US_EAST_1).credentialsProvider(DUMMY).forcePathStyle(true)
                .overrideConfiguration(o -> o.addExecutionInterceptor(functionRole).addExecutionInterceptor(interceptor)).build();
    }

    /** An S3 client for a handler, its calls checked against the function's role. */
    S3Client functionS3() {
        return s3Through(new ExecutionInterceptor() { });
    }

    /**
     * The function's role as a stack deployed with {@code parameters} (template parameter → value)
     * gives it, to put on a handler's other clients (its EventBridge client); what it refuses
     * fails the test as the other clients' refusals do.
     */
    FunctionRoleCheck functionRole(Map<String, String> parameters) {
        try {
            return new FunctionRoleCheck(FunctionRole.of(TEMPLATE, aws.region(), tableNames, parameters), aws.bucket(), refusals);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Uploads {@code bytes} as S3 would store a new object version and describes the upload. */
    S3Events.Upload put(String key, byte[] bytes) {
        var response = aws.s3().putObject(b -> b.bucket(aws.bucket()).key(key), RequestBody.fromBytes(bytes));
        return new S3Events.Upload(aws.region(), aws.bucket(), key, bytes.length, response.eTag(), response.versionId(),
                SEQUENCER.next(), Instant.now());
    }

    S3Events.Upload put(String key, String text) {
        return put(key, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Delivers an upload's ObjectCreated event; returns the report keys the handler wrote. */
    List<String> deliver(S3Events.Upload upload) {
        return deliver(S3Events.putEventJson(upload));
    }

    List<String> deliver(String eventJson) {
        return handler.handleRequest(S3Events.load(eventJson), context(Duration.ofMinutes(15)));
    }

    /**
     * Until the test ends, every handler on these emulators (those made with
     * {@link #dynamoThrough} too) runs as an Intake from before the check on unfinished writers
     * ({@link WithoutWriterCheck}): for tests of what still guards against such an Intake's writes.
     */
    void withoutWriterCheck() {
        withoutWriterCheck.turn(true);
    }

    static LocalContext context(Duration timeout) {
        return new LocalContext("us-east-1", timeout, Clock.systemUTC(), new PrintStream(new ByteArrayOutputStream()));
    }

    /**
     * A Lambda context whose remaining time runs out after a number of checks, not of seconds: its
     * clock stands still for that many readings (one of them the context's own, for its deadline),
     * and the handler's look at the invocation's start, then jumps past the deadline.
     */
    static LocalContext countdownContext(long checks) {
        return contextWhoseClockJumps(checks + 1, Duration.ofDays(1));
    }

    /**
     * A Lambda context that began with the function's whole timeout (the handler's look at the
     * start sees it) and has only {@code left} from the next look on: an invocation at its deadline.
     */
    static LocalContext contextLeaving(Duration left) {
        return contextWhoseClockJumps(2, LocalContext.DEFAULT_TIMEOUT.minus(left));
    }

    private static LocalContext contextWhoseClockJumps(long standingReadings, Duration jump) {
        var readingsLeft = new AtomicLong(standingReadings);
        var start = Instant.parse("2026-12-02T00:00:00Z");
        var clock = new Clock() {
            @Override
            public Instant instant() {
                return readingsLeft.decrementAndGet() >= 0 ? start : start.plus(jump);
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        return new LocalContext("us-east-1", LocalContext.DEFAULT_TIMEOUT, clock, new PrintStream(OutputStream.nullOutputStream()));
    }

    /** Uploads then delivers, and returns the report. */
    JsonNode importFile(String key, String text) {
        deliver(put(key, text));
        return report(key);
    }

    /**
     * PO-901 gets a line of two TORQ-WR-25 (two On Order records), and a Part Inventory file gives
     * the second record {@code serial}, as it may before receipt. Returns that record's id.
     */
    long onOrderRecordWithSerial(String org, String serial) {
        assertSucceeded(importFile(org + "/purchase-orders/setup.csv", "po_number,part_number,quantity,cost\nPO-901,TORQ-WR-25,2,10\n"));
        var onOrder = inventory(org).stream()
                .filter(line -> line.contains("\"TORQ-WR-25\"") && !line.contains("\"purchaseOrderLine\":null"))
                .map(Emulators::idOf).sorted().toList();
        if (onOrder.size() != 2) {
            throw new AssertionError("PO-901's line has " + onOrder.size() + " On Order records, not 2");
        }
        long last = onOrder.getLast();
        // the first unit gets one too: a lowered line gives up its records without a serial first (review "quantities"),
        // and the tests that lower the line to 1 are about the last one's, with its serial, going
        assertSucceeded(importFile(org + "/part-inventory/serial.csv", "id,serial_number\n" + onOrder.getFirst() + "," + serial
                + "-FIRST\n" + last + "," + serial + "\n"));
        return last;
    }

    /** The id of a record as {@link #inventory} lists it. */
    static long idOf(String inventoryLine) {
        return Long.parseLong(inventoryLine.replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
    }

    private static void assertSucceeded(JsonNode report) {
        if (!"SUCCEEDED".equals(report.get("status").asText())) {
            throw new AssertionError("not SUCCEEDED: " + report);
        }
    }

    JsonNode report(String key) {
        try {
            return JSON.readTree(text(key + ".report.json").orElseThrow(() -> new AssertionError("no report for " + key)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Optional<String> text(String key) {
        try {
            return Optional.of(aws.s3().getObjectAsBytes(b -> b.bucket(aws.bucket()).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    /** Loads a catalog file under another org, so every test can have a fresh tenant. */
    void loadCatalog(Path file, String org) throws Exception {
        // numbers as written: read as doubles, 2.5000…0 became 2.5 and 1e400 Infinity, and tests of
        // catalog numbers passed for the wrong reason (found by the review of numbers, 5 December 2026)
        var json = (ObjectNode) JSON.copy().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
                .readTree(Files.readString(file));
        json.put("org", org);
        new CatalogLoader(aws.dynamo(), aws.config()).load(CatalogFile.parse(json.toString()), file.toString());
    }

    /** The org's inventory, one public-shape JSON line per record. */
    List<String> inventory(String org) {
        return OrgScans.inventory(new DynamoInventoryStore(aws.dynamo(), aws.config().inventoryTable()), org)
                .map(record -> JsonText.encode(InventoryJson.of(record))).toList();
    }

    List<String> purchaseOrders(String org) {
        return OrgScans.purchaseOrders(new DynamoPurchaseOrderStore(aws.dynamo(), aws.config().purchaseOrdersTable()), org)
                .map(po -> JsonText.encode(PurchaseOrderJson.of(po))).toList();
    }

    /** The org's PO number claims: each number and the id of the PO holding it, sorted by number (not the traces). */
    Map<String, Long> poNumbers(String org) {
        var numbers = new java.util.TreeMap<String, Long>();
        aws.dynamo().scanPaginator(b -> b.tableName(aws.config().purchaseOrdersTable()).consistentRead(true)).items().stream()
                .filter(item -> item.get("shard").s().startsWith(org + "#") && item.get("sk").s().startsWith("number#"))
                .filter(item -> item.containsKey("poId")) // not the traces of numbers given up
                .forEach(item -> numbers.put(item.get("sk").s().substring("number#".length()), Long.parseLong(item.get("poId").n())));
        return numbers;
    }

    /** The serial each record of the org holds, in the form of {@link #serials}: what its claims should be. */
    List<String> heldSerials(String org) {
        return inventory(org).stream().filter(line -> !line.contains("\"serialNumber\":null"))
                .map(JSON_PART_SERIAL::matcher).filter(java.util.regex.Matcher::find)
                .map(m -> m.group(2) + " " + m.group(3) + " -> " + m.group(1)).sorted().toList();
    }

    /** The org's serial claims, one "partNumber serial -> id" line each, sorted (not the traces of serials given up). */
    List<String> serials(String org) {
        return aws.dynamo().scanPaginator(b -> b.tableName(aws.config().serialsTable()).consistentRead(true)).items().stream()
                .filter(item -> org.equals(item.get("org").s()) && SerialItems.held(item))
                .map(item -> item.get("partNumber").s() + " " + item.get("serialNumber").s() + " -> " + item.get("id").n())
                .sorted().toList();
    }

    /** Every item of the data tables (not the imports ledger), for "nothing changed" assertions. */
    Map<String, List<String>> dataTables() {
        var tables = new TreeMap<String, List<String>>();
        for (var table : List.of(aws.config().inventoryTable(), aws.config().catalogTable(), aws.config().purchaseOrdersTable(),
                aws.config().serialsTable())) {
            var items = new ArrayList<String>();
            aws.dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items()
                    .forEach(item -> items.add(new TreeMap<>(item).toString()));
            items.sort(Comparator.naturalOrder());
            tables.put(table, items);
        }
        return tables;
    }

    /** Every key in the bucket, sorted. */
    List<String> bucketKeys() {
        return aws.s3().listObjectsV2Paginator(b -> b.bucket(aws.bucket())).contents().stream()
                .map(S3Object::key).sorted().toList();
    }

    /**
     * The lease of each import of {@code key} that is live now runs out, as it would before
     * Lambda's retry: moved into the past in the imports table rather than waited for. Tests that
     * crash a delivery use it with {@link #LEASE_OF_CRASH_TESTS}: a lease long enough that a
     * healthy import on a loaded machine is never stopped by it (one-second leases did that: a
     * process stalled half a second, and the fence stopped an import nobody had crashed; found
     * by review on 6 December 2026), and no test waits it out.
     */
    void leaseRunsOut(String key) {
        var now = System.currentTimeMillis();
        for (var item : imports()) {
            var lease = item.get("leaseUntil");
            if (item.get("key").s().equals(key) && lease != null && Long.parseLong(lease.n()) > now) {
                aws.dynamo().updateItem(b -> b.tableName(aws.config().importsTable())
                        .key(Map.of("importId", item.get("importId")))
                        .updateExpression("SET leaseUntil = :past").conditionExpression("leaseUntil = :lease")
                        .expressionAttributeValues(Map.of(":past", AttributeValue.fromN(Long.toString(now - 1)), ":lease", lease)));
            }
        }
    }

    /** Moves the journal start of an import (its item, as read) a month and a day back, as if it had waited that long. */
    void journalBegunAMonthEarlier(Map<String, AttributeValue> claim) {
        var since = Instant.ofEpochSecond(Long.parseLong(claim.get("journalSince").n()));
        aws.dynamo().updateItem(b -> b.tableName(aws.config().importsTable())
                .key(Map.of("importId", claim.get("importId")))
                .updateExpression("SET journalSince = :since")
                .expressionAttributeValues(Map.of(":since", AttributeValue.fromN(
                        Long.toString(since.minus(Duration.ofDays(31)).getEpochSecond())))));
    }

    /** {@link #leaseRunsOut} for the key of the object an S3 event (JSON) names. */
    void leaseRunsOutForEvent(String event) {
        leaseRunsOut(S3Events.load(event).getRecords().getFirst().getS3().getObject().getUrlDecodedKey());
    }

    /**
     * The org's catalog-load lease, left by a load that died, runs out (a minute passes), as
     * {@link #leaseRunsOut} does for an import's claim.
     */
    void catalogLoadLeaseRunsOut(String org) {
        try {
            aws.dynamo().updateItem(b -> b.tableName(aws.config().catalogTable())
                    .key(Map.of("org", AttributeValue.fromS(org), "sk", AttributeValue.fromS(CatalogLoadLease.SORT_KEY)))
                    .updateExpression("SET leaseUntil = :past").conditionExpression("attribute_exists(sk)")
                    .expressionAttributeValues(Map.of(":past", AttributeValue.fromN("0"))));
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException givenBack) {
            // the load gave it back
        }
    }

    /** The imports table's import items (the history), without the undo-journal items beside them. */
    List<Map<String, AttributeValue>> imports() {
        return aws.dynamo().scanPaginator(b -> b.tableName(aws.config().importsTable()).consistentRead(true))
                .items().stream().filter(item -> DynamoImportLedger.isImport(item.get("importId").s())).toList();
    }

    /** {@link #reset}, then the acme sample catalog loaded: for tests of deliveries, whose data is beside the point. */
    void resetWithAcmeCatalog() throws Exception {
        reset();
        loadCatalog(ROOT.resolve("samples/acme/catalog.json"), "acme");
    }

    /**
     * Empties every table (id counters included) and the bucket without restarting the emulators,
     * for tests whose event files fix the org and the object, so they cannot use a fresh org.
     */
    void reset() {
        var config = aws.config();
        for (var table : List.of(config.inventoryTable(), config.catalogTable(), config.purchaseOrdersTable(),
                config.importsTable(), config.serialsTable())) {
            var keyNames = aws.dynamo().describeTable(b -> b.tableName(table)).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName).toList();
            var deletes = new ArrayList<WriteRequest>();
            aws.dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().forEach(item -> {
                var key = new HashMap<String, AttributeValue>();
                keyNames.forEach(name -> key.put(name, item.get(name)));
                deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(key)).build());
            });
            for (int from = 0; from < deletes.size(); from += 25) {
                Map<String, List<WriteRequest>> pending = Map.of(table, deletes.subList(from, Math.min(from + 25, deletes.size())));
                while (!pending.isEmpty()) {
                    var request = pending;
                    pending = aws.dynamo().batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
                }
            }
        }
        bucketKeys().forEach(key -> aws.s3().deleteObject(b -> b.bucket(aws.bucket()).key(key)));
    }

    @Override
    public void close() {
        if (aws != null) {
            aws.close();
            aws = null;
        }
    }
}
