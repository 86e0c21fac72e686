package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.IntakeConfig;
import dev.intake.IntakeHandler;
import dev.intake.aws.SerialItems;
import dev.intake.aws.CatalogItems;
import dev.intake.aws.JournalsBeforeTraces;
import dev.intake.aws.Shards;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.TrackingType;
import dev.intake.core.csv.CsvLimits;
import dev.intake.core.imports.DeadlineReachedException;
import dev.intake.core.imports.ImportProgress;
import dev.intake.core.imports.LeaseRunningOutException;
import dev.intake.core.imports.ProgressListener;
import dev.intake.local.FaultInjector.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;
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
    private static final String INVENTORY_FILE = inventoryFile(720);
    /**
     * What a call that writes inventory records names, and a journal append (its entries packed)
     * does not: a refusal aimed at the k-th BatchWriteItem of records used to hit a journal append
     * now and then, when the importer's append came between units in flight (then thrown on).
     */
    private static final String RECORDS = "partNumber";
    private static final String LARGE_FILE = inventoryFile(1_000);
    private static final String PO_FILE = """
            po_number,supplier,ship_to_location,part_number,quantity,cost
            PO-7001,Acme Metals,Receiving,TORQ-WR-25,30,10
            PO-7002,Orbital Electronics,Receiving,PCB-410,40,5
            PO-7001,Acme Metals,Receiving,CBL-330,12.5,2
            PO-7003,Pacific Fasteners,Stockroom A,FST-M3-10,1000,0.1
            PO-901,Pacific Fasteners,Stockroom A,FST-M3-10,250,0.12
            """;
    /** Stored POs for {@link #REVISION} to revise: a serial line of 5 and one of 3, with On Order records. */
    private static final String REVISED_SEED = """
            po_number,supplier,ship_to_location,part_number,quantity,cost
            PO-7100,Acme Metals,Receiving,TORQ-WR-25,5,10
            PO-7100,Acme Metals,Receiving,CBL-330,10,2
            PO-7100,Acme Metals,Receiving,PCB-410,3,5
            PO-7100,Acme Metals,Receiving,FST-M3-10,100,0.1
            PO-7102,Acme Metals,Receiving,TORQ-WR-25,2,10
            """;
    /** Moves PO-7100, lowers one serial line and raises another, one line to 0, one added; renames PO-901; a new PO. */
    private static final String REVISION = """
            po_number,original_po_number,supplier,ship_to_location,part_number,quantity,cost
            PO-7100,,Acme Metals,Stockroom A,TORQ-WR-25,2,11
            PO-7100,,Acme Metals,Stockroom A,CBL-330,20,2
            PO-7100,,Acme Metals,Stockroom A,PCB-410,6,5
            PO-7100,,Acme Metals,Stockroom A,FST-M3-10,0,0.1
            PO-7100,,Acme Metals,Stockroom A,BRKT-220,4,3
            PO-951,PO-901,Pacific Fasteners,Stockroom A,FST-M3-10,40,0.12
            PO-7101,,Acme Metals,Receiving,TORQ-WR-25,2,10
            """;
    /** 99 new POs, then the stored PO-901 renamed to PO-9901: the rename's claim is number write 100. */
    private static final String RENAME_FILE = "po_number,original_po_number,supplier,ship_to_location,part_number,quantity,cost\n"
            + java.util.stream.IntStream.range(0, 99).mapToObj(i -> "PO-8" + String.format("%03d", i)
                    + ",,Acme Metals,Receiving,TORQ-WR-25,3,10\n").collect(java.util.stream.Collectors.joining())
            + "PO-9901,PO-901,Pacific Fasteners,Stockroom A,,,\n";
    /** 34 POs of 11 lines each, two pages; no line creates inventory, so the journal holds only PO items. */
    private static final String TWO_PAGE_POS = "po_number,supplier,ship_to_location,part_number,quantity,cost\n"
            + java.util.stream.IntStream.range(0, 34 * 11).mapToObj(i -> "PO-6" + String.format("%03d", i / 11)
                    + ",Acme Metals,Receiving,SVC-CAL,1,100\n").collect(java.util.stream.Collectors.joining());
    /** A row for each of those POs: one of its lines now for two. */
    private static final String TWO_PAGE_PO_CHANGES = "po_number,supplier,ship_to_location,part_number,quantity,cost\n"
            + java.util.stream.IntStream.range(0, 34).mapToObj(i -> "PO-6" + String.format("%03d", i)
                    + ",Acme Metals,Receiving,SVC-CAL,2,100\n").collect(java.util.stream.Collectors.joining());
    /** Another file's change to the last of those POs: its first line for seven. */
    private static final String ANOTHER_FILES_CHANGE = "po_number,part_number,quantity,cost\nPO-6033,SVC-CAL,7,100\n";
    private static final AtomicInteger ORGS = new AtomicInteger();

    /** A lease no loaded machine runs out by accident; a crashed delivery's is moved into the past ({@link #leaseRunsOut}). */
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", Emulators.LEASE_OF_CRASH_TESTS));
    @RegisterExtension
    static final FaultInjector faults = new FaultInjector();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the faulty handler reported of its undos, in order (every report: no interval). */
    private static final List<ImportProgress> UNDO_PROGRESS = new CopyOnWriteArrayList<>();
    private static IntakeHandler faultyHandler;
    private static List<String> cleanInventory;
    private static List<String> cleanSerials;
    private static List<String> cleanLarge;
    private static List<String> cleanOrdersInventory;
    private static List<String> cleanOrders;
    private static Map<String, Long> cleanRenameNumbers;
    private static List<String> cleanTwoPagePos;

    private String org;
    private List<String> seeded;

    @BeforeAll
    static void importCleanCopies() throws Exception {
        // What matters is what happens once the SDK gives up, not how long its budget is: three
        // attempts instead of the default, so throttling tests take seconds, not a minute.
        faultyHandler = new IntakeHandler(emulators.aws.config(), emulators.s3Through(faults),
                emulators.dynamoThrough(faults, 3), ProgressListener.every(Duration.ZERO, progress -> {
                    if (progress.phase() == ImportProgress.Phase.ROLLING_BACK) {
                        UNDO_PROGRESS.add(progress);
                    }
                }));
        cleanInventory = cleanImport("part-inventory", INVENTORY_FILE, false);
        cleanSerials = emulators.serials(lastCleanOrg);
        cleanLarge = cleanImport("part-inventory", LARGE_FILE, false);
        cleanOrdersInventory = cleanImport("purchase-orders", PO_FILE, false);
        cleanOrders = cleanImport("purchase-orders", PO_FILE, true);
        cleanImport("purchase-orders", RENAME_FILE, true);
        cleanRenameNumbers = emulators.poNumbers(lastCleanOrg);
        cleanImport("purchase-orders", TWO_PAGE_POS, true);
        importInto(lastCleanOrg, "other.csv", ANOTHER_FILES_CHANGE);
        importInto(lastCleanOrg, "changes.csv", TWO_PAGE_PO_CHANGES);
        cleanTwoPagePos = emulators.purchaseOrders(lastCleanOrg);
    }

    @BeforeEach
    void freshOrg() throws Exception {
        faults.clear();
        UNDO_PROGRESS.clear();
        org = "faults" + ORGS.incrementAndGet();
        emulators.loadCatalog(CATALOG, org);
        seeded = emulators.inventory(org);
    }

    /**
     * The commit of the inventory file: its up-front journal (BatchWriteItem to the imports table),
     * three units of creates (300, 300 and 120 rows, a unit closing when its rows' serial claims
     * reach 100; BatchWriteItems of 25, with up to four units out at once), each unit's serial
     * claims of the autogenerated serials (TransactWriteItems), and one transaction of updates. A
     * crash before the k-th call of either kind, with other units in flight, is finished by the retry:
     * a resumed commit, or, for a crash while journaling (before the import is marked COMMITTING),
     * the file validated again.
     */
    @ParameterizedTest(name = "crash before {0} #{1}")
    @CsvSource({"BatchWriteItem,0,RUNNING", "BatchWriteItem,1,COMMITTING", "BatchWriteItem,3,COMMITTING",
            "BatchWriteItem,6,COMMITTING", "BatchWriteItem,9,COMMITTING", "TransactWriteItems,0,COMMITTING",
            "TransactWriteItems,1,COMMITTING", "TransactWriteItems,2,COMMITTING", "TransactWriteItems,3,COMMITTING"})
    void deliver_crashAfterKthBatchThenRetried_endsWithTheFileOnce(String operation, int batchesBefore, String crashedIn)
            throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter(operation, batchesBefore, Fault.CRASH, 1);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo(crashedIn);
        leaseRunsOut(event); // the crashed delivery's lease runs out, as it would before Lambda's retry

        var reports = deliver(event);

        assertThat(reports).hasSize(1);
        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
        assertThat(emulators.serials(org)).isEqualTo(cleanSerials);
        assertThat(ledger(event).get("attempts").n()).isEqualTo("2");
    }

    /** A thousand creates: about forty BatchWriteItems, many out at once when the crash comes. */
    @ParameterizedTest(name = "crash before BatchWriteItem #{0} of a large file")
    @CsvSource({"7", "23", "36"})
    void deliver_crashWithManyBatchesInFlightThenRetried_endsWithTheFileOnce(int batchesBefore) throws Exception {
        var event = upload("part-inventory", LARGE_FILE);
        faults.failAfter("BatchWriteItem", batchesBefore, Fault.CRASH, 1);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        leaseRunsOut(event); // once the crashed delivery's calls in flight have landed
        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanLarge);
    }

    /**
     * As above, the crashed delivery holding a one-second lease, and its retry coming once that has
     * run out by the clock, with no wait for the crashed delivery's calls still in flight: they may
     * land during the retry, and its other threads are stopped by its lease fence. (The class's
     * lease is 20 seconds since 6 December 2026; this case kept what the one-second lease tested,
     * found by review.) Under load the crashed delivery may stop on its lease before the crash.
     */
    @Test
    void deliver_crashWithManyBatchesInFlightThenRetriedOnceItsOneSecondLeaseRanOut_endsWithTheFileOnce() throws Exception {
        var event = upload("part-inventory", LARGE_FILE);
        faults.failAfter("BatchWriteItem", 23, Fault.CRASH, 1);

        var died = catchThrowable(() -> withLease(Duration.ofSeconds(1))
                .handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15))));
        Thread.sleep(1_100); // by the clock: what was in flight may still be landing
        deliver(event);

        assertThat(died).isInstanceOfAny(FaultInjector.SimulatedCrash.class, LeaseRunningOutException.class);
        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanLarge);
    }

    @Test
    void deliver_dynamoLeavesHalfOfEveryBatchUnprocessed_everyItemWrittenInOneDelivery() throws Exception {
        var event = upload("part-inventory", LARGE_FILE);
        faults.failAfter("BatchWriteItem", 0, Fault.UNPROCESSED, 1_000);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanLarge);
        assertThat(faults.calls()).as("every batch was sent again for its unprocessed half").isGreaterThan(80);
    }

    @Test
    void deliver_batchWritesThrottledWithinTheRetryBudget_succeedsInOneDelivery() throws Exception {
        var event = upload("part-inventory", LARGE_FILE);
        faults.failAfter("BatchWriteItem", 2, Fault.THROTTLE, 2);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanLarge);
    }

    @Test
    void deliver_batchWritesThrottledPastTheRetryBudgetThenRetried_endsWithTheFileOnce() throws Exception {
        var event = upload("part-inventory", LARGE_FILE);
        faults.failAfter("BatchWriteItem", 3, Fault.THROTTLE, 1_000);

        assertThatThrownBy(() -> deliver(event)).satisfies(FaultInjectionTest::throttledOrOutOfLease);
        faults.clear();

        deliver(event); // no wait: the throttled delivery gave its lease back before failing

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanLarge);
    }

    /**
     * Review (dynamo), 6 December 2026: on AWS a transaction throttled while an on-demand table
     * scales is cancelled with reason ThrottlingError (TransactionCanceledException, which the SDK
     * does not retry), not a ThrottlingException. It is backed off and sent again, as a
     * TransactionConflict is and as a throttled BatchWriteItem is; DynamoBatches.transact threw it at
     * once, failing the invocation (DynamoDB Local never cancels for capacity).
     */
    @Test
    void deliver_commitTransactionCancelledOnceForThrottling_succeedsInOneDelivery() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter("TransactWriteItems", 1, Fault.CANCELLED_THROTTLED, 1);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    @Test
    void deliver_throttledPastTheRetryBudgetThenRetried_endsWithTheFileOnce() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter("TransactWriteItems", 1, Fault.THROTTLE, 1_000);

        assertThatThrownBy(() -> deliver(event)).satisfies(FaultInjectionTest::throttledOrOutOfLease);
        faults.clear();

        deliver(event); // no wait: the throttled delivery gave its lease back before failing

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    /**
     * A delivery throttled past the SDK's retries fails, for Lambda to retry it. Its backoff takes
     * seconds, in which its lease must be renewed: on a loaded machine the renewal may lag, and
     * the delivery then stops on its lease before the last throttle (seen once in a full run on 5
     * December 2026, with the one-second lease of then). Either way it fails having given its
     * lease back.
     */
    private static void throttledOrOutOfLease(Throwable thrown) {
        if (!(thrown instanceof LeaseRunningOutException)) {
            assertThat(thrown).isInstanceOf(DynamoDbException.class).hasMessageContaining("Throttling");
        }
    }

    /**
     * DynamoDB refuses a write mid-commit for what it holds (a ValidationException, as for an item
     * past 400 KB; validation keeps such rows out, so it is injected here): a unit of creates, or a
     * transaction of serial claims, with other units landed before it. The import is undone and
     * fails naming the refused rows, in one delivery: no retry could help.
     */
    @ParameterizedTest(name = "{0} #{1} refused")
    @CsvSource({"BatchWriteItem,3", "BatchWriteItem,9", "TransactWriteItems,1"})
    void deliver_dynamoRefusesAWriteMidCommit_failedWithWriteRefusedAndUndone(String operation, int passing)
            throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        var serialsBefore = emulators.serials(org);
        faults.failAfter(operation, RECORDS, passing, Fault.REFUSED, 1);

        var reports = deliver(event);

        assertThat(reports).hasSize(1);
        var report = emulators.report(key(event));
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        var error = report.get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("WRITE_REFUSED");
        assertThat(error.get("column").isNull()).isTrue();
        assertThat(error.get("rows").size()).isPositive();
        assertThat(error.get("row").asInt()).isBetween(2, rowCount(INVENTORY_FILE) + 1);
        assertThat(error.get("message").asText()).contains("DynamoDB refused", "injected ValidationException", "undone");
        assertThat(emulators.inventory(org)).isEqualTo(seeded);
        assertThat(emulators.serials(org)).isEqualTo(serialsBefore);
        assertThat(ledger(event).get("status").s()).isEqualTo("FAILED");
        // found by review (5 Dec 2026): an undo reported no progress, its last line saying "committing" for minutes
        assertThat(UNDO_PROGRESS).as("progress reports of the undo").isNotEmpty().last()
                .satisfies(last -> assertThat(last.rowsDone()).isEqualTo(last.rowsTotal()).isPositive());
    }

    /**
     * The delivery that met the refusal dies while undoing, after some of the deletes of created
     * records and their serial claims: the retry finishes the undo (no claim is left that no
     * record leads to) and reports the refusal, not a conflict, which would tell the user to
     * import the same file again.
     */
    @ParameterizedTest(name = "crash before DeleteItem #{0} of the undo")
    @ValueSource(ints = {0, 1, 2, 5})
    void deliver_crashWhileUndoingARefusedWriteThenRetried_undoneAndFailedWithWriteRefused(int deletesBefore)
            throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        var serialsBefore = emulators.serials(org);
        faults.failThenFail("BatchWriteItem", RECORDS, 6, Fault.REFUSED, "DeleteItem", deletesBefore, Fault.CRASH);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("ROLLING_BACK");
        leaseRunsOut(event); // the crashed delivery's lease runs out, as it would before Lambda's retry

        var reports = deliver(event);

        assertThat(reports).hasSize(1);
        var report = emulators.report(key(event));
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("errors")).hasSize(1);
        var error = report.get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("WRITE_REFUSED");
        assertThat(error.get("column").isNull()).isTrue();
        assertThat(error.get("rows").size()).isPositive();
        assertThat(error.get("row").asInt()).isEqualTo(error.get("rows").get(0).asInt()).isBetween(2, rowCount(INVENTORY_FILE) + 1);
        assertThat(error.get("message").asText()).contains("DynamoDB refused", "injected ValidationException", "undone");
        assertThat(emulators.inventory(org)).isEqualTo(seeded);
        assertThat(emulators.serials(org)).isEqualTo(serialsBefore);
        assertThat(ledger(event).get("status").s()).isEqualTo("FAILED");
        assertThat(ledger(event).get("attempts").n()).isEqualTo("2");
    }

    /**
     * A delivery that finishes an interrupted undo reports what the first delivery would have
     * (lifecycle.md), the file's rows included. It used to count none ({@code counts.rows} 0, and
     * {@code rows} 0 in the history), as if the file had failed before its rows were read (found
     * by review, with real processes killed with SIGKILL while ROLLING_BACK).
     */
    @Test
    void deliver_crashWhileUndoingThenRetried_reportCountsTheRowsOfTheFile() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failThenFail("BatchWriteItem", RECORDS, 6, Fault.REFUSED, "DeleteItem", 1, Fault.CRASH);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("ROLLING_BACK");
        leaseRunsOut(event); // the crashed delivery's lease runs out, as it would before Lambda's retry

        deliver(event);

        var report = emulators.report(key(event));
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("WRITE_REFUSED");
        assertThat(report.get("counts").get("rows").asInt()).isEqualTo(rowCount(INVENTORY_FILE));
        assertThat(ledger(event).get("rows").n()).isEqualTo(String.valueOf(rowCount(INVENTORY_FILE)));
    }

    /**
     * The undo deletes a created PO's header and its pages one DeleteItem each, many at once, so a
     * delivery killed mid-undo leaves pages whose header is gone until the retry finishes the undo.
     * Listing the org's POs ({@code ./intake dump}, {@code ./intake export}) skips them. It used to
     * list such a page's lines under the PO before it in key order, another import's: a PO of 4
     * lines showed 8, and its export rows doubled (found by review, with real processes killed with
     * SIGKILL while ROLLING_BACK). Here the state is made by deleting one created PO's header.
     */
    @Test
    void listPurchaseOrders_pageLeftWithoutItsHeaderByAKilledUndo_linesNotGivenToAnotherPo() throws Exception {
        var event = upload("purchase-orders", PO_FILE);
        deliver(event);
        assertThat(status(event)).isEqualTo("SUCCEEDED");
        var before = emulators.purchaseOrders(org);
        var table = emulators.aws.config().purchaseOrdersTable();
        var header = emulators.aws.dynamo().scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                .filter(item -> Shards.all(org).contains(item.get("shard").s()) && item.containsKey("poNumber")
                        && item.get("poNumber").s().equals("PO-7002") && item.get("sk").s().startsWith("po#"))
                .findFirst().orElseThrow();

        emulators.aws.dynamo().deleteItem(b -> b.tableName(table)
                .key(Map.of("shard", header.get("shard"), "sk", header.get("sk"))));

        var after = emulators.purchaseOrders(org);
        assertThat(after).noneMatch(po -> po.contains("\"poNumber\":\"PO-7002\""));
        assertThat(before).containsAll(after); // every PO still listed has exactly the lines it had
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

    /**
     * A claim is a transaction with its key's newest upload; one conflicting with another
     * delivery's on the same key is tried again, backing off (the SDK does not retry a cancelled
     * transaction), and only a conflict past every try (five) fails the invocation, for Lambda's retry.
     */
    @ParameterizedTest(name = "{0} conflicts")
    @ValueSource(ints = {1, 4})
    void deliver_claimConflictingWithAnotherTransaction_triedAgainAndImportedOnce(int conflicts) throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter("PutItem", 0, Fault.CANCELLED_CONFLICT, conflicts);

        deliver(event);

        assertThat(faults.calls()).isEqualTo(conflicts + 1);
        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    /**
     * A fault no retry within the delivery gets past (a crash while claiming, a claim conflicting
     * past every try, an S3 read breaking midway): the invocation fails, and Lambda's retry
     * imports the file once.
     */
    @ParameterizedTest(name = "{2} at {0} #{1}")
    @CsvSource({"PutItem,0,CRASH,1,dev.intake.local.FaultInjector$SimulatedCrash",
            "PutItem,0,CANCELLED_CONFLICT,5,software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException",
            "GetObject,2,BROKEN_STREAM,1,java.io.UncheckedIOException"})
    void deliver_faultFailingTheInvocationThenRetried_importsTheFileOnce(String operation, int passing, Fault fault,
                                                                          int times, Class<?> thrown) throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter(operation, passing, fault, times);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(thrown);
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
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    @Test
    void deliver_invocationAboutToTimeOutMidCommit_stopsCleanlyAndTheRetryFinishes() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        // The deadline is checked once per row in each pass: this runs out 450 rows into the commit,
        // with a unit of creates (300 rows) landed and the next in flight.
        var checks = 2 * rowCount(INVENTORY_FILE) + 450;

        assertThatThrownBy(() -> faultyHandler.handleRequest(S3Events.load(event), Emulators.countdownContext(checks)))
                .isInstanceOf(DeadlineReachedException.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        assertThat(emulators.inventory(org)).isNotEqualTo(seeded).isNotEqualTo(cleanInventory);
        deliver(event); // the stopped delivery gave its lease back: the retry resumes at once

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    /**
     * The commit journals the stored PO and its On Order inventory (BatchWriteItem), claims the
     * three new PO numbers (one TransactWriteItems), then writes the new POs, their lines and On
     * Order inventory in bulk (BatchWriteItems) and the stored PO conditionally (TransactWriteItems).
     */
    @ParameterizedTest(name = "crash before {0} #{1}")
    @CsvSource({"BatchWriteItem,0", "TransactWriteItems,0", "BatchWriteItem,1", "BatchWriteItem,2",
            "TransactWriteItems,1"})
    void deliver_purchaseOrdersCrashAfterKthBatchThenRetried_endsWithTheFileOnce(String operation, int batchesBefore)
            throws Exception {
        var event = upload("purchase-orders", PO_FILE);
        faults.failAfter(operation, batchesBefore, Fault.CRASH, 1);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        leaseRunsOut(event);
        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.purchaseOrders(org)).isEqualTo(cleanOrders);
        assertThat(emulators.inventory(org)).isEqualTo(cleanOrdersInventory);
    }

    /**
     * A file revising stored POs (written by review "crashpo" on 6 December 2026, which swept every
     * write call and found all held; these are a few of them): PO-7100 moved to another location
     * (every On Order record follows), its serial line lowered from 5 to 2 (three records deleted,
     * their serials freed), another raised from 3 to 6 (records created), one set to 0 and one
     * added, the seeded PO-901 renamed and lowered, and a new PO. A crash at any write of the
     * commit is finished by the retry exactly as a clean import of the file leaves the org.
     */
    @ParameterizedTest(name = "crash before {0} #{1}")
    @CsvSource({"BatchWriteItem,1", "BatchWriteItem,3", "TransactWriteItems,0", "TransactWriteItems,1", "TransactWriteItems,2"})
    void deliver_poFileRevisingStoredPosCrashAfterKthWriteThenRetried_endsAsACleanImport(String operation, int callsBefore)
            throws Exception {
        var clean = "clean" + ORGS.incrementAndGet();
        emulators.loadCatalog(CATALOG, clean);
        importInto(clean, "seed.csv", REVISED_SEED);
        importInto(clean, "revision.csv", REVISION);
        importInto(org, "seed.csv", REVISED_SEED);
        var event = upload("purchase-orders", REVISION);
        faults.failAfter(operation, callsBefore, Fault.CRASH, 1);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        leaseRunsOut(event);
        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.purchaseOrders(org)).isEqualTo(emulators.purchaseOrders(clean));
        assertThat(emulators.inventory(org)).isEqualTo(emulators.inventory(clean));
        assertThat(emulators.serials(org)).isEqualTo(emulators.serials(clean));
        assertThat(emulators.poNumbers(org)).isEqualTo(emulators.poNumbers(clean));
    }

    /**
     * The claims of PO numbers go out as two transactions here (100 claims, the rename's claim of
     * PO-9901 the 100th), and PO-901 is given up later, with PO-901's header. A crash before
     * either transaction is finished by the retry: PO-9901 held and PO-901 given up, as a clean
     * import leaves them. (Once the release went with the claims, and a crash between the two
     * transactions left both numbers held.)
     */
    @ParameterizedTest(name = "crash before TransactWriteItems #{0}")
    @ValueSource(ints = {0, 1})
    void deliver_crashAmongTheNumberClaimsOfARenameThenRetried_newNumberHeldAndOldReleased(int transactionsBefore)
            throws Exception {
        var event = upload("purchase-orders", RENAME_FILE);
        faults.failAfter("TransactWriteItems", transactionsBefore, Fault.CRASH, 1);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        leaseRunsOut(event);
        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(cleanRenameNumbers).containsKey("PO-9901").doesNotContainKey("PO-901").hasSize(101);
        assertThat(emulators.poNumbers(org)).isEqualTo(cleanRenameNumbers);
    }

    /**
     * The up-front journal of 34 stored POs of two pages each (102 entries) is two journal items in
     * one BatchWriteItem: the first lands, with the header of the 34th PO as its last entry, and the
     * function dies sending the second. The journal is written before the import is marked
     * COMMITTING, so nothing of the file was written and the retry validates it again, on the data
     * as another file has left it meanwhile. A retry that resumed on the half journal once took
     * that PO as having no lines (its line changes then conflicted with its own pages), and took
     * what the journal lacked as stored now (it would have written over the other file's change
     * unchecked).
     */
    @Test
    void deliver_crashWithTheUpFrontJournalHalfWrittenThenAnotherFileThenRetried_validatesAgainOnTheDataAsItIsNow()
            throws Exception {
        importInto(org, "seed.csv", TWO_PAGE_POS);
        var event = upload("purchase-orders", TWO_PAGE_PO_CHANGES);
        faults.halfWrittenThenCrash(0);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("journalItems").n()).isEqualTo("2");
        assertThat(ledger(event).get("status").s()).isEqualTo("RUNNING");
        importInto(org, "other.csv", ANOTHER_FILES_CHANGE);
        leaseRunsOut(event);
        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.purchaseOrders(org)).isEqualTo(cleanTwoPagePos);
        // the journal started over: the retry's two items, after the two of the first attempt
        assertThat(ledger(event).get("journalFrom").n()).isEqualTo("2");
        assertThat(ledger(event).get("journalItems").n()).isEqualTo("4");
    }

    /**
     * The first delivery journals and dies before sending the number claims; another file then
     * creates PO-7001. The retry resumes on the journal, which says the file found no PO-7001: it
     * stays a new PO, whose claim fails, as it would have in one go. (A resume that read the POs
     * the journal lacked from the table made the file an update of the other file's PO.)
     */
    @Test
    void deliver_numberTakenByAnotherImportBeforeTheResume_failsWithPoNumberTakenAndWritesNothing() throws Exception {
        var event = upload("purchase-orders", PO_FILE);
        faults.failAfter("TransactWriteItems", 0, Fault.CRASH, 1);

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        importInto(org, "other.csv", "po_number,supplier,ship_to_location,part_number,quantity,cost\n"
                + "PO-7001,Orbital Electronics,Receiving,PCB-410,7,5\n");
        var ordersAfterOther = emulators.purchaseOrders(org);
        var inventoryAfterOther = emulators.inventory(org);
        leaseRunsOut(event);
        deliver(event);

        var report = emulators.report(key(event));
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        var error = report.get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("PO_NUMBER_TAKEN");
        assertThat(error.get("row").asInt()).isEqualTo(2);
        assertThat(error.get("column").asText()).isEqualTo("po_number");
        assertThat(emulators.purchaseOrders(org)).isEqualTo(ordersAfterOther);
        assertThat(emulators.inventory(org)).isEqualTo(inventoryAfterOther);
    }

    /**
     * Row 2 gives 1012 a new serial (PCB-1850 given up), row 3 creates a record with PCB-1850 (rows
     * apply in file order). Both land, then the function dies before its report. The retry sends
     * row 2 again: its release of PCB-1850, conditional on 1012 holding it, met row 3's claim and
     * the file failed with DUPLICATE_SERIAL, "taken by another import" (found by review). The
     * release now also passes where this import holds the claim; row 3 takes it again after.
     */
    @Test
    void deliver_serialGivenUpThenTakenByALaterRow_crashAfterBothLandedThenRetried_succeeds() throws Exception {
        var csv = "id,part_number,serial_number,quantity\n1012,,PCB-9999,1\n,PCB-410,PCB-1850,1\n";
        var event = upload("part-inventory", csv);
        // just before the new record's claim goes out, arm a crash for the report's PutObject
        faults.interleaveBefore("TransactWriteItems", 1, () -> faults.failAfter("PutObject", 0, Fault.CRASH, 1));

        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        leaseRunsOut(event);
        deliver(event);

        var report = emulators.report(key(event));
        assertThat(report.get("status").asText()).as("%s", report.get("errors")).isEqualTo("SUCCEEDED");
        var serials = emulators.serials(org);
        assertThat(serials).contains("PCB-410 PCB-9999 -> 1012").noneMatch(line -> line.startsWith("PCB-410 PCB-1850 -> 1012"));
        assertThat(serials).filteredOn(line -> line.startsWith("PCB-410 PCB-1850 -> ")).hasSize(1);
    }

    /**
     * The file creates a PCB-410 with RES-1; its record and claim land, and the function dies at
     * its report. Another file changes that record's serial to RES-2 (the claim is there to give
     * up). The retry sends the create only where absent, so the record keeps the other file's
     * change, and it claims only the serial the record holds now: it used to claim RES-1 anyway,
     * for a record that no longer held it, and no file could give RES-1 to a PCB-410 again (found
     * by review).
     */
    @Test
    void deliver_createdRecordChangedBeforeTheResume_resumeClaimsOnlyTheSerialItHoldsNow() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        var event = upload("part-inventory", CREATES_RES_1);
        faults.interleaveBefore("TransactWriteItems", 0, () -> faults.failAfter("PutObject", 0, Fault.CRASH, 1));
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        long id = createdWith("RES-1");
        assertThat(emulators.serials(org)).contains("PCB-410 RES-1 -> " + id);
        assertThat(giveRes2(id)
                .get("status").asText()).isEqualTo("SUCCEEDED");
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertHoldsRes2AndRes1IsFree(id);
        assertThat(emulators.importFile(org + "/part-inventory/later.csv", "part_number,serial_number,quantity\nPCB-410,RES-1,1\n")
                .get("status").asText()).isEqualTo("SUCCEEDED");
    }

    /**
     * The file creates a PCB-410 with RES-1; the function dies after the record landed, before its
     * claim went out. Another file gives that record RES-2 meanwhile (there is no claim of RES-1 to
     * give up yet). The retry leaves the record as the other file left it, and its claim of RES-1
     * goes with a check that the record holds RES-1: it is left out, and RES-1 stays free.
     */
    @Test
    void deliver_createdRecordChangedBeforeItsClaimThenRetried_claimsOnlyTheSerialItHoldsNow() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        var event = upload("part-inventory", CREATES_RES_1);
        faults.failAfter("TransactWriteItems", 0, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        long id = createdWith("RES-1");
        assertThat(emulators.serials(org)).noneMatch(line -> line.startsWith("PCB-410 RES-1 "));
        assertThat(giveRes2(id)
                .get("status").asText()).isEqualTo("SUCCEEDED");
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertHoldsRes2AndRes1IsFree(id);
    }

    /**
     * The file creates a PCB-410 with RES-1; record and claim land, and the function dies before it
     * records that. The retry finds the record there, and just before it claims RES-1 again another file
     * gives the record RES-2 (giving RES-1 up). The retry's claim, on a record it had read before
     * that change, used to put RES-1 back (found by review); its check on the record leaves it out.
     */
    @Test
    void deliver_createdRecordChangedDuringTheRetryBeforeItsClaim_claimLeftOut() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        var event = upload("part-inventory", CREATES_RES_1);
        faults.interleaveBefore("TransactWriteItems", 0, FaultInjectionTest::crashBeforeTheLastProgress);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        long id = createdWith("RES-1");
        assertThat(emulators.serials(org)).contains("PCB-410 RES-1 -> " + id);
        leaseRunsOut(event);
        var other = new String[1];
        faults.interleaveBeforeCallNaming("TransactWriteItems", "RES-1", () -> other[0] = giveRes2(id).get("status").asText());

        deliver(event);

        assertThat(other[0]).isEqualTo("SUCCEEDED");
        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertHoldsRes2AndRes1IsFree(id);
    }

    /**
     * Arms a crash just before the commit records that every row landed: the function dies with
     * its last writes in, and the retry takes the rows since the started mark for uncertain.
     */
    private static void crashBeforeTheLastProgress() {
        faults.interleaveBeforeCallNaming("UpdateItem", "doneThroughRow", () -> {
            throw new FaultInjector.SimulatedCrash();
        });
    }

    /** A file creating one PCB-410 with RES-1. */
    private static final String CREATES_RES_1 = "part_number,serial_number,quantity,location\nPCB-410,RES-1,1,Receiving\n";

    /** Another file gives record {@code id} RES-2; its report. */
    private JsonNode giveRes2(long id) {
        return emulators.importFile(org + "/part-inventory/other.csv", "id,serial_number\n" + id + ",RES-2\n");
    }

    /** Record {@code id} holds RES-2 with its claim, and nothing claims RES-1. */
    private void assertHoldsRes2AndRes1IsFree(long id) {
        assertThat(emulators.inventory(org)).filteredOn(line -> line.startsWith("{\"id\":" + id + ",")).singleElement()
                .asString().contains("\"RES-2\"");
        assertThat(emulators.serials(org)).contains("PCB-410 RES-2 -> " + id).noneMatch(line -> line.startsWith("PCB-410 RES-1 "));
    }

    /** The id of the one record of the org holding {@code serial}: one the file created. */
    private long createdWith(String serial) {
        var created = emulators.inventory(org).stream().filter(line -> line.contains("\"" + serial + "\"")).toList();
        assertThat(created).as("the record landed before the crash").hasSize(1);
        return Emulators.idOf(created.getFirst());
    }

    /**
     * Row 2 gives up 1006's AVN-A-0003, 97 rows fill its transaction, row 100 gives AVN-A-0003 to
     * 1013. Both transactions land, the function dies before it records that they did, and another
     * file moves 1013.
     * The retry sends row 2's release again: AVN-A-0003 is 1013's claim now, so it is given up
     * already. Row 100 meets the other file's change and the file is undone; 1006 cannot have
     * AVN-A-0003 back while 1013 holds it. A release that deleted its own later row's claim there
     * once let the undo give it to 1006 too (found by review).
     */
    @Test
    void deliver_serialGivenToAStoredRecordThatAnotherFileUpdatesBeforeTheResume_noDuplicateSerial() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        var before = emulators.inventory(org);
        var setup = new StringBuilder("part_number,serial_number,quantity,location\n");
        for (int i = 1; i <= 97; i++) {
            setup.append("FST-M3-10,,").append(i).append(",Stockroom A\n");
        }
        assertThat(emulators.importFile(org + "/part-inventory/setup.csv", setup.toString()).get("status").asText())
                .isEqualTo("SUCCEEDED");
        var fillers = emulators.inventory(org).stream().filter(line -> !before.contains(line))
                .map(Emulators::idOf).toList();
        assertThat(fillers).hasSize(97);
        var csv = new StringBuilder("id,serial_number,quantity\n1006,AVN-X-1,1\n");
        fillers.forEach(id -> csv.append(id).append(",,500\n"));
        csv.append("1013,AVN-A-0003,1\n");
        var event = upload("part-inventory", csv.toString());
        faults.interleaveBefore("TransactWriteItems", 1, FaultInjectionTest::crashBeforeTheLastProgress);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.serials(org)).contains("AVN-100 AVN-A-0003 -> 1013");
        assertThat(emulators.importFile(org + "/part-inventory/other.csv", "id,location\n1013,Stockroom B\n")
                .get("status").asText()).isEqualTo("SUCCEEDED");
        leaseRunsOut(event);

        deliver(event);

        var error = emulators.report(key(event)).get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(error.get("row").asInt()).isEqualTo(100);
        assertThat(emulators.inventory(org)).filteredOn(line -> line.contains("\"AVN-A-0003\"")).singleElement()
                .asString().startsWith("{\"id\":1013,");
        assertThat(emulators.serials(org)).contains("AVN-100 AVN-A-0003 -> 1013");
        assertThat(emulators.inventory(org)).filteredOn(line -> line.startsWith("{\"id\":1006,")).singleElement()
                .asString().contains("\"AVN-X-1\"");
        assertThat(emulators.serials(org)).contains("AVN-100 AVN-X-1 -> 1006");
    }

    /**
     * Y renames PO-901 to PO-9901 and dies after its number claims, before its header write. Z
     * then names PO-9901, finds the PO by that number (the header still says PO-901) and changes
     * it; all of Z lands, then Z dies at its report. Z's retry finds the PO by PO-9901 again,
     * though its journal has the header as PO-901, and ends SUCCEEDED. It used to take PO-9901 for
     * a new PO, whose claim found the number taken: Z, all of whose writes had landed, was undone
     * and FAILED with PO_NUMBER_TAKEN (found by review).
     */
    @Test
    void deliver_poFoundByTheNumberAnInterruptedRenameClaimedThenCrashAtTheReport_resumeSucceeds() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        renamePo901ToPo9901AndDieBeforeTheHeader();
        var eventZ = S3Events.putEventJson(emulators.put(org + "/purchase-orders/z.csv", "po_number,po_description\nPO-9901,Set by Z\n"));
        faults.interleaveBefore("TransactWriteItems", 0, () -> faults.failAfter("PutObject", 0, Fault.CRASH, 1));
        assertThatThrownBy(() -> deliver(eventZ)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.purchaseOrders(org)).anySatisfy(po -> assertThat(po).contains("\"poNumber\":\"PO-9901\"", "Set by Z"));
        leaseRunsOut(eventZ);

        deliver(eventZ);

        assertThat(emulators.report(org + "/purchase-orders/z.csv").get("errors")).as("Z's report").isEmpty();
        assertThat(status(eventZ)).isEqualTo("SUCCEEDED");
    }

    /**
     * A PO file lowers PO-901's line from two units to one: its transaction (the header, the page,
     * the delete of the surplus On Order record R2, with its trace) lands, then the function dies
     * before it records that. Another file changes PO-901's header. The retry sends the row's
     * transaction again; it meets the other file's header and the import is undone. The undo finds
     * R2's trace and puts R2 back with the page. R2's delete in the failed transaction used to be
     * taken for one that never landed, and R2 stayed gone under a page of two units (found by review).
     */
    @Test
    void deliver_poFileDeletedAnOnOrderRecordThenCrashedAndAnotherFileChangedThePo_undoPutsTheRecordBack() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        var setup = "po_number,part_number,quantity,cost\nPO-901,TORQ-WR-25,2,10\n";
        var other = "po_number,po_description\nPO-901,Set by another file\n";
        importInto(org, "setup.csv", setup);
        var event = upload("purchase-orders", "po_number,part_number,quantity,cost\nPO-901,TORQ-WR-25,1,10\n");
        faults.interleaveBefore("TransactWriteItems", 0, FaultInjectionTest::crashBeforeTheLastProgress);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        importInto(org, "other.csv", other);
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("FAILED");
        var alone = "alone" + ORGS.incrementAndGet();
        emulators.loadCatalog(CATALOG, alone);
        importInto(alone, "setup.csv", setup);
        importInto(alone, "other.csv", other);
        assertThat(emulators.purchaseOrders(org)).isEqualTo(emulators.purchaseOrders(alone));
        assertThat(emulators.inventory(org)).as("the setup's On Order records, both").isEqualTo(emulators.inventory(alone));
    }

    /**
     * A PO file lowers PO-901's line from two units to one, deleting the On Order record that
     * holds OO-1, and its claim. It all lands, then the function dies at its report; another file,
     * run without the check on unfinished writers (as one whose check ran before the PO file gave
     * OO-1 up: otherwise OO-1's trace names the PO file, unfinished, and the file is refused),
     * creates a TORQ-WR-25 with OO-1, free now. The retry sends the claim's delete again: OO-1 is
     * the other record's, so it was given up already, and the file ends SUCCEEDED. That delete
     * once failed there, and the undo brought the PO's line back to two units without the
     * deleted record (found by review).
     */
    @Test
    void deliver_poFileDeletedAnOnOrderRecordWithASerialThenAnotherFileTookItBeforeTheResume_succeeds() throws Exception {
        long last = emulators.onOrderRecordWithSerial(org, "OO-1");
        var event = upload("purchase-orders", "po_number,part_number,quantity,cost\nPO-901,TORQ-WR-25,1,10\n");
        faults.interleaveBefore("TransactWriteItems", 0, () -> faults.failAfter("PutObject", 0, Fault.CRASH, 1));
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.inventory(org)).noneMatch(line -> line.startsWith("{\"id\":" + last + ","));
        emulators.withoutWriterCheck(); // as a file whose check ran before the release (above)
        var other = emulators.importFile(org + "/part-inventory/other.csv", "part_number,serial_number,quantity\nTORQ-WR-25,OO-1,1\n");
        assertThat(other.get("status").asText()).isEqualTo("SUCCEEDED");
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).filteredOn(line -> line.contains("\"TORQ-WR-25\"") && !line.contains("\"purchaseOrderLine\":null"))
                .hasSize(1);
        assertThat(emulators.serials(org)).contains("TORQ-WR-25 OO-1 -> " + other.get("created").get(0).get("id").asLong());
    }

    /**
     * A PO file lowers PO-901's line from two units to one: it journals the delete of the surplus
     * On Order record, and the function dies before sending it. Another file lowers the same line
     * and deletes that record. The first file's version is deleted, so its retry undoes it: the
     * record stays gone, PO-901 as the other file left it. The undo took the journaled delete for
     * its own and put the record back (found by review on 3 December 2026).
     */
    @Test
    void deliver_deleteJournaledButNeverSentThenAnotherFileDeletesTheRecordAndTheFileIsUndone_recordStaysGone()
            throws Exception {
        long last = emulators.onOrderRecordWithSerial(org, "OO-1");
        var lowered = "po_number,part_number,quantity,cost\nPO-901,TORQ-WR-25,1,10\n";
        var upload = emulators.put(org + "/purchase-orders/file.csv", lowered);
        var event = S3Events.putEventJson(upload);
        faults.failAfter("TransactWriteItems", 0, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        assertThat(emulators.inventory(org)).as("the delete was never sent").anyMatch(line -> line.startsWith("{\"id\":" + last + ","));
        assertThat(emulators.importFile(org + "/purchase-orders/other.csv", lowered).get("status").asText()).isEqualTo("SUCCEEDED");
        var afterTheOtherFile = orgData();
        emulators.aws.s3().deleteObject(b -> b.bucket(upload.bucket()).key(upload.key()).versionId(upload.versionId()));
        leaseRunsOut(event);

        deliver(event);

        assertThat(emulators.report(upload.key()).get("errors").get(0).get("code").asText()).isEqualTo("FILE_UNAVAILABLE");
        assertThat(emulators.inventory(org)).noneMatch(line -> line.startsWith("{\"id\":" + last + ","));
        assertThat(orgData()).isEqualTo(afterTheOtherFile);
    }

    /**
     * A file gives 1003 PCB-9001 for PCB-1842; it all lands, then the function dies at its report.
     * The retry sends the release of PCB-1842 again and finds no claim: the record is this
     * import's own write, so its first attempt gave the serial up, and the file ends SUCCEEDED.
     */
    @Test
    void deliver_serialChangedThenCrashAtTheReport_retryFindsItsReleaseLandedAndSucceeds() throws Exception {
        var event = upload("part-inventory", "id,serial_number\n1003,PCB-9001\n");
        faults.interleaveBefore("TransactWriteItems", 0, () -> faults.failAfter("PutObject", 0, Fault.CRASH, 1));
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.serials(org)).contains("PCB-410 PCB-9001 -> 1003").noneMatch(line -> line.contains(" PCB-1842 "));
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.serials(org)).contains("PCB-410 PCB-9001 -> 1003").noneMatch(line -> line.contains(" PCB-1842 "));
    }

    /**
     * A PO file deletes the On Order record that holds OO-1, and its claim; it all lands, then the
     * function dies at its report. The retry sends the claim's delete again and finds no claim
     * and no record: given up already, and the file ends SUCCEEDED with OO-1 free.
     */
    @Test
    void deliver_poFileDeletedAnOnOrderRecordWithASerialThenCrashAtTheReport_retrySucceeds() throws Exception {
        long last = emulators.onOrderRecordWithSerial(org, "OO-1");
        var event = upload("purchase-orders", "po_number,part_number,quantity,cost\nPO-901,TORQ-WR-25,1,10\n");
        faults.interleaveBefore("TransactWriteItems", 0, () -> faults.failAfter("PutObject", 0, Fault.CRASH, 1));
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.inventory(org)).noneMatch(line -> line.startsWith("{\"id\":" + last + ","));
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).noneMatch(line -> line.startsWith("{\"id\":" + last + ","));
        assertThat(emulators.serials(org)).noneMatch(line -> line.contains(" OO-1 "));
    }

    /**
     * Review "own53d": a DRAFT serial line of 3 whose FIRST unit a Part Inventory file gave OO-F is
     * lowered to 1; the row's transaction lands and the function dies before recording it. The
     * retry chooses as the first attempt did (the records without a serial go): the line keeps the
     * serialled unit, OO-F stays claimed by it, and the org ends as a clean import of the same files.
     */
    @Test
    void deliver_serialLineLoweredKeepingItsSerialledFirstUnitThenCrashedBeforeItsProgress_resumeKeepsTheSameUnit() throws Exception {
        var setup = "po_number,part_number,quantity,cost\nPO-901,TORQ-WR-25,3,10\n";
        var lowered = "po_number,part_number,quantity,cost\nPO-901,TORQ-WR-25,1,10\n";
        importInto(org, "setup.csv", setup);
        long first = emulators.inventory(org).stream()
                .filter(line -> line.contains("\"TORQ-WR-25\"") && !line.contains("\"purchaseOrderLine\":null"))
                .map(Emulators::idOf).sorted().toList().getFirst();
        assertThat(emulators.importFile(org + "/part-inventory/serial.csv", "id,serial_number\n" + first + ",OO-F\n")
                .get("status").asText()).isEqualTo("SUCCEEDED");
        var event = upload("purchase-orders", lowered);
        faults.interleaveBefore("TransactWriteItems", 0, FaultInjectionTest::crashBeforeTheLastProgress);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).filteredOn(line -> line.contains("\"TORQ-WR-25\"") && !line.contains("\"purchaseOrderLine\":null"))
                .singleElement().asString().startsWith("{\"id\":" + first + ",").contains("\"OO-F\"");
        assertThat(emulators.serials(org)).contains("TORQ-WR-25 OO-F -> " + first);
    }

    @Test
    void deliver_objectOverwrittenBeforeTheRead_importsTheVersionTheEventNames() throws Exception {
        var event = upload("part-inventory", INVENTORY_FILE);
        emulators.put(org + "/part-inventory/file.csv", "part_number,quantity\nNOPE,1\n");

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    /**
     * The object version is deleted after validation, just before the commit pass reads the file
     * (the fourth GetObject: the scan, the rows of PO-901's part taking its line by their values,
     * validation, the commit): by then the PO file's number claims went out. They used to stay
     * behind the FAILED import (found by review); it is undone, and names the file as gone.
     */
    @Test
    void deliver_objectVersionDeletedBeforeTheCommitPass_failsWithFileUnavailableAndIsUndone() throws Exception {
        var upload = emulators.put(org + "/purchase-orders/file.csv", PO_FILE);
        var event = S3Events.putEventJson(upload);
        var numbersBefore = emulators.poNumbers(org);
        var ordersBefore = emulators.purchaseOrders(org);
        faults.interleaveBefore("GetObject", 3, () -> emulators.aws.s3()
                .deleteObject(b -> b.bucket(upload.bucket()).key(upload.key()).versionId(upload.versionId())));

        deliver(event);

        var report = emulators.report(upload.key());
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        var error = report.get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("FILE_UNAVAILABLE");
        assertThat(error.get("row").isNull()).isTrue();
        assertThat(error.get("message").asText()).contains("deleted while Intake was importing it").contains("undone")
                .doesNotContain("before Intake could read it");
        assertThat(emulators.purchaseOrders(org)).isEqualTo(ordersBefore);
        assertThat(emulators.poNumbers(org)).as("no PO number left claimed by the failed import").isEqualTo(numbersBefore);
    }

    /**
     * On an unversioned bucket (the read pinned by eTag) a file overwritten or deleted before the
     * commit pass is undone the same way, and its message says it went while it was being
     * imported: it used to say "before Intake could read it" after two reads and the number
     * claims (found by review).
     */
    @ParameterizedTest(name = "overwritten {0}")
    @ValueSource(booleans = {true, false})
    void deliver_unversionedObjectGoneBeforeTheCommitPass_undoneWithAMessageThatSaysWhen(boolean overwritten) throws Exception {
        var put = emulators.put(org + "/purchase-orders/file.csv", PO_FILE);
        var upload = new S3Events.Upload(put.region(), put.bucket(), put.key(), put.size(), put.eTag(), null,
                put.sequencer(), put.time());
        var numbersBefore = emulators.poNumbers(org);
        faults.interleaveBefore("GetObject", 3, () -> { // the commit pass's read, as above
            if (overwritten) {
                emulators.put(upload.key(), PO_FILE.replace("Receiving", "Stockroom B"));
            } else {
                emulators.aws.s3().deleteObject(b -> b.bucket(upload.bucket()).key(upload.key()));
            }
        });

        deliver(S3Events.putEventJson(upload));

        var error = emulators.report(upload.key()).get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("FILE_UNAVAILABLE");
        assertThat(emulators.poNumbers(org)).isEqualTo(numbersBefore);
        assertThat(error.get("message").asText()).contains("while Intake was importing it", "undone")
                .doesNotContain("before Intake could read it");
    }

    /**
     * The function dies with units of creates landed; the object version is deleted before the
     * retry, whose resume reads the file again. The retry used to end FAILED with the landed
     * records left in place (found by review); it undoes them.
     */
    @Test
    void deliver_objectVersionDeletedBeforeTheResume_failsWithFileUnavailableAndIsUndone() throws Exception {
        var upload = emulators.put(org + "/part-inventory/file.csv", INVENTORY_FILE);
        var event = S3Events.putEventJson(upload);
        var serialsBefore = emulators.serials(org);
        faults.failAfter("BatchWriteItem", 3, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        assertThat(emulators.inventory(org)).as("units of creates landed before the crash").isNotEqualTo(seeded);
        emulators.aws.s3().deleteObject(b -> b.bucket(upload.bucket()).key(upload.key()).versionId(upload.versionId()));
        leaseRunsOut(event);

        deliver(event);

        var report = emulators.report(upload.key());
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("FILE_UNAVAILABLE");
        assertThat(ledger(event).get("status").s()).isEqualTo("FAILED");
        assertThat(emulators.inventory(org)).as("the file's landed records undone").isEqualTo(seeded);
        assertThat(emulators.serials(org)).isEqualTo(serialsBefore);
    }

    /**
     * The function dies mid-commit; its retry resumes the commit, meets a refused write and undoes
     * the import. The retry reads the import's journal once: its undo read it again, and near the
     * bound on held records the two copies beside the held records ran every delivery out of memory
     * (found by review on 6 December 2026).
     */
    @Test
    void deliver_resumedCommitRefusedAWrite_undoneReadingTheJournalOnce() throws Exception {
        var before = orgData();
        var event = upload("part-inventory", LARGE_FILE);
        faults.failAfter("BatchWriteItem", RECORDS, 2, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        leaseRunsOut(event);
        var journalReads = new AtomicInteger();
        var counting = new software.amazon.awssdk.core.interceptor.ExecutionInterceptor() {
            @Override
            public void beforeExecution(software.amazon.awssdk.core.interceptor.Context.BeforeExecution context,
                                        software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
                if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest get
                        && get.toString().contains(dev.intake.aws.DynamoImportLedger.JOURNAL)) {
                    journalReads.incrementAndGet();
                }
            }
        };
        var retry = new FaultInjector();
        retry.failAfter("TransactWriteItems", RECORDS, 0, Fault.REFUSED, 1); // a resumed unit is written only where absent

        new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(retry, counting, 3))
                .handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));

        var report = emulators.report(key(event));
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("FAILED");
        assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("WRITE_REFUSED");
        assertThat(orgData()).as("both deliveries' writes undone").isEqualTo(before);
        assertThat(journalReads).as("BatchGetItems of the journal in the retry").hasValue(1);
    }

    /**
     * The function dies mid-commit, and its retry runs with lower limits (the function's settings
     * were changed in between). The retry's scan refuses the file; it used to end FAILED, or go
     * on writing, with the first delivery's writes left in place. It undoes them.
     */
    @ParameterizedTest(name = "{0}, crash before {1} #{2}, {3} lowered to {4}")
    @CsvSource({"part-inventory,BatchWriteItem,3,rows,100", "part-inventory,BatchWriteItem,3,bytes,100",
            "purchase-orders,TransactWriteItems,1,rows,2", "purchase-orders,TransactWriteItems,1,bytes,100"})
    void deliver_limitsLoweredBeforeTheResume_failsWithLimitExceededAndIsUndone(String importer, String operation,
            int batchesBefore, String limit, int lowered) throws Exception {
        var before = orgData();
        var event = upload(importer, importer.equals("part-inventory") ? INVENTORY_FILE : PO_FILE);
        faults.failAfter(operation, batchesBefore, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        assertThat(orgData()).as("writes landed before the crash").isNotEqualTo(before);
        leaseRunsOut(event);

        withLimit(limit, lowered).handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));

        var report = emulators.report(key(event));
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("LIMIT_EXCEEDED");
        assertThat(ledger(event).get("status").s()).isEqualTo("FAILED");
        assertThat(orgData()).as("the first delivery's writes undone").isEqualTo(before);
    }

    /**
     * A PO file's commit lands whole and the function dies at its report. Before the retry the
     * catalog gains a revision B of FST-M3-10, serial-tracked: read again, the file's rows would
     * make other On Order records (a unit each). The retry finds every row done, keeps the ids it
     * reserved and writes nothing again. It used to reserve a new block, recorded over the first,
     * and create every On Order record again, the first attempt's left to no undo (found by review).
     */
    @Test
    void deliver_catalogGainsARevisionBeforeTheResume_sameIdsAndNoRecordTwice() throws Exception {
        var csv = "po_number,supplier,ship_to_location,part_number,quantity,cost\n"
                + "PO-7001,Acme Metals,Receiving,TORQ-WR-25,30,10\n"
                + "PO-7003,Pacific Fasteners,Stockroom A,FST-M3-10,5,0.1\n";
        var event = upload("purchase-orders", csv);
        dieAtTheReport(event);
        var idsAfterFirst = ledger(event).get("ids").m().get("inventory");
        var written = orgData();
        assertThat(onOrder()).hasSize(31);
        addSerialTrackedRevisionBOfFstM310();
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(ledger(event).get("ids").m().get("inventory")).as("the retry's id block").isEqualTo(idsAfterFirst);
        assertThat(orgData()).as("nothing written again").isEqualTo(written);
    }

    /**
     * The inventory file's commit dies with units of creates landed (rows without a revision: the
     * part's latest, A). Before the retry the catalog gains FST-M3-10 revision B, serial-tracked.
     * The retry finds the catalog changed since the import began writing, and undoes it. It used
     * to write the rest of the file's FST-M3-10 records as revision B, serial-tracked with no
     * serial, which validation would have refused (found by review). The same in an org of more
     * than 100 parts, which an import reads on demand (review "ondemand", 6 December 2026).
     */
    @ParameterizedTest(name = "large org: {0}")
    @ValueSource(booleans = {false, true})
    void deliver_catalogGainsALatestRevisionBeforeTheResume_undoneAsACatalogChange(boolean largeOrg) throws Exception {
        if (largeOrg) {
            makeTheOrgLarge();
        }
        var before = orgData();
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter("BatchWriteItem", 3, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        addSerialTrackedRevisionBOfFstM310();
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("FAILED");
        assertThat(emulators.report(key(event)).get("errors").get(0).get("message").asText()).contains("the catalog changed");
        assertThat(orgData()).as("undone").isEqualTo(before);
    }

    /**
     * A PO file creates PO-7001 with a line of three TORQ-WR-25, and the function dies at its
     * report: the import is still COMMITTING. Another file lowering that line is refused with
     * nothing written, naming the PO and the unfinished import: what it would change may yet be
     * written again or undone (a retry after a crash mid-way used to make again the On Order
     * records such a file deleted). Once the retry has finished the import, the same file goes
     * through.
     */
    @Test
    void deliver_otherFileChangesWhatAnInterruptedImportWrote_refusedUntilThatImportFinishes() throws Exception {
        var event = upload("purchase-orders", "po_number,supplier,ship_to_location,part_number,quantity,cost\n"
                + "PO-7001,Acme Metals,Receiving,TORQ-WR-25,3,10\n");
        dieAtTheReport(event);
        var written = orgData();
        var other = "po_number,part_number,quantity,cost\nPO-7001,TORQ-WR-25,1,10\n";
        var otherKey = org + "/purchase-orders/other.csv";

        emulators.deliver(emulators.put(otherKey, other));

        var error = refusal(otherKey);
        assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(error.get("row").isNull()).isTrue();
        assertThat(error.get("message").asText()).contains("PO PO-7001", ledger(event).get("importId").s(), "which has not finished");
        assertThat(orgData()).as("nothing written").isEqualTo(written);

        leaseRunsOut(event);
        deliver(event);
        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(onOrder()).hasSize(3);
        emulators.deliver(emulators.put(otherKey, other));
        assertThat(emulators.report(otherKey).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(onOrder()).hasSize(1);
    }

    /**
     * `./intake claim-serials` may run while imports go on, and leaves what unfinished imports
     * wrote to them (deploy.md, "Updating"). A record an import created holds its serial before
     * the import's claim lands (the claim goes after the create): file A creates PCB-7777 and dies
     * between the two; the backfill runs and leaves that record alone; so file B, giving PCB-7777
     * to a record of its own, finds the serial unclaimed and takes it, as without the backfill, and
     * A's retry, whose claim then fails, is undone (DUPLICATE_SERIAL): one record holds the
     * serial. Found by review on 6 December 2026: the backfill claimed the serial for A's record,
     * and B was refused DUPLICATE_SERIAL, "already used by" a record A's undo deleted a moment later.
     */
    @Test
    void claimSerials_betweenAnInterruptedImportsCreateAndItsClaim_leavesTheSerialToTheImports() throws Exception {
        var event = upload("part-inventory", "part_number,serial_number,quantity\nPCB-410,PCB-7777,1\n");
        faults.failAfter("TransactWriteItems", "#PCB-410#PCB-7777", 0, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        assertThat(emulators.heldSerials(org)).as("A's record landed").anyMatch(line -> line.startsWith("PCB-410 PCB-7777 "));
        assertThat(emulators.serials(org)).as("A's claim did not").noneMatch(line -> line.startsWith("PCB-410 PCB-7777 "));
        leaseRunsOut(event); // its process is gone: waiting for its retry

        var backfill = new SerialBackfill(emulators.aws.dynamo(), emulators.aws.config()).run(org);
        assertThat(backfill.toString()).contains("1 left alone");
        assertThat(emulators.serials(org)).as("the backfill left A's serial to A").noneMatch(line -> line.startsWith("PCB-410 PCB-7777 "));
        var otherKey = org + "/part-inventory/other.csv";
        emulators.deliver(emulators.put(otherKey, "part_number,serial_number,quantity\nPCB-410,PCB-7777,1\n"));
        assertThat(emulators.report(otherKey).get("status").asText()).isEqualTo("SUCCEEDED");
        deliver(event); // A's retry

        assertThat(status(event)).isEqualTo("FAILED");
        assertThat(emulators.report(key(event)).get("errors").get(0).get("code").asText()).isEqualTo("DUPLICATE_SERIAL");
        assertThat(emulators.heldSerials(org)).as("one record holds PCB-7777").filteredOn(line -> line.startsWith("PCB-410 PCB-7777 ")).hasSize(1);
        assertThat(emulators.serials(org)).filteredOn(line -> line.startsWith("PCB-410 PCB-7777 ")).hasSize(1);
    }

    /**
     * File A gives 1012 a new serial (PCB-1850 given up) and dies at its report. File B, creating
     * a record with PCB-1850, is refused with nothing written, naming the serial and A: A may yet
     * be undone, and its undo gives 1012 PCB-1850 back. A's retry, under a file-size limit lowered
     * meanwhile, undoes it, and 1012 holds PCB-1850 again with its claim. B used to take PCB-1850
     * (its claim was simply gone), and A's undo then left 1012 with PCB-9999: a change of a FAILED
     * import that stayed (found by review on 3 December 2026).
     */
    @Test
    void deliver_fileTakingASerialAnInterruptedImportGaveUp_refusedAndThatImportsUndoGetsItBack() throws Exception {
        var serialsBefore = emulators.serials(org);
        var event = upload("part-inventory", "id,part_number,serial_number,quantity\n1012,,PCB-9999,1\n");
        dieAtTheReport(event);
        var written = orgData();
        var otherKey = org + "/part-inventory/other.csv";
        var other = "part_number,serial_number,quantity\nPCB-410,PCB-1850,1\n";

        emulators.deliver(emulators.put(otherKey, other));

        var error = refusal(otherKey);
        assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(error.get("row").isNull()).isTrue();
        assertThat(error.get("message").asText()).contains("serial number PCB-1850 of part PCB-410 (given up)",
                ledger(event).get("importId").s(), "which has not finished");
        assertThat(orgData()).as("nothing written").isEqualTo(written);

        leaseRunsOut(event);
        withLimit("bytes", 10).handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));

        assertThat(status(event)).isEqualTo("FAILED");
        assertThat(emulators.serials(org)).as("undone whole").isEqualTo(serialsBefore).contains("PCB-410 PCB-1850 -> 1012");
        emulators.deliver(emulators.put(otherKey, other));
        assertThat(refusal(otherKey).get("code").asText()).isEqualTo("DUPLICATE_SERIAL");
    }

    /**
     * File A creates a record with PCB-7777 and dies before its report. File B, giving PCB-7777 to
     * a new record, is refused file-level with CONCURRENT_CHANGE naming A, nothing written: A may
     * yet be undone (here it is, under a lowered limit, and PCB-7777 is then free). B used to be
     * told DUPLICATE_SERIAL "already used by inventory N" on its row, as if for good (found by
     * review: a real import killed with SIGKILL mid-commit, then the same file uploaded again).
     */
    @Test
    void deliver_fileGivingASerialAnInterruptedImportTook_refusedNamingThatImport() throws Exception {
        var event = upload("part-inventory", "part_number,serial_number,quantity\nPCB-410,PCB-7777,1\n");
        dieAtTheReport(event);
        var written = orgData();
        var otherKey = org + "/part-inventory/other.csv";

        emulators.deliver(emulators.put(otherKey, "part_number,serial_number,quantity\nPCB-410,PCB-7777,1\n"));

        var error = refusal(otherKey);
        assertThat(orgData()).as("nothing written").isEqualTo(written);
        leaseRunsOut(event);
        withLimit("bytes", 10).handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
        assertThat(status(event)).as("A undone: PCB-7777 is free again").isEqualTo("FAILED");
        assertThat(emulators.serials(org)).noneMatch(line -> line.startsWith("PCB-410 PCB-7777 "));
        assertThat(error.get("code").asText()).as(error.toString()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(error.get("message").asText()).contains(ledger(event).get("importId").s(), "which has not finished");
    }

    /**
     * File A gives 1012 a new serial (PCB-1850 given up) and dies at its report. Once its retry
     * has finished it, a file creating a record with PCB-1850 takes the serial: the trace A's
     * release left is free to take.
     */
    @Test
    void deliver_fileTakingASerialAnInterruptedImportGaveUp_goesThroughOnceThatImportFinished() throws Exception {
        var event = upload("part-inventory", "id,part_number,serial_number,quantity\n1012,,PCB-9999,1\n");
        dieAtTheReport(event);
        leaseRunsOut(event);
        deliver(event);
        assertThat(status(event)).isEqualTo("SUCCEEDED");
        var key = org + "/part-inventory/other.csv";

        emulators.deliver(emulators.put(key, "part_number,serial_number,quantity\nPCB-410,PCB-1850,1\n"));

        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.serials(org)).contains("PCB-410 PCB-9999 -> 1012")
                .filteredOn(line -> line.startsWith("PCB-410 PCB-1850 -> ")).hasSize(1).noneMatch(line -> line.endsWith("-> 1012"));
    }

    /**
     * File A renames PO-901 to PO-9901; it all lands, PO-901 given up last, and the function dies
     * at its report. File B, creating a new PO-901, is refused with nothing written, naming the
     * number and A: A's undo would give PO-901 back to the renamed PO. A's retry, under a file-size
     * limit lowered meanwhile, undoes it whole. B used to create its PO-901 (the number was simply
     * gone), and A's undo then put PO-901 back on the old PO's header: two POs carried PO-901, one
     * of them unclaimed (found by review on 3 December 2026).
     */
    @Test
    void deliver_fileTakingAPoNumberAnInterruptedRenameGaveUp_refusedAndTheRenamesUndoGetsItBack() throws Exception {
        var before = orgData();
        var event = upload("purchase-orders", "po_number,original_po_number\nPO-9901,PO-901\n");
        dieAtTheReport(event);
        assertThat(emulators.poNumbers(org)).containsKey("PO-9901").doesNotContainKey("PO-901");
        var written = orgData();
        var otherKey = org + "/purchase-orders/other.csv";

        emulators.deliver(emulators.put(otherKey, "po_number,supplier,ship_to_location,part_number,quantity,cost\n"
                + "PO-901,Acme Metals,Receiving,TORQ-WR-25,3,10\n"));

        var error = refusal(otherKey);
        assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(error.get("message").asText()).contains("PO number PO-901 (given up)", ledger(event).get("importId").s(),
                "which has not finished");
        assertThat(orgData()).as("nothing written").isEqualTo(written);

        leaseRunsOut(event);
        withLimit("bytes", 10).handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));

        assertThat(status(event)).isEqualTo("FAILED");
        assertThat(orgData()).as("undone whole: PO-901 is the renamed PO's again, and only its").isEqualTo(before);
    }

    /** A file taking a serial (OO-1) that an interrupted PO file gave up by deleting its On Order record is refused. */
    @Test
    void deliver_fileTakingAnOnOrderSerialAnInterruptedPoFileGaveUp_refused() throws Exception {
        long last = emulators.onOrderRecordWithSerial(org, "OO-1");
        var event = upload("purchase-orders", "po_number,part_number,quantity,cost\nPO-901,TORQ-WR-25,1,10\n");
        dieAtTheReport(event);
        var otherKey = org + "/part-inventory/other.csv";
        emulators.deliver(emulators.put(otherKey, "part_number,serial_number,quantity\nTORQ-WR-25,OO-1,1\n"));
        assertThat(refusal(otherKey).get("message").asText()).contains("(given up)");
        leaseRunsOut(event);
        withLimit("bytes", 10).handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
        assertThat(status(event)).isEqualTo("FAILED");
        assertThat(emulators.serials(org)).contains("TORQ-WR-25 OO-1 -> " + last);
    }

    /** 1012 gives PCB-1850 up, 1003 gives PCB-1842 up and takes PCB-1850, in one file; it dies at the report; a file taking PCB-1842 is refused; the retry is undone. */
    @Test
    void deliver_serialChainInOneFileInterrupted_givenUpSerialRefusedThenAllBackByTheUndo() throws Exception {
        var before = orgData();
        var event = upload("part-inventory", "id,part_number,serial_number,quantity\n1012,,PCB-9999,1\n1003,,PCB-1850,1\n");
        dieAtTheReport(event);
        assertThat(emulators.serials(org)).contains("PCB-410 PCB-1850 -> 1003", "PCB-410 PCB-9999 -> 1012");
        var otherKey = org + "/part-inventory/other.csv";
        emulators.deliver(emulators.put(otherKey, "part_number,serial_number,quantity\nPCB-410,PCB-1842,1\n"));
        assertThat(refusal(otherKey).get("message").asText()).contains("PCB-1842", "(given up)");
        leaseRunsOut(event);
        withLimit("bytes", 10).handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
        assertThat(status(event)).isEqualTo("FAILED");
        assertThat(orgData()).isEqualTo(before);
    }

    /** An Intake from before release traces cannot take a traced serial: its claim's condition (written here by hand) fails on one, as lifecycle.md says. */
    @Test
    void deliver_claimAsAnIntakeBeforeReleaseTracesWroteIt_failsOnATrace() throws Exception {
        var event = upload("part-inventory", "id,part_number,serial_number,quantity\n1012,,PCB-9999,1\n");
        dieAtTheReport(event);
        var key = SerialItems.key(org, new dev.intake.core.inventory.SerialKey("PCB-410", "PCB-1850"));
        var trace = emulators.aws.dynamo().getItem(b -> b.tableName(emulators.aws.config().serialsTable()).key(key).consistentRead(true)).item();
        assertThat(trace).doesNotContainKey("id").containsKey("expiresAt");
        // the lookup before traces: SerialItems.fromItem on every item found
        assertThatThrownBy(() -> SerialItems.fromItem(trace)).isInstanceOf(NullPointerException.class);
        // the claim before traces: attribute_not_exists(serialKey) OR id = :id
        assertThatThrownBy(() -> emulators.aws.dynamo().putItem(b -> b.tableName(emulators.aws.config().serialsTable())
                .item(SerialItems.toItem(org, new dev.intake.core.inventory.SerialClaim(
                        new dev.intake.core.inventory.SerialKey("PCB-410", "PCB-1850"), 5555L), null))
                .conditionExpression("attribute_not_exists(#k) OR id = :id").expressionAttributeNames(java.util.Map.of("#k", SerialItems.KEY))
                .expressionAttributeValues(java.util.Map.of(":id", AttributeValue.fromN("5555")))))
                .isInstanceOf(software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException.class);
    }

    /**
     * File A renames PO-901 to PO-9901 and dies at its report (PO-901 a trace of A). A catalog
     * load seeding a new PO-901 is refused, naming A. A's retry is undone, and only the renamed PO
     * carries PO-901. The load used to take the trace as free, whatever A's state, and A's undo
     * then put PO-901 back on its header beside the seeded PO (found by review). Refused before it
     * writes anything: until 5 December 2026 the refusal came after the catalog and the inventory
     * were written, and left the file's new location behind (found by review).
     */
    @Test
    void deliver_catalogSeedingANumberAnInterruptedRenameGaveUp_refusedWritingNothing() throws Exception {
        var event = upload("purchase-orders", "po_number,original_po_number\nPO-9901,PO-901\n");
        dieAtTheReport(event);
        var file = java.nio.file.Files.createTempFile("catalog", ".json");
        file.toFile().deleteOnExit();
        java.nio.file.Files.writeString(file, "{\"org\": \"x\", \"locations\": [\"Dock 77\"], \"purchaseOrders\": [{\"poNumber\":"
                + " \"PO-901\", \"status\": \"DRAFT\", \"supplier\": \"Acme Metals\", \"shipToLocation\": \"Receiving\", \"lines\": []}]}");
        assertThatThrownBy(() -> emulators.loadCatalog(file, org)).hasMessageContaining("PO number PO-901 (given up)")
                .hasMessageContaining(ledger(event).get("importId").s()).hasMessageContaining("has not finished");
        var location = emulators.aws.dynamo().getItem(b -> b.tableName(emulators.aws.config().catalogTable()).consistentRead(true)
                .key(java.util.Map.of("org", AttributeValue.fromS(org), "sk", AttributeValue.fromS("location#dock 77")))).item();
        assertThat(location).as("the refused load's new location").isNullOrEmpty();
        leaseRunsOut(event);
        withLimit("bytes", 10).handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
        assertThat(status(event)).isEqualTo("FAILED");
        var carrying = emulators.purchaseOrders(org).stream().filter(po -> po.contains("\"poNumber\":\"PO-901\"")).toList();
        assertThat(carrying).as("POs whose header carries PO-901").hasSize(1);
    }

    /** A PO renamed away and, once that rename finished, renamed back over its own trace. */
    @Test
    void deliver_poRenamedBackOverItsOwnFinishedTrace_succeeds() throws Exception {
        var before = emulators.poNumbers(org);
        importInto(org, "a.csv", "po_number,original_po_number\nPO-9901,PO-901\n");
        importInto(org, "b.csv", "po_number,original_po_number\nPO-901,PO-9901\n");
        assertThat(emulators.poNumbers(org)).isEqualTo(before);
        importInto(org, "c.csv", "po_number,supplier,ship_to_location\nPO-9901,Acme Metals,Receiving\n");
    }

    /** One file gives 1012 a new serial and PCB-1850 to a new record; it dies at the report; its retry is undone, whole. */
    @Test
    void deliver_serialGivenUpAndRetakenInOneFileThenUndone_backWhole() throws Exception {
        var before = orgData();
        var event = upload("part-inventory", "id,part_number,serial_number,quantity\n1012,,PCB-9999,1\n,PCB-410,PCB-1850,1\n");
        dieAtTheReport(event);
        leaseRunsOut(event);
        withLimit("bytes", 10).handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
        assertThat(status(event)).isEqualTo("FAILED");
        assertThat(orgData()).isEqualTo(before);
        var key = org + "/part-inventory/other.csv";
        emulators.deliver(emulators.put(key, "part_number,serial_number,quantity\nPCB-410,PCB-9999,1\n"));
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    /**
     * File Y renames PO-901 to PO-9901 and dies after claiming PO-9901, before its header write.
     * A file naming PO-9901 finds PO-901's PO through Y's claim, and is refused with nothing
     * written: Y's undo may yet give PO-9901 up (such a file used to write the header under it just
     * after, leaving a PO under a number nobody held).
     */
    @Test
    void deliver_fileNamingTheNumberAnInterruptedRenameClaimed_refusedWritingNothing() {
        renamePo901ToPo9901AndDieBeforeTheHeader();
        var written = orgData();
        var key = org + "/purchase-orders/b.csv";

        emulators.deliver(emulators.put(key, "po_number,po_description\nPO-9901,Set by B\n"));

        var error = refusal(key);
        assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(error.get("message").asText()).contains("PO number PO-9901", "which has not finished");
        assertThat(orgData()).as("nothing written").isEqualTo(written);
    }

    /**
     * Two imports each create a PO (PO-7001, PO-7002) and die at their report. A file changing
     * both is refused, naming both imports, whose events may need re-delivering: it used to say
     * "2 imports" (found by review).
     */
    @Test
    void deliver_fileTouchingWhatTwoInterruptedImportsWrote_refusalNamesBothImports() {
        var eventA = S3Events.putEventJson(emulators.put(org + "/purchase-orders/a.csv",
                "po_number,supplier,ship_to_location,part_number,quantity,cost\nPO-7001,Acme Metals,Receiving,TORQ-WR-25,3,10\n"));
        dieAtTheReport(eventA);
        var eventB = S3Events.putEventJson(emulators.put(org + "/purchase-orders/b.csv",
                "po_number,supplier,ship_to_location,part_number,quantity,cost\nPO-7002,Acme Metals,Receiving,TORQ-WR-25,3,10\n"));
        dieAtTheReport(eventB);
        var key = org + "/purchase-orders/c.csv";

        emulators.deliver(emulators.put(key, "po_number,po_description\nPO-7001,Set by C\nPO-7002,Set by C\n"));

        var error = refusal(key);
        assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(error.get("message").asText()).as("the refusal names every unfinished import to re-deliver")
                .contains(ledger(eventA).get("importId").s(), ledger(eventB).get("importId").s());
    }

    /**
     * A dry run of a file whose commit would be refused (it changes PO-7001, which an interrupted
     * import created) is refused the same way: it used to say VALIDATED, previewing a commit that
     * could not happen (found by review).
     */
    @Test
    void deliver_dryRunOfAFileTouchingWhatAnInterruptedImportWrote_refusedToo() {
        var event = upload("purchase-orders", "po_number,supplier,ship_to_location,part_number,quantity,cost\n"
                + "PO-7001,Acme Metals,Receiving,TORQ-WR-25,3,10\n");
        dieAtTheReport(event);
        var key = org + "/purchase-orders/validate/other.csv";

        emulators.deliver(emulators.put(key, "po_number,part_number,quantity,cost\nPO-7001,TORQ-WR-25,1,10\n"));

        assertThat(refusal(key).get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
    }

    /**
     * A changes 1004, installed in 1002 under 1001, and dies at its report. A file moving 1001
     * reads only 1001 in validation and passes the check; its commit carries the move to 1004,
     * last written by A, and stops there: it is undone whole, and its error names A, whose event
     * may need re-delivering. It used to give the mid-commit conflict's advice, to drop the file
     * again, which met A again (found by review).
     */
    @Test
    void deliver_fileMovingAnAssemblyAnInterruptedImportChangedInside_undoneWholeNamingThatImport() {
        var event = upload("part-inventory", "id,quantity\n1004,9\n");
        dieAtTheReport(event);
        var written = orgData();
        var key = org + "/part-inventory/move.csv";

        emulators.deliver(emulators.put(key, "id,location\n1001,Line 2\n"));

        var error = refusal(key);
        assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(orgData()).as("undone whole").isEqualTo(written);
        assertThat(error.get("message").asText()).contains("inventory 1004", ledger(event).get("importId").s(),
                "which has not finished", "undone");
    }

    /**
     * Found by review (5 December 2026): the dry run of the file of the test above says VALIDATED,
     * listing 1004's move among its changes, while its commit on the same data is refused
     * (CONCURRENT_CHANGE, naming A). The check on unfinished writers covers only what validation
     * read; the records installed under a moved assembly are read after it (InstalledTrees) and met
     * only by the commit's writes, which a dry run sends nowhere. A dry run previews a commit
     * that cannot happen, which the dry run of a file touching A's PO no longer does.
     */
    @Test
    void deliver_dryRunOfAFileMovingAnAssemblyAnInterruptedImportChangedInside_refusedToo() {
        var event = upload("part-inventory", "id,quantity\n1004,9\n");
        dieAtTheReport(event);
        var written = orgData();
        var key = org + "/part-inventory/validate/move.csv";

        emulators.deliver(emulators.put(key, "id,location\n1001,Line 2\n"));

        assertThat(orgData()).isEqualTo(written);
        assertThat(emulators.report(key).get("status").asText()).as("the commit of this file on this data fails")
                .isEqualTo("FAILED");
        assertThat(refusal(key).get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
    }

    /**
     * Found by review (5 Dec 2026): the check on unfinished writers now covers every record
     * installed under every row that names a location, whether or not the row moves anything.
     * A changes 1004 (installed in 1002 under 1001) and dies at its report; a file changing
     * 1001's intent option, its location cell as it was (as an export's row has it), moves
     * nothing and writes nothing A wrote, and went through until 5 December 2026. It is now
     * refused CONCURRENT_CHANGE naming A: the refusal should cover only trees the file moves.
     */
    @Test
    void deliver_fileNamingAnAssemblysLocationUnchanged_notRefusedOverAnInterruptedImportInside() {
        var event = upload("part-inventory", "id,quantity\n1004,9\n");
        dieAtTheReport(event);
        var key = org + "/part-inventory/intent.csv";

        emulators.deliver(emulators.put(key, "id,location,intent_option\n1001,Clean Room,Development\n"));

        var report = emulators.report(key);
        assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("SUCCEEDED");
    }

    /**
     * Found by review (5 December 2026): import Y creates PO-7101 and dies after claiming the
     * number, before its header landed. A file naming PO-7101 finds no PO (a claim whose header
     * is missing is dropped by the look-up, and only given-up numbers are asked about), so its dry
     * run says VALIDATED, a new PO to create; the commit of the same file on the same data fails
     * at its claim. The dry run should fail as the commit does (or both refuse up front, naming Y).
     */
    @Test
    void deliver_dryRunOfAFileCreatingAPoNumberAnInterruptedImportClaimed_failsAsItsCommitDoes() throws Exception {
        var eventY = S3Events.putEventJson(emulators.put(org + "/purchase-orders/y.csv",
                "po_number,supplier,ship_to_location,part_number,quantity,cost\nPO-7101,Acme Metals,Receiving,TORQ-WR-25,3,10\n"));
        // the claims go out first, in a transaction; the header's create after them never lands
        faults.interleaveBefore("TransactWriteItems", 0, () -> faults.failAfter("BatchWriteItem", 0, Fault.CRASH, 1));
        assertThatThrownBy(() -> deliver(eventY)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.poNumbers(org)).containsKey("PO-7101");
        assertThat(emulators.purchaseOrders(org)).noneMatch(po -> po.contains("PO-7101"));
        faults.awaitQuiet();
        var csv = "po_number,supplier,ship_to_location,part_number,quantity,cost\nPO-7101,Acme Metals,Receiving,TORQ-WR-25,5,10\n";
        var dryKey = org + "/purchase-orders/validate/b.csv";
        emulators.deliver(emulators.put(dryKey, csv));
        var dry = emulators.report(dryKey);
        var written = orgData();
        var key = org + "/purchase-orders/b.csv";

        emulators.deliver(emulators.put(key, csv));

        var commit = emulators.report(key);
        assertThat(commit.get("status").asText()).as("the commit: %s", commit.get("errors")).isEqualTo("FAILED");
        assertThat(orgData()).isEqualTo(written);
        assertThat(dry.get("status").asText()).as("the dry run (%s) says what the commit does: %s", dry.get("counts"),
                commit.get("errors")).isEqualTo("FAILED");
    }

    /**
     * Y renames PO-901 to PO-9901 and dies after claiming PO-9901, before its header. File B
     * names PO-9901 and finds the PO through Y's claim. Just before B asks the ledger about Y,
     * Y's retry (limits lowered) undoes Y, giving PO-9901 up, and ends FAILED: B finds Y ended,
     * reads the claim again, finds it gone, and is refused. It used to write the header under
     * PO-9901, which nobody held (found by review).
     */
    @Test
    void deliver_renameUndoneBetweenTheLookUpAndTheCheck_fileRefusedAndNoPoUnderANumberNobodyHolds() throws Exception {
        var eventY = S3Events.putEventJson(emulators.put(org + "/purchase-orders/y.csv",
                "po_number,original_po_number\nPO-9901,PO-901\n"));
        faults.failAfter("TransactWriteItems", 1, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(eventY)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.poNumbers(org)).containsKey("PO-9901").containsKey("PO-901");
        var yId = ledger(eventY).get("importId").s();
        var eventB = S3Events.putEventJson(emulators.put(org + "/purchase-orders/b.csv", "po_number,po_description\nPO-9901,Set by B\n"));
        faults.awaitQuiet(); // what Y's crashed delivery was sending lands before B
        faults.interleaveBeforeCallNaming("BatchGetItem", yId, () -> {
            // no wait for quiet: this call of B's is in flight all the while (the wait took its whole
            // ten seconds), and Y's crashed delivery's calls were waited for before it
            emulators.leaseRunsOutForEvent(eventY);
            withLimit("bytes", 10).handleRequest(S3Events.load(eventY), Emulators.context(Duration.ofMinutes(15)));
        });

        deliver(eventB);

        assertThat(ledger(eventY).get("status").s()).as("Y undone before B's check").isEqualTo("FAILED");
        var error = refusal(key(eventB));
        assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(error.get("message").asText()).contains("PO number PO-9901 changed hands");
        var numbers = emulators.poNumbers(org);
        var headers = emulators.purchaseOrders(org).stream()
                .map(po -> po.substring(po.indexOf("\"poNumber\":\"") + 12, po.indexOf('"', po.indexOf("\"poNumber\":\"") + 12)))
                .toList();
        assertThat(numbers.keySet()).as("every PO header's number is claimed (B: " + status(eventB) + ")")
                .containsAll(headers);
    }

    /** The only error of the FAILED report at {@code key}. */
    private static JsonNode refusal(String key) {
        var report = emulators.report(key);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("errors")).hasSize(1);
        return report.get("errors").get(0);
    }

    /**
     * A PO file creates PO-7001 with a line of three TORQ-WR-25; it all lands, and the function
     * dies at its report. Another file lowers that line to one, deleting two On Order records.
     * The retry finds every row done and sends nothing again. It used to take every row for
     * uncertain and create the two deleted records again where they were absent (found by review).
     */
    @Test
    void deliver_createdRecordDeletedByAnotherFileBeforeTheResume_notCreatedAgain() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        var event = upload("purchase-orders", "po_number,supplier,ship_to_location,part_number,quantity,cost\n"
                + "PO-7001,Acme Metals,Receiving,TORQ-WR-25,3,10\n");
        dieAtTheReport(event);

        anotherFileLowersPo7001ThenTheRetry(event);
    }

    /**
     * A PO file creates PO-7001; it all lands, and the function dies at its report. Another file
     * renames PO-7001 to PO-7009. The retry does not claim PO-7001 again for the PO now called
     * PO-7009 (found by review: one PO held two numbers, and no file could create a PO-7001).
     */
    @Test
    void deliver_createdPoRenamedByAnotherFileBeforeTheResume_oldNumberNotClaimedAgain() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        var event = upload("purchase-orders", "po_number,supplier,ship_to_location,part_number,quantity,cost\n"
                + "PO-7001,Acme Metals,Receiving,TORQ-WR-25,3,10\n");
        dieAtTheReport(event);
        importInto(org, "rename.csv", "po_number,original_po_number,supplier,ship_to_location,part_number,quantity,cost\n"
                + "PO-7009,PO-7001,Acme Metals,Receiving,,,\n");
        var numbersAfterRename = emulators.poNumbers(org);
        assertThat(numbersAfterRename).containsKey("PO-7009").doesNotContainKey("PO-7001");
        leaseRunsOut(event);

        deliver(event);

        assertThat(emulators.poNumbers(org)).as("PO numbers after the retry").isEqualTo(numbersAfterRename);
    }

    /**
     * A PO file renames PO-901 to PO-9901; it all lands, and the function dies at its report.
     * Another file renames the PO again, to PO-9902 or back to PO-901. The retry finds every row
     * done, sends none of their claims again, and ends SUCCEEDED with the other file's numbers.
     * It used to claim PO-9901 again and give PO-901 up a second time: that failed, and an import
     * all of whose writes had landed was undone; or, renamed back, the PO was left claimed under
     * PO-9901 and its PO-901 free for another PO (found by review).
     */
    @ParameterizedTest(name = "another file renames it to {0}")
    @ValueSource(strings = {"PO-9902", "PO-901"})
    void deliver_renamedPoRenamedByAnotherFileBeforeTheResume_resumeSucceedsWithTheOtherFilesNumbers(String renamedTo)
            throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        var event = upload("purchase-orders", "po_number,original_po_number\nPO-9901,PO-901\n");
        dieAtTheReport(event);
        importInto(org, "rename.csv", "po_number,original_po_number\n" + renamedTo + ",PO-9901\n");
        var numbersAfterRename = emulators.poNumbers(org);
        assertThat(numbersAfterRename).containsKey(renamedTo).doesNotContainKey("PO-9901");
        var posAfterRename = emulators.purchaseOrders(org);
        leaseRunsOut(event);

        deliver(event);

        assertThat(emulators.report(key(event)).get("errors")).as("the retry's report").isEmpty();
        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(emulators.poNumbers(org)).as("PO numbers after the retry").isEqualTo(numbersAfterRename);
        assertThat(emulators.purchaseOrders(org)).isEqualTo(posAfterRename);
    }

    /**
     * A PO file moves PO-901 (DRAFT) to Receiving and lowers its line from two units to one: the
     * move rewrites On Order records R1 and R2, and the lowering then deletes R2, with its trace.
     * Everything lands; the function dies before it records that. The retry sends the row again:
     * R2's delete is done already, and so is R2's rewrite, since this import's trace says it
     * deleted R2 after. The rewrite used to fail on R2 gone, and the import was undone and FAILED
     * though nothing else had touched the PO (found by review).
     */
    @Test
    void deliver_poFileMovedAndDeletedAnOnOrderRecordThenCrashedBeforeItsProgress_resumeSucceeds() throws Exception {
        var setup = "po_number,part_number,quantity,cost\nPO-901,TORQ-WR-25,2,10\n";
        var file = "po_number,ship_to_location,part_number,quantity,cost\nPO-901,Receiving,TORQ-WR-25,1,10\n";
        importInto(org, "setup.csv", setup);
        var event = upload("purchase-orders", file);
        faults.interleaveBefore("TransactWriteItems", 0, FaultInjectionTest::crashBeforeTheLastProgress);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        leaseRunsOut(event);

        deliver(event);

        assertThat(emulators.report(key(event)).get("errors")).as("the retry's report").isEmpty();
        assertThat(status(event)).isEqualTo("SUCCEEDED");
        var alone = "alone" + ORGS.incrementAndGet();
        emulators.loadCatalog(CATALOG, alone);
        importInto(alone, "setup.csv", setup);
        importInto(alone, "file.csv", file);
        assertThat(emulators.purchaseOrders(org)).isEqualTo(emulators.purchaseOrders(alone));
    }

    /**
     * As deliver_poFoundByTheNumberAnInterruptedRename…, but Z renames the PO it found by PO-9901
     * (Y's interrupted rename's new number) to PO-9902. All of Z lands and Z dies at its report.
     * The retry looks the rename's old number up again as well, finds the same PO, and ends
     * SUCCEEDED with nothing changed. It used to miss it, take the PO for a new one, and fail its
     * claim of PO-9902 (found by review).
     */
    @Test
    void deliver_poRenamedFromTheNumberAnInterruptedRenameClaimedThenCrashAtTheReport_resumeSucceeds() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        renamePo901ToPo9901AndDieBeforeTheHeader();
        var eventZ = S3Events.putEventJson(emulators.put(org + "/purchase-orders/z.csv",
                "po_number,original_po_number,po_description\nPO-9902,PO-9901,Set by Z\n"));
        dieAtTheReport(eventZ);
        assertThat(emulators.purchaseOrders(org)).anySatisfy(po -> assertThat(po).contains("\"poNumber\":\"PO-9902\"", "Set by Z"));
        var afterZ = List.of(emulators.purchaseOrders(org), emulators.poNumbers(org));
        leaseRunsOut(eventZ);

        deliver(eventZ);

        assertThat(emulators.report(org + "/purchase-orders/z.csv").get("errors")).as("Z's report").isEmpty();
        assertThat(status(eventZ)).isEqualTo("SUCCEEDED");
        assertThat(List.of(emulators.purchaseOrders(org), emulators.poNumbers(org))).isEqualTo(afterZ);
    }

    /**
     * An import in flight across the deploy: its journal was written by the Intake before traces
     * (the journal items are rewritten as that version left them: a list of entries, none traced).
     * It journaled the delete of the surplus On Order record and died before sending it; another
     * file lowered the same line, deleting that record. The retry's transaction meets the other
     * file's header, and the delete, untraced in the journal, is journaled again read-only as
     * before traces: the undo leaves the record gone. Skipping that for every delete it would now
     * trace put the record back (found by review).
     */
    @Test
    void deliver_oldJournalDeleteNeverSentThenAnotherFileDeletesTheRecordAndTheRetryConflicts_recordStaysGone()
            throws Exception {
        long last = emulators.onOrderRecordWithSerial(org, "OO-1");
        var lowered = "po_number,part_number,quantity,cost\nPO-901,TORQ-WR-25,1,10\n";
        var event = upload("purchase-orders", lowered);
        faults.failAfter("TransactWriteItems", 0, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        assertThat(emulators.inventory(org)).as("the delete was never sent").anyMatch(line -> line.startsWith("{\"id\":" + last + ","));
        assertThat(JournalsBeforeTraces.rewrite(emulators.aws.dynamo(), emulators.aws.config().importsTable(),
                ledger(event).get("importId").s())).as("journal items rewritten").isPositive();
        assertThat(emulators.importFile(org + "/purchase-orders/other.csv", lowered).get("status").asText()).isEqualTo("SUCCEEDED");
        var afterTheOtherFile = orgData();
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("FAILED");
        assertThat(emulators.inventory(org)).as("the other file deleted it").noneMatch(line -> line.startsWith("{\"id\":" + last + ","));
        assertThat(orgData()).isEqualTo(afterTheOtherFile);
    }

    /**
     * A PO file creating PO-7001 with three TORQ-WR-25 reserves three inventory ids, and the
     * function dies just before it marks the import COMMITTING. The catalog then makes TORQ-WR-25
     * revision A a part without inventory. The retry validates again (no On Order records: it
     * needs no ids, and records an empty block over the first), writes it all, and dies at its
     * report. The next retry finds the ids it needs and succeeds. The first block used to stay
     * recorded, and that retry undid the whole import as a catalog change (found by review).
     */
    @Test
    void deliver_reValidatedWithoutInventoryAfterACrashBeforeCommitting_resumeNotUndone() throws Exception {
        var event = upload("purchase-orders", "po_number,supplier,ship_to_location,part_number,revision,quantity,cost\n"
                + "PO-7001,Acme Metals,Receiving,TORQ-WR-25,A,3,10\n");
        faults.interleaveBeforeCallNaming("UpdateItem", "COMMITTING", () -> {
            throw new FaultInjector.SimulatedCrash();
        });
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("RUNNING");
        assertThat(ledger(event).get("ids").m()).containsKey("inventory");
        emulators.aws.dynamo().putItem(b -> b.tableName(emulators.aws.config().catalogTable())
                .item(CatalogItems.part(org, new Part("TORQ-WR-25", "A", TrackingType.SERIAL, "each",
                        "receivable_non_inventory", null), 1_000_000)));
        leaseRunsOut(event);
        dieAtTheReport(event);
        assertThat(onOrder()).as("the second delivery made no On Order records").isEmpty();
        var written = orgData();
        leaseRunsOut(event);

        deliver(event);

        assertThat(emulators.report(key(event)).get("errors")).as("the last retry's report").isEmpty();
        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(orgData()).isEqualTo(written);
    }

    /**
     * File A renames PO-901 to PO-9901 and changes PO-900. Its transaction lands (PO-901's header
     * now says PO-9901); the function dies before it records that, and before it gives PO-901 up,
     * which comes last. File C names PO-901: still held, it leads to the renamed PO, which C
     * changes. File D changes PO-900. The retry meets D's and C's changes and A is undone: every
     * PO is found by the number its header carries, and no two carry one. The release went with
     * the header until the review: C then created a second PO-901, and the undone rename's PO was
     * left under a number another PO held (found by review).
     */
    @Test
    void deliver_renameLandedThenAnotherFileTookTheOldNumberAndTheRetryIsUndone_everyPoKeepsItsNumber() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        var event = upload("purchase-orders", "po_number,original_po_number,po_labels\nPO-9901,PO-901,\nPO-900,,set-by-a\n");
        faults.interleaveBefore("TransactWriteItems", 1, FaultInjectionTest::crashBeforeTheLastProgress);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.poNumbers(org)).as("A's transaction landed, PO-901 not given up yet")
                .containsKey("PO-9901").containsKey("PO-901");
        importInto(org, "c.csv", "po_number,supplier,ship_to_location,part_number,quantity,cost\n"
                + "PO-901,Acme Metals,Receiving,TORQ-WR-25,3,10\n");
        importInto(org, "d.csv", "po_number,po_labels\nPO-900,set-by-d\n");
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("FAILED");
        var pos = emulators.purchaseOrders(org);
        assertThat(pos).as("no two POs carry one number").filteredOn(po -> po.contains("\"poNumber\":\"PO-901\"")).hasSize(1);
        var carried = pos.stream().map(po -> po.replaceFirst("^\\{\"poNumber\":\"([^\"]*)\".*$", "$1")).sorted().toList();
        var numbers = emulators.poNumbers(org);
        assertThat(List.copyOf(numbers.keySet())).as("every PO found by the number its header carries").isEqualTo(carried);
        assertThat(numbers.values().stream().distinct().count()).as("each PO by one number").isEqualTo(pos.size());
    }

    /**
     * File A renames PO-901 to PO-9901 and changes PO-900's labels. Its transaction lands; the
     * function dies before it records that, and before it gives PO-901 up. File D changes
     * PO-900's labels. The retry meets D's header and A is undone: PO-901 goes back to its header
     * and keeps its number. With the release in the header's transaction, the retry's failed
     * transaction journaled it as a delete that did not land, and the undo left the PO without a
     * number (found by review).
     */
    @Test
    void deliver_renameLandedThenCrashAndTheRetryMeetsAnotherFile_undoneRenameKeepsItsOldNumber() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        var numbersBefore = emulators.poNumbers(org);
        var event = upload("purchase-orders", "po_number,original_po_number,po_labels\nPO-9901,PO-901,\nPO-900,,set-by-a\n");
        faults.interleaveBefore("TransactWriteItems", 1, FaultInjectionTest::crashBeforeTheLastProgress);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.poNumbers(org)).as("A's transaction landed, PO-901 not given up yet")
                .containsKey("PO-9901").containsKey("PO-901");
        importInto(org, "d.csv", "po_number,po_labels\nPO-900,set-by-d\n");
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("FAILED");
        assertThat(emulators.purchaseOrders(org)).anyMatch(po -> po.startsWith("{\"poNumber\":\"PO-901\""));
        assertThat(emulators.poNumbers(org)).as("every PO found by the number its header carries").isEqualTo(numbersBefore);
    }

    /**
     * Y renames PO-901 to PO-9901 and dies before its header: the PO holds both numbers, its
     * header says PO-901. File W has rows for PO-9901 and PO-901, which both lead to that PO: W is
     * refused with CONCURRENT_CHANGE on the second and writes nothing. It used to read the PO's On
     * Order records twice in one BatchGetItem, which DynamoDB refused: the delivery threw, every
     * retry did the same, and W never got a report (found by review).
     */
    @Test
    void deliver_fileNamesBothNumbersOfAnInterruptedRename_reportsInsteadOfThrowing() throws Exception {
        renamePo901ToPo9901AndDieBeforeTheHeader();
        var key = org + "/purchase-orders/w.csv";
        var event = S3Events.putEventJson(emulators.put(key, "po_number,po_labels\nPO-9901,set-by-w\nPO-901,set-by-w-again\n"));

        deliver(event);

        var error = emulators.report(key).get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(error.get("row").asInt()).isEqualTo(3);
        assertThat(error.get("column").asText()).isEqualTo("po_number");
    }

    /**
     * As above, on a DRAFT PO without lines: Y renames PO-7001 to PO-7002 and dies before its
     * header. W, with rows for both numbers, is refused; V then names PO-7001, still held, and
     * changes that PO. No two POs carry one number. W used to write the header twice, the second
     * time back under PO-7001, which it had just given up, and V created a second PO-7001 (found
     * by review).
     */
    @Test
    void deliver_fileNamesBothNumbersOfAnInterruptedRenameOfAPoWithoutLines_noTwoPosCarryOneNumber() throws Exception {
        importInto(org, "setup.csv", "po_number,supplier,ship_to_location\nPO-7001,Acme Metals,Receiving\n");
        var eventY = S3Events.putEventJson(emulators.put(org + "/purchase-orders/y.csv", "po_number,original_po_number\nPO-7002,PO-7001\n"));
        faults.failAfter("TransactWriteItems", 1, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(eventY)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.poNumbers(org)).containsKey("PO-7001").containsKey("PO-7002");
        faults.clear();
        var w = emulators.importFile(org + "/purchase-orders/w.csv", "po_number,po_labels\nPO-7002,set-by-w\nPO-7001,set-by-w-again\n");
        assertThat(w.get("errors").get(0).get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        importInto(org, "v.csv", "po_number,supplier,ship_to_location\nPO-7001,Acme Metals,Receiving\n");

        assertThat(emulators.purchaseOrders(org)).as("no two POs carry one number")
                .filteredOn(po -> po.startsWith("{\"poNumber\":\"PO-7001\"")).hasSize(1);
    }

    /**
     * File A renames PO-901 to PO-9901; every write lands, PO-901 is given up last, and the
     * function dies at its report. File B, run without the check on unfinished writers (as one
     * whose check ran before A gave PO-901 up: otherwise it is refused on PO-901's release trace,
     * naming A), creates a new PO-901
     * (free now), and the catalog gains a
     * location. A's retry finds every row done: it sends the release again and succeeds, whatever
     * the catalog. It used to undo the whole, fully landed commit on the catalog change, putting
     * the renamed PO back under PO-901, which B's PO held (found by review).
     */
    @Test
    void deliver_renameFullyLandedOldNumberRetakenThenCatalogChanges_noTwoPosCarryOneNumber() throws Exception {
        var event = upload("purchase-orders", "po_number,original_po_number\nPO-9901,PO-901\n");
        dieAtTheReport(event);
        assertThat(emulators.poNumbers(org)).as("all landed, PO-901 given up").containsKey("PO-9901").doesNotContainKey("PO-901");
        emulators.withoutWriterCheck(); // as a file whose check ran before the release (above)
        importInto(org, "b.csv", "po_number,supplier,ship_to_location\nPO-901,Acme Metals,Receiving\n");
        emulators.aws.dynamo().putItem(b -> b.tableName(emulators.aws.config().catalogTable())
                .item(CatalogItems.named(org, CatalogItems.LOCATION, "Dock 9")));
        leaseRunsOut(event);

        deliver(event);

        var pos = emulators.purchaseOrders(org);
        assertThat(pos).as("no two POs carry one number").filteredOn(po -> po.startsWith("{\"poNumber\":\"PO-901\"")).hasSize(1);
        var carried = pos.stream().map(po -> po.replaceFirst("^\\{\"poNumber\":\"([^\"]*)\".*$", "$1")).sorted().toList();
        assertThat(List.copyOf(emulators.poNumbers(org).keySet())).as("every PO found by the number its header carries").isEqualTo(carried);
    }

    /**
     * A file renames PO-901 (row 2) and creates PO-7001 with three TORQ-WR-25 (row 3). Every row
     * lands and is recorded done; the release of PO-901 then meets server errors past the SDK's
     * retries, and the import stops. Another file lowers PO-7001's line to one. The retry sends
     * no row again. Stopping used to record the rows done as one fewer, and the retry made the
     * two deleted On Order records again (found by review).
     */
    @Test
    void deliver_releaseFailsAfterEveryRowLanded_resumePointNotMovedBack() throws Exception {
        emulators.withoutWriterCheck(); // as an Intake before the check on unfinished writers (a deploy rolling out)
        var event = upload("purchase-orders", "po_number,original_po_number,supplier,ship_to_location,part_number,quantity,cost\n"
                + "PO-9901,PO-901,,,,,\nPO-7001,,Acme Metals,Receiving,TORQ-WR-25,3,10\n");
        faults.interleaveBeforeCallNaming("UpdateItem", ":done=AttributeValue(N=3)",
                () -> faults.failAfter("TransactWriteItems", 0, Fault.SERVER_ERROR, 1_000));
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(DynamoDbException.class);
        faults.clear();
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        assertThat(emulators.poNumbers(org)).as("every row landed, PO-901 not given up").containsKey("PO-901");

        anotherFileLowersPo7001ThenTheRetry(event);
    }

    /**
     * PO-7001, which the import created with three units, had every row land: another file lowers
     * its line to one (deleting two On Order records), and the import's retry must not make them
     * again.
     */
    private void anotherFileLowersPo7001ThenTheRetry(String event) throws InterruptedException {
        assertThat(onOrder()).hasSize(3);
        importInto(org, "other.csv", "po_number,part_number,quantity,cost\nPO-7001,TORQ-WR-25,1,10\n");
        var afterOther = onOrder();
        assertThat(afterOther).hasSize(1);
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).isEqualTo("SUCCEEDED");
        assertThat(onOrder()).as("PO-7001's On Order records after the retry").isEqualTo(afterOther);
    }

    /**
     * File Y renames PO-901 to PO-9901 and dies after its claim of PO-9901, before its header
     * write: the PO holds both numbers (the old one is given up with the header) and its header
     * still says PO-901.
     */
    private void renamePo901ToPo9901AndDieBeforeTheHeader() {
        var eventY = S3Events.putEventJson(emulators.put(org + "/purchase-orders/y.csv",
                "po_number,original_po_number\nPO-9901,PO-901\n"));
        faults.failAfter("TransactWriteItems", 1, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(eventY)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.poNumbers(org)).containsKey("PO-9901").containsKey("PO-901");
    }

    /**
     * A PO file that introduces a label commits whole, and the function dies at its report (every
     * write landed, the label included). The retry finishes the import and writes the only report
     * the upload gets: it must say what the import did, the label it created included
     * (docs/report.md, createdLabels), as a clean import's report does.
     */
    @Test
    void deliver_poFileCreatingALabelCrashAtTheReportThenRetried_reportListsTheCreatedLabel() throws Exception {
        var csv = "po_number,supplier,ship_to_location,po_labels,part_number,quantity,cost\n"
                + "PO-7001,Acme Metals,Receiving,brand-new-label,TORQ-WR-25,3,10\n";
        var event = upload("purchase-orders", csv);
        dieAtTheReport(event);
        leaseRunsOut(event);

        deliver(event);

        var report = emulators.report(key(event));
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("counts").get("created").asInt()).isEqualTo(1);
        assertThat(report.get("created")).hasSize(1);
        assertThat(report.get("createdLabels").toString()).as("the label this import created")
                .isEqualTo("[\"brand-new-label\"]");
    }

    /**
     * Found by review: since 5 December 2026 a report lists at most 1,000 created labels, with
     * {@code createdLabelsTruncated} past that (docs/report.md), and the import's item keeps them
     * so capped. An Intake from before then kept every label there, without the flag, and
     * DynamoImportLedger reads such an item as it is ("absent where an Intake from before 5
     * December 2026 kept them"): a commit that Intake began and died at the report, retried by
     * Lambda after the stack was updated, reports every label kept (1,500 here), uncapped and
     * unflagged.
     */
    @Test
    void deliver_labelsKeptWholeByAnOlderIntakeCrashAtTheReportThenRetried_reportListsAtMostAThousand() throws Exception {
        var labels = java.util.stream.IntStream.rangeClosed(1, 1_500).mapToObj(i -> "WO-" + i).toList();
        var csv = "po_number,supplier,ship_to_location,po_labels,part_number,quantity,cost\n"
                + "PO-7001,Acme Metals,Receiving," + String.join(";", labels) + ",TORQ-WR-25,3,10\n";
        var event = upload("purchase-orders", csv);
        dieAtTheReport(event);
        // the item as an Intake from before 5 December 2026 left it: every label, no flag
        emulators.aws.dynamo().updateItem(b -> b.tableName(emulators.aws.config().importsTable())
                .key(Map.of("importId", ledger(event).get("importId")))
                .updateExpression("SET createdLabels = :labels REMOVE createdLabelsTruncated")
                .expressionAttributeValues(Map.of(":labels",
                        AttributeValue.fromL(labels.stream().map(AttributeValue::fromS).toList()))));
        leaseRunsOut(event);

        deliver(event);

        var report = emulators.report(key(event));
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("createdLabels").size()).as("the labels the report lists").isLessThanOrEqualTo(1_000);
        assertThat(report.path("createdLabelsTruncated").asBoolean()).as("createdLabelsTruncated").isTrue();
    }

    /**
     * In an org of more than 100 parts an import reads the parts its file names, and its catalog
     * fingerprint covers those (docs/dynamodb.md): the Part Inventory file's commit dies mid-way,
     * and its retry ends with the file's records once; with a part the file does not name changed
     * before the retry, the same (review "ondemand", 6 December 2026; a part it names changed:
     * {@link #deliver_catalogGainsALatestRevisionBeforeTheResume_undoneAsACatalogChange}).
     */
    @Test
    void deliver_largeOrgCrashThenRetried_resumesUnlessAPartTheFileNamesChanged() throws Exception {
        makeTheOrgLarge();
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failAfter("BatchWriteItem", 3, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        emulators.aws.dynamo().putItem(b -> b.tableName(emulators.aws.config().catalogTable())
                .item(CatalogItems.part(org, new Part("Q-007", "B", TrackingType.SERIAL, "each", "receivable_inventory", List.of()), 9_999)));
        leaseRunsOut(event);

        deliver(event);

        assertThat(status(event)).as(emulators.report(key(event)).toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(cleanInventory);
    }

    /** 150 more parts (Q-000 …), so that imports of the org read their parts on demand. */
    private void makeTheOrgLarge() throws Exception {
        var parts = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            parts.append(i == 0 ? "" : ",").append("""
                    {"partNumber": "Q-%03d", "revision": "A", "trackingType": "none", "unitOfMeasure": "each", "purchaseType": "receivable_inventory"}"""
                    .formatted(i));
        }
        var file = Files.createTempFile("many-parts", ".json");
        Files.writeString(file, "{\"org\": \"x\", \"parts\": [" + parts + "]}");
        emulators.loadCatalog(file, org);
    }

    /** The catalog gains FST-M3-10 revision B, serial-tracked: the latest revision of the part now. */
    private void addSerialTrackedRevisionBOfFstM310() {
        emulators.aws.dynamo().putItem(b -> b.tableName(emulators.aws.config().catalogTable())
                .item(CatalogItems.part(org, new Part("FST-M3-10", "B", TrackingType.SERIAL, "each",
                        "receivable_inventory", null), 1_000_000)));
    }

    /** Delivers {@code event}, dying at its report: every write of the commit landed before it. */
    private void dieAtTheReport(String event) {
        faults.failAfter("PutObject", 0, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
    }

    /** The org's On Order records that were not seeded. */
    private List<String> onOrder() {
        return emulators.inventory(org).stream().filter(line -> !line.contains("\"purchaseOrderLine\":null"))
                .filter(line -> !seeded.contains(line)).toList();
    }

    /** The org's records, serial claims, POs and PO numbers (not its id counters: ids are never given back). */
    private List<Object> orgData() {
        return List.of(emulators.inventory(org), emulators.serials(org), emulators.purchaseOrders(org),
                emulators.poNumbers(org));
    }

    /**
     * A delivery dies while undoing, and the retry runs with a file-size limit the file now
     * exceeds: it finishes the undo first. It used to stop at the size check, FAILED, with the
     * undo half done.
     */
    @Test
    void deliver_crashWhileUndoingThenRetriedWithTheSizeLimitLowered_finishesTheUndo() throws Exception {
        var before = orgData();
        var event = upload("part-inventory", INVENTORY_FILE);
        faults.failThenFail("BatchWriteItem", RECORDS, 6, Fault.REFUSED, "DeleteItem", 2, Fault.CRASH);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("ROLLING_BACK");
        leaseRunsOut(event);

        withLimit("bytes", 100).handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));

        var report = emulators.report(key(event));
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("WRITE_REFUSED");
        assertThat(ledger(event).get("status").s()).isEqualTo("FAILED");
        assertThat(orgData()).as("the undo finished").isEqualTo(before);
    }

    /** The faulty handler's setup with another lease. */
    private static IntakeHandler withLease(Duration lease) {
        var config = emulators.aws.config();
        var changed = new IntakeConfig(config.inventoryTable(), config.catalogTable(), config.importsTable(),
                config.purchaseOrdersTable(), config.serialsTable(), config.limits(), lease, config.writeConcurrency(),
                config.createWrites());
        return new IntakeHandler(changed, emulators.s3Through(faults), emulators.dynamoThrough(faults, 3));
    }

    /** The faulty handler's setup with one limit lowered: {@code rows} or {@code bytes}. */
    private static IntakeHandler withLimit(String limit, int lowered) {
        var config = emulators.aws.config();
        var limits = config.limits();
        limits = limit.equals("rows") ? new CsvLimits(limits.maxBytes(), lowered, limits.maxColumns(), limits.maxCellLength())
                : new CsvLimits(lowered, limits.maxRows(), limits.maxColumns(), limits.maxCellLength());
        var changed = new IntakeConfig(config.inventoryTable(), config.catalogTable(), config.importsTable(),
                config.purchaseOrdersTable(), config.serialsTable(), limits, config.lease(), config.writeConcurrency(),
                config.createWrites());
        return new IntakeHandler(changed, emulators.s3Through(faults), emulators.dynamoThrough(faults, 3));
    }

    /**
     * Found by review (5 Dec 2026): the report (and so the log line and the Import Finished event)
     * named the uploader of the event that finished the import, while the history keeps the one
     * the upload's own event named. docs/deploy.md has an operator resume an import left
     * mid-commit with an event like those in events/ (principalId EXAMPLE): the report then said
     * EXAMPLE uploaded the file. The uploader, the eTag and the size belong to the object version,
     * recorded with the claim.
     */
    @Test
    void deliver_crashMidCommitThenResumedByAHandWrittenEvent_reportsTheUploaderTheUploadRecorded() throws Exception {
        var upload = emulators.put(org + "/part-inventory/file.csv", INVENTORY_FILE);
        var event = withUploader(S3Events.putEventJson(upload), "AWS:AIDAREALUPLOADER", "203.0.113.9");
        faults.failAfter("BatchWriteItem", 3, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        leaseRunsOut(event);
        // as events/*.json have them, with the history entry's bucket, key and versionId
        var handWritten = (ObjectNode) JSON.readTree(withUploader(S3Events.putEventJson(upload), "EXAMPLE", "127.0.0.1"));
        ((ObjectNode) handWritten.at("/Records/0/s3/object")).put("eTag", "0123456789abcdef0123456789abcdef").put("size", 1024);

        deliver(handWritten.toString());

        var report = emulators.report(upload.key());
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(ledger(event).get("uploader").m().get("principalId").s()).as("the history's uploader")
                .isEqualTo("AWS:AIDAREALUPLOADER");
        assertThat(report.get("source").get("uploader").get("principalId").asText()).as("the report's uploader")
                .isEqualTo("AWS:AIDAREALUPLOADER");
        assertThat(report.get("source").get("uploader").get("sourceIp").asText()).isEqualTo("203.0.113.9");
        assertThat(report.get("source").get("eTag").asText()).as("the report's eTag").isEqualTo(upload.eTag().replace("\"", ""));
        assertThat(report.get("source").get("size").asLong()).as("the report's size").isEqualTo(upload.size());
    }

    /** The event, naming who uploaded the object as S3 does. */
    private static String withUploader(String eventJson, String principalId, String sourceIp) throws IOException {
        var event = (ObjectNode) JSON.readTree(eventJson);
        var record = (ObjectNode) event.get("Records").get(0);
        ((ObjectNode) record.get("userIdentity")).put("principalId", principalId);
        ((ObjectNode) record.get("requestParameters")).put("sourceIPAddress", sourceIp);
        return event.toString();
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

    private static String lastCleanOrg;

    private static List<String> cleanImport(String importer, String csv, boolean orders) throws Exception {
        var cleanOrg = "clean" + ORGS.incrementAndGet();
        lastCleanOrg = cleanOrg;
        emulators.loadCatalog(CATALOG, cleanOrg);
        var key = cleanOrg + "/" + importer + "/file.csv";
        emulators.deliver(emulators.put(key, csv));
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
        return orders ? emulators.purchaseOrders(cleanOrg) : emulators.inventory(cleanOrg);
    }

    /** A purchase-orders file imported by the handler without faults. */
    private static void importInto(String org, String name, String csv) {
        var key = org + "/purchase-orders/" + name;
        emulators.deliver(emulators.put(key, csv));
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    /**
     * The lease a crashed delivery of {@code event} took runs out, as it would before Lambda's
     * retry ({@link Emulators#leaseRunsOut}), once what the crashed delivery's other threads were
     * sending has landed, as it would have by then.
     */
    private void leaseRunsOut(String event) {
        try {
            faults.awaitQuiet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        emulators.leaseRunsOutForEvent(event);
    }

    private String upload(String importer, String csv) {
        return S3Events.putEventJson(emulators.put(org + "/" + importer + "/file.csv", csv));
    }

    private static List<String> deliver(String event) {
        return faultyHandler.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
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
}
