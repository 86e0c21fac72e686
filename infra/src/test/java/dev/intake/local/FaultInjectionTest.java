package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import dev.intake.IntakeHandler;
import dev.intake.core.imports.DeadlineReachedException;
import dev.intake.local.FaultInjector.Fault;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Provokes each fault for real between the handler and the emulators, then delivers the event
 * again as Lambda's retry would, and checks the promise of docs/lifecycle.md: the tables end with
 * the file's records exactly once (equal to a clean import in another org), or with none, and the
 * report says which.
 */
class FaultInjectionTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    private static final String INVENTORY_FILE = inventoryFile(240);
    private static final String PO_FILE = """
            po_number,supplier,ship_to_location,part_number,quantity,cost
            PO-7001,Acme Metals,Receiving,TORQ-WR-25,30,10
            PO-7002,Orbital Electronics,Receiving,PCB-410,40,5
            PO-7001,Acme Metals,Receiving,CBL-330,12.5,2
            PO-7003,Pacific Fasteners,Stockroom A,FST-M3-10,1000,0.1
            PO-901,Pacific Fasteners,Stockroom A,FST-M3-10,250,0.12
            """;
    private static final AtomicInteger ORGS = new AtomicInteger();

    private static Emulators emulators;
    private static final FaultInjector faults = new FaultInjector();
    private static IntakeHandler faultyHandler;
    private static List<String> cleanInventory;
    private static List<String> cleanOrdersInventory;
    private static List<String> cleanOrders;

    private String org;
    private List<String> seeded;

    @BeforeAll
    static void start() throws Exception {
        // A one-second lease, so that a delivery after a simulated crash need not wait long to take over.
        emulators = Emulators.start(Map.of("INTAKE_LEASE_SECONDS", "1"));
        // What matters is what happens once the SDK gives up, not how long its budget is: three
        // attempts instead of the default, so throttling tests take seconds, not a minute.
        faultyHandler = new IntakeHandler(emulators.aws.config(), emulators.s3Through(faults),
                emulators.dynamoThrough(faults, 3));
        cleanInventory = cleanImport("part-inventory", INVENTORY_FILE, false);
        cleanOrdersInventory = cleanImport("purchase-orders", PO_FILE, false);
        cleanOrders = cleanImport("purchase-orders", PO_FILE, true);
    }

    @AfterAll
    static void stop() {
        emulators.close();
    }

    @BeforeEach
    void freshOrg() throws Exception {
        faults.clear();
        org = "faults" + ORGS.incrementAndGet();
        emulators.loadCatalog(CATALOG, org);
        seeded = emulators.inventory(org);
    }

    /**
     * The commit writes three chunks: each is a BatchWriteItem of undo-journal items, then a
     * TransactWriteItems of the records themselves. A crash before any of them is tried.
     */
    @ParameterizedTest(name = "crash before {0} #{1}")
    @CsvSource({"BatchWriteItem,0", "TransactWriteItems,0", "BatchWriteItem,1", "TransactWriteItems,1",
            "BatchWriteItem,2", "TransactWriteItems,2"})
    void deliver_crashAfterKthBatchThenRetried_endsWithTheFileOnce(String operation, int batchesBefore) throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter(operation, batchesBefore, Fault.CRASH, 1);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        Thread.sleep(1_100); // the crashed delivery's lease runs out, as it would before Lambda's retry

        var reports = deliver(event);

        assertThat(reports).hasSize(1);
        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
        assertThat(ledger(event).get("attempts").n()).isEqualTo("2");
    }

    @Test
    void deliver_throttledPastTheRetryBudgetThenRetried_endsWithTheFileOnce() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter("TransactWriteItems", 1, Fault.THROTTLE, 1_000);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(DynamoDbException.class).hasMessageContaining("Throttling");
        faults.clear();

        deliver(event); // no wait: the throttled delivery gave its lease back before failing

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    @Test
    void deliver_serverErrorsWithinTheRetryBudget_succeedsInOneDelivery() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter("TransactWriteItems", 1, Fault.SERVER_ERROR, 2);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    @Test
    void deliver_writeLandsButAnswerIsLost_sdkRetryRewritesTheSameItems() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter("TransactWriteItems", 1, Fault.SERVER_ERROR_AFTER_WRITE, 1);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    @Test
    void deliver_crashWhileClaiming_retryImportsTheFileOnce() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter("PutItem", 0, Fault.CRASH, 1);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    @Test
    void deliver_crashDuringValidationThenRetried_validatesAgainAndImportsOnce() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter("GetObject", 1, Fault.CRASH, 1);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("RUNNING");
        assertThat(emulators.inventory(org)).isEqualTo(seeded);
        Thread.sleep(1_100);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    @Test
    void deliver_s3ReadBreaksMidStreamThenRetried_endsWithTheFileOnce() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter("GetObject", 2, Fault.BROKEN_STREAM, 1);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(UncheckedIOException.class);
        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    @Test
    void deliver_invocationAboutToTimeOutMidCommit_stopsCleanlyAndTheRetryFinishes() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        // The deadline is checked once per row in the scan and validation passes, then once per
        // written chunk of 100 records: this runs out right after the commit's first chunk.
        var checks = 2 * rowCount(INVENTORY_FILE) + 2;

        assertThatThrownBy(() -> faultyHandler.handleRequest(S3Events.load(event), new CountdownContext(checks)))
                .isInstanceOf(DeadlineReachedException.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        assertThat(emulators.inventory(org)).isNotEqualTo(seeded).isNotEqualTo(cleanInventory);
        deliver(event); // the stopped delivery gave its lease back: the retry resumes at once

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    /**
     * The commit claims three new PO numbers (one TransactWriteItems each), writes the On Order
     * inventory (one more), then the POs and lines (one BatchWriteItem).
     */
    @ParameterizedTest(name = "crash before {0} #{1}")
    @CsvSource({"TransactWriteItems,0", "TransactWriteItems,2", "TransactWriteItems,3", "BatchWriteItem,0"})
    void deliver_purchaseOrdersCrashAfterKthBatchThenRetried_endsWithTheFileOnce(String operation, int batchesBefore)
            throws Exception {
        var event = upload("purchase-orders", PO_FILE);
        faults.failAfter(operation, batchesBefore, Fault.CRASH, 1);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        Thread.sleep(1_100);
        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.purchaseOrders(org)).isEqualTo(cleanOrders);
        assertThat(emulators.inventory(org)).isEqualTo(cleanOrdersInventory);
    }

    @Test
    void deliver_objectOverwrittenBeforeTheRead_importsTheVersionTheEventNames() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        emulators.put(org + "/part-inventory/file.csv", "part_number,quantity\nNOPE,1\n");

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    @Test
    void deliver_objectVersionDeletedBeforeTheRead_failsWithFileUnavailableAndWritesNothing() throws Exception {
        var upload = emulators.put(org + "/part-inventory/file.csv", INVENTORY_FILE);
        emulators.aws.s3().deleteObject(b -> b.bucket(upload.bucket()).key(upload.key()).versionId(upload.versionId()));
        var before = emulators.dataTables();

        deliver(S3Events.putEventJson(upload));

        var report = emulators.report(upload.key());
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("FILE_UNAVAILABLE");
        assertThat(emulators.dataTables()).isEqualTo(before);
    }

    private static String inventoryFile(int creates) {
        var csv = new StringBuilder("id,part_number,serial_number,lot_number,quantity,location,autogenerate_serial,autogenerate_lot\n");
        csv.append("1001,,SB-0001,,1,Line 2,,\n"); // moves an assembly: its installed children follow
        csv.append("1007,,,,480,Stockroom A,,\n");
        for (int i = 0; i < creates; i++) {
            switch (i % 3) {
                case 0 -> csv.append(",FST-M3-10,,,").append(i + 1).append(",Stockroom A,,\n");
                case 1 -> csv.append(",PCB-410,,,1,Receiving,true,\n");
                default -> csv.append(",BRKT-220,,,5,Stockroom A,,yes\n");
            }
        }
        return csv.toString();
    }

    private static int rowCount(String csv) {
        return (int) csv.lines().count() - 1;
    }

    private static List<String> cleanImport(String importer, String csv, boolean orders) throws Exception {
        var cleanOrg = "clean" + ORGS.incrementAndGet();
        emulators.loadCatalog(CATALOG, cleanOrg);
        var key = cleanOrg + "/" + importer + "/file.csv";
        emulators.deliver(emulators.put(key, csv));
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
        return orders ? emulators.purchaseOrders(cleanOrg) : emulators.inventory(cleanOrg);
    }

    private String upload(String importer, String csv) {
        return S3Events.putEventJson(emulators.put(org + "/" + importer + "/file.csv", csv));
    }

    private static List<String> deliver(String event) {
        return faultyHandler.handleRequest(S3Events.load(event), Emulators.context(java.time.Duration.ofMinutes(15)));
    }

    private String status(String event) {
        return emulators.report(key(event)).get("status").asText();
    }

    private static String key(String event) {
        return S3Events.load(event).getRecords().getFirst().getS3().getObject().getUrlDecodedKey();
    }

    private Map<String, AttributeValue> ledger(String event) {
        return emulators.imports().stream().filter(item -> item.get("key").s().equals(key(event)))
                .findFirst().orElseThrow();
    }

    /** A Lambda context whose remaining time runs out after a number of checks, not of seconds. */
    private static final class CountdownContext implements Context {
        private final AtomicLong checksLeft;

        CountdownContext(long checks) {
            this.checksLeft = new AtomicLong(checks);
        }

        @Override
        public int getRemainingTimeInMillis() {
            return checksLeft.decrementAndGet() > 0 ? 15 * 60_000 : 1_000;
        }

        @Override
        public String getAwsRequestId() {
            return "countdown";
        }

        @Override
        public String getLogGroupName() {
            return "local";
        }

        @Override
        public String getLogStreamName() {
            return "local";
        }

        @Override
        public String getFunctionName() {
            return "IntakeFunction";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:us-east-1:000000000000:function:IntakeFunction";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 2048;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
