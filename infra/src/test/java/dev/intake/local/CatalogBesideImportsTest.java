package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.intake.IntakeHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The catalog beside imports: a catalog load (`./intake catalog`) writes records, claims and PO
 * items that imports of both kinds read and write, before, during and after those imports.
 */
class CatalogBesideImportsTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ORGS = new AtomicInteger();
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", Emulators.LEASE_OF_CRASH_TESTS));
    @RegisterExtension
    static final FaultInjector faults = new FaultInjector();
    private static IntakeHandler handlerA;

    private String org;

    @BeforeAll
    static void handlerThroughFaults() {
        handlerA = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(faults, 3));
    }

    @BeforeEach
    void freshOrg() throws Exception {
        faults.clear();
        org = "kinds" + ORGS.incrementAndGet();
        emulators.loadCatalog(CATALOG, org);
    }

    // ---- the catalog beside imports ----

    /**
     * A Part Inventory file gives seeded item 1012 a new serial (PCB-9999, giving up PCB-1850); the
     * same catalog is then loaded again (to add a supplier, say). The reload puts 1012 back to
     * PCB-1850 and lets go of PCB-9999. It used to leave that claim with 1012, which no longer held
     * it, and no record of PCB-410 could take PCB-9999 again (found by review).
     */
    @Test
    void catalog_reloadedAfterAFileChangedASeededSerial_leavesNoClaimOnTheSerialTheRecordNoLongerHolds() throws Exception {
        assertThat(emulators.importFile(org + "/part-inventory/serial.csv", "id,serial_number\n1012,PCB-9999\n")
                .get("status").asText()).isEqualTo("SUCCEEDED");

        emulators.loadCatalog(CATALOG, org); // the same file again

        assertThat(emulators.inventory(org)).noneMatch(line -> line.contains("\"PCB-9999\""));
        var create = emulators.importFile(org + "/part-inventory/create.csv", "part_number,serial_number,quantity\nPCB-410,PCB-9999,1\n");
        assertThat(create.get("errors")).as("PCB-9999 is held by no record").isEmpty();
        assertThat(create.get("status").asText()).isEqualTo("SUCCEEDED");
        assertEveryHeldSerialClaimedByItsRecord();
    }

    /**
     * A Part Inventory file gives an On Order record of seeded PO-900 (ORDERED) a serial, as it may
     * before receipt; loading the same catalog again changes nothing (docs/catalog.md). It used to
     * rewrite the record from scratch, its serial gone and its claim left behind (found by review).
     */
    @Test
    void catalog_reloadedSameFile_keepsTheSerialAFileGaveAnOnOrderRecord() throws Exception {
        long record = onOrderOf("PCB-410").getFirst();
        assertThat(emulators.importFile(org + "/part-inventory/serial.csv", "id,serial_number,BatchID\n" + record + ",PCB-7777,OE-1\n")
                .get("status").asText()).isEqualTo("SUCCEEDED");
        var before = emulators.inventory(org);

        emulators.loadCatalog(CATALOG, org); // the same file again

        var after = emulators.inventory(org).stream().filter(l -> l.startsWith("{\"id\":" + record + ",")).findFirst().orElseThrow();
        assertThat(after).as("loading the same file twice changes nothing").contains("\"serialNumber\":\"PCB-7777\"")
                .contains("\"BatchID\":\"OE-1\"");
        assertEveryHeldSerialClaimedByItsRecord();
        assertThat(emulators.inventory(org)).isEqualTo(before);
    }

    /**
     * Import A updates seeded item 1007's quantity; after A validated, a catalog load moves 1007 to
     * Quarantine, at 1007's next version. A is refused. The load used to write no version, and A's
     * write from its stale copy landed over the move, both reporting success (found by review).
     */
    @Test
    void deliver_catalogReloadChangesASeededRecordAnImportValidated_noLostUpdate() throws Exception {
        var eventA = S3Events.putEventJson(emulators.put(org + "/part-inventory/a.csv", "id,quantity\n1007,3\n"));
        var catalog = (ObjectNode) JSON.readTree(Files.readString(CATALOG));
        for (var item : catalog.get("inventory")) {
            if (item.get("id").asLong() == 1007) {
                ((ObjectNode) item).put("location", "Quarantine");
            }
        }
        var moved = Files.createTempFile("catalog-moved", ".json");
        moved.toFile().deleteOnExit();
        Files.writeString(moved, catalog.toString());
        var loadFailure = new AtomicReference<Exception>();
        faults.interleaveBeforeCallNaming("TransactWriteItems", "AttributeValue(N=1007)", () -> {
            try {
                emulators.loadCatalog(moved, org);
            } catch (Exception e) {
                loadFailure.set(e);
            }
        });

        handlerA.handleRequest(S3Events.load(eventA), Emulators.context(Duration.ofMinutes(15)));

        assertThat(loadFailure.get()).isNull();
        var item1007 = emulators.inventory(org).stream().filter(l -> l.startsWith("{\"id\":1007,")).findFirst().orElseThrow();
        var reportA = emulators.report(org + "/part-inventory/a.csv");
        assertThat(item1007).as("the load's move stays").contains("\"location\":\"Quarantine\"");
        assertThat(reportA.get("status").asText()).as("A read 1007 before the load changed it").isEqualTo("FAILED");
        assertThat(reportA.get("errors").get(0).get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(reportA.get("errors").get(0).get("row").asInt()).isEqualTo(2);
    }

    /**
     * Import A reads 1007 at version 1 (an earlier file changed it), the same catalog is loaded
     * again, and import B moves 1007 to Line 2. The reload used to put 1007 back at version 0, so
     * B wrote version 1 again and A's write, conditional on version 1, landed over B's move, both
     * reporting SUCCEEDED (SPEC §3; found by review). The reload now writes version 2.
     */
    @Test
    void deliver_otherFileChangesARecordAfterACatalogReload_staleWriteRefused() throws Exception {
        assertThat(emulators.importFile(org + "/part-inventory/setup.csv", "id,quantity\n1007,10\n").get("status").asText())
                .isEqualTo("SUCCEEDED");
        var eventA = S3Events.putEventJson(emulators.put(org + "/part-inventory/a.csv", "id,quantity\n1007,3\n"));
        reloadThenDeliverBeforeCallNaming("AttributeValue(N=1007)", "part-inventory", "id,location\n1007,Line 2\n");

        handlerA.handleRequest(S3Events.load(eventA), Emulators.context(Duration.ofMinutes(15)));

        assertThat(emulators.report(org + "/part-inventory/b.csv").get("status").asText()).isEqualTo("SUCCEEDED");
        var reportA = emulators.report(org + "/part-inventory/a.csv");
        var item1007 = emulators.inventory(org).stream().filter(l -> l.startsWith("{\"id\":1007,")).findFirst().orElseThrow();
        assertThat(item1007).as("B's move stays").contains("\"location\":\"Line 2\"");
        assertThat(reportA.get("status").asText()).as("A read 1007 before B changed it").isEqualTo("FAILED");
        assertThat(reportA.get("errors").get(0).get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
    }

    /**
     * The same for a PO: the reload used to put PO-901's header and pages back at version 0, so the
     * next file's change came back at version 1, the version import A had read before the reload,
     * and A's write from its stale copy landed over it.
     */
    @Test
    void deliver_otherFileChangesAPoAfterACatalogReload_staleWriteRefused() throws Exception {
        assertThat(emulators.importFile(org + "/purchase-orders/setup.csv", "po_number,description\nPO-901,Set up\n")
                .get("status").asText()).isEqualTo("SUCCEEDED");
        var eventA = S3Events.putEventJson(emulators.put(org + "/purchase-orders/a.csv",
                "po_number,description\nPO-901,Set by A\n"));
        reloadThenDeliverBeforeCallNaming("S=PO-901", "purchase-orders", "po_number,description\nPO-901,Set by B\n");

        handlerA.handleRequest(S3Events.load(eventA), Emulators.context(Duration.ofMinutes(15)));

        assertThat(emulators.report(org + "/purchase-orders/b.csv").get("status").asText()).isEqualTo("SUCCEEDED");
        var reportA = emulators.report(org + "/purchase-orders/a.csv");
        assertThat(reportA.get("status").asText()).as("A read PO-901 before B changed it").isEqualTo("FAILED");
        assertThat(reportA.get("errors").get(0).get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(reportA.get("errors").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(emulators.purchaseOrders(org).toString()).as("B's change stays").contains("Set by B").doesNotContain("Set by A");
    }

    /**
     * The same catalog loaded again while import A, which read PO-901, writes: the load changes
     * nothing, so A is not refused. The load used to write every PO at its next version, changed
     * or not, and a file that read a PO before a load that changed nothing failed CONCURRENT_CHANGE.
     */
    @Test
    void deliver_catalogReloadedUnchangedWhileAPoFileWrites_fileSucceeds() throws Exception {
        var eventA = S3Events.putEventJson(emulators.put(org + "/purchase-orders/a.csv", "po_number,description\nPO-901,Set by A\n"));
        faults.interleaveBeforeCallNaming("TransactWriteItems", "S=PO-901", () -> {
            try {
                emulators.loadCatalog(CATALOG, org);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        handlerA.handleRequest(S3Events.load(eventA), Emulators.context(Duration.ofMinutes(15)));

        var reportA = emulators.report(org + "/purchase-orders/a.csv");
        assertThat(reportA.get("status").asText()).as(reportA.toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.purchaseOrders(org).toString()).contains("Set by A");
    }

    /**
     * A load that retypes is refused while an import of the org has not finished: the import may
     * have validated on the old types and write after the load's check of the stored POs. Here a
     * Purchase Orders file validated with "CoC" as a quality clause, and a load making CoC terms
     * and the part on order non-inventory, run just before the import marks itself COMMITTING.
     * Found by review on 6 December 2026: both succeeded, leaving a line with CoC as a quality
     * clause (its export would not import back) and On Order records of a non-inventory part,
     * what the load's checks exist to refuse.
     */
    @Test
    void catalog_retypingWhileAnImportOfTheOrgHasNotFinished_refusedNamingTheImport() throws Exception {
        var retypeOrg = orgToRetype();
        var loader = new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config());
        var retyped = retyped(retypeOrg);
        var key = retypeOrg + "/purchase-orders/a.csv";
        var upload = emulators.put(key, RETYPED_PO_FILE);
        var refusal = new AtomicReference<Throwable>();
        // validated on the first catalog; the load comes just as the import marks itself COMMITTING
        faults.interleaveBeforeCallNaming("UpdateItem", "catalogFingerprint",
                () -> refusal.set(catchThrowable(() -> loader.load(retyped, "retyped.json"))));

        handlerA.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofMinutes(15)));

        var importId = emulators.imports().stream().filter(item -> item.containsKey("key") && item.get("key").s().equals(key))
                .findFirst().orElseThrow().get("importId").s();
        assertThat(refusal.get()).isInstanceOf(CatalogException.class).hasMessageContaining("import " + importId)
                .hasMessageContaining("has not finished (RUNNING)").hasMessageContaining("load the catalog again once it has finished");
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(retypeOrg)).as("the On Order records of its line").hasSize(2);
        // once the import has finished, the load meets the PO it wrote
        assertThatThrownBy(() -> loader.load(retyped, "retyped.json")).isInstanceOf(CatalogException.class)
                .hasMessageContaining("PO-1").hasMessageNotContaining("has not finished");
    }

    private static final String RETYPE_CATALOG = """
            {"org": "%s", "locations": ["Dock"], "suppliers": ["Sup"], "unitsOfMeasure": ["each"],
             "requirements": [{"title": "Standard Terms", "type": "TERMS_AND_CONDITIONS"}, {"title": "CoC", "type": "%s"}],
             "defaultTermsAndConditions": "Standard Terms",
             "parts": [{"partNumber": "S", "revision": "A", "trackingType": "%s", "unitOfMeasure": "each", "purchaseType": "%s"}]}
            """;
    /** A new org whose part S is serial-tracked inventory and whose CoC is a quality clause. */
    private static String orgToRetype() throws CatalogException {
        var retypeOrg = "retype" + ORGS.incrementAndGet();
        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config())
                .load(CatalogFile.parse(RETYPE_CATALOG.formatted(retypeOrg, "QUALITY_CLAUSE", "serial", "receivable_inventory")), "first.json");
        return retypeOrg;
    }

    /** The catalog that retypes it: S untracked and non-inventory, CoC the terms. */
    private static CatalogFile retyped(String retypeOrg) throws CatalogException {
        return CatalogFile.parse(RETYPE_CATALOG.formatted(retypeOrg, "TERMS_AND_CONDITIONS", "none", "receivable_non_inventory"));
    }

    private static final String RETYPED_PO_FILE =
            "po_number,supplier,ship_to_location,part_number,revision,quantity,quality_clauses\nPO-1,Sup,Dock,S,A,2,CoC\n";

    /**
     * A retyping load looks for unfinished imports once, before it writes. A Purchase Orders file
     * dropped after that look and imported whole before the load's writes validated on the old
     * types and was not seen: found by review "last44" on 6 December 2026, whose test had the
     * import succeed with the quality clause the load then made the terms, and On Order records
     * of a part it made non-inventory. Now the import finds the retyping load under way when it
     * has validated (CatalogRetypes) and writes nothing; the load completes; the file dropped
     * again is validated on the new types.
     */
    @Test
    void deliver_wholeImportBetweenARetypingLoadsLookAndItsWrites_refusedNothingWritten() throws Exception {
        var retypeOrg = orgToRetype();
        var key = retypeOrg + "/purchase-orders/a.csv";
        var loaderCalls = theFileJustBefore("BatchWriteItem", "part#s#a", key);

        new CatalogLoader(emulators.cliDynamoThrough(loaderCalls, 3), emulators.aws.config())
                .load(retyped(retypeOrg),
                        "retyped.json");

        assertThat(loaderCalls.interleavesPending()).as("the file came between the load's look and its writes").isZero();
        var refused = emulators.report(key);
        assertThat(refused.get("status").asText()).isEqualTo("FAILED");
        assertThat(refused.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
            assertThat(error.get("row").isNull()).isTrue();
            assertThat(error.get("message").asText()).contains("(retyped.json) is running", "nothing was written");
        });
        assertThat(emulators.purchaseOrders(retypeOrg)).isEmpty();
        assertThat(emulators.inventory(retypeOrg)).isEmpty();

        var again = emulators.importFile(key, RETYPED_PO_FILE);

        assertThat(again.get("status").asText()).as("validated on the new types").isEqualTo("FAILED");
        assertThat(again.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("row").asInt()).isEqualTo(2);
            assertThat(error.get("column").asText()).isEqualTo("quality_clauses");
        });
    }

    /**
     * A retyping load checked the stored POs before it marked itself and looked for unfinished
     * imports: a Purchase Orders file imported whole between that check and the mark was refused
     * by neither, and both committed, leaving a line with CoC as a quality clause the load made the
     * terms and On Order records of a part it made non-inventory (found by review "own45" on 6
     * December 2026). Now the load marks, looks, then checks the POs: the file, finished before
     * the look, wrote its PO before the check, which refuses the load.
     */
    @Test
    void catalog_wholeImportJustBeforeARetypingLoadsMark_loadRefusedForThePo() throws Exception {
        var retypeOrg = orgToRetype();
        var key = retypeOrg + "/purchase-orders/a.csv";
        var loaderCalls = theFileJustBefore("UpdateItem", "load#retypes", key);

        var loadFailure = catchThrowable(() -> new CatalogLoader(emulators.cliDynamoThrough(loaderCalls, 3), emulators.aws.config())
                .load(retyped(retypeOrg), "retyped.json"));

        assertThat(loaderCalls.interleavesPending()).as("the file came just before the load's mark").isZero();
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(loadFailure).isInstanceOf(CatalogException.class).hasMessageContaining("PO-1");
        assertThat(emulators.purchaseOrders(retypeOrg)).singleElement().satisfies(po -> assertThat(po).contains("\"CoC\""));
    }

    /**
     * A retyping load's mark is written from the loading machine's clock and read against the
     * function's: a CLI 90 seconds behind made a live load look ended, and a file imported whole
     * between its look and its writes committed on the old types (found by review "own45" on 6
     * December 2026). A mark counts as under way for five minutes past its time.
     */
    @Test
    void deliver_wholeImportInsideARetypingLoadWhoseClockIsBehind_refusedNothingWritten() throws Exception {
        var retypeOrg = orgToRetype();
        var key = retypeOrg + "/purchase-orders/a.csv";
        var loaderCalls = theFileJustBefore("BatchWriteItem", "part#s#a", key);

        new CatalogLoader(emulators.cliDynamoThrough(3, new ClockBehind(Duration.ofSeconds(90)), loaderCalls), emulators.aws.config())
                .load(retyped(retypeOrg), "retyped.json");

        assertThat(loaderCalls.interleavesPending()).as("the file came between the load's look and its writes").isZero();
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("FAILED");
        assertThat(emulators.report(key).get("errors")).singleElement()
                .satisfies(error -> assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE"));
        assertThat(emulators.purchaseOrders(retypeOrg)).isEmpty();
    }

    /**
     * A retyping load that stops before its writes on an error that is none of its problems
     * (DynamoDB failing its look at the imports) takes its count back as a refused one does: the
     * file validated beside it read nothing it changed, and commits. It was refused, told a
     * retyping load "ran" (found by review "own45" on 6 December 2026).
     */
    @Test
    void deliver_retypingLoadStoppedBeforeWritingOnAnError_fileCommits() throws Exception {
        var retypeOrg = orgToRetype();
        var loaderCalls = new FaultInjector();
        loaderCalls.failAfter("Query", "byOrg", 0, FaultInjector.Fault.SERVER_ERROR, 3);
        var loader = new CatalogLoader(emulators.cliDynamoThrough(loaderCalls, 3), emulators.aws.config());
        var key = retypeOrg + "/purchase-orders/a.csv";
        var upload = emulators.put(key, RETYPED_PO_FILE);
        var loadFailure = new AtomicReference<Throwable>();
        faults.interleaveBeforeCallNaming("GetItem", AFTER_THE_CATALOG_READ,
                () -> loadFailure.set(catchThrowable(() -> loader.load(retyped(retypeOrg), "retyped.json"))));

        handlerA.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(loadFailure.get()).as("the load stopped before writing").isInstanceOf(software.amazon.awssdk.core.exception.SdkException.class);
        assertThat(emulators.report(key).get("status").asText()).as(emulators.report(key).toString()).isEqualTo("SUCCEEDED");
    }

    /**
     * A retyping load that died (killed, its machine gone) leaves its mark under way; the org's
     * next load, retyping or not, holds the org, so no other runs, and ends it: a file dropped
     * after it commits. It was refused until the mark ran out, told the dead load "is running"
     * (found by review "own45b" on 6 December 2026).
     */
    @Test
    void deliver_afterALoadThatDiedAndTheOrgsNextLoad_fileCommits() throws Exception {
        var retypeOrg = orgToRetype();
        emulators.aws.dynamo().putItem(b -> b.tableName(emulators.aws.config().catalogTable()).item(Map.of(
                "org", AttributeValue.fromS(retypeOrg), "sk", AttributeValue.fromS("load#retypes"), "begun", AttributeValue.fromN("1"),
                "until", AttributeValue.fromN(Long.toString(System.currentTimeMillis() + 30_000)),
                "holder", AttributeValue.fromS("a-load-that-died"), "source", AttributeValue.fromS("died.json"))));
        var key = retypeOrg + "/purchase-orders/after.csv";
        var poFile = "po_number,supplier,ship_to_location,part_number,revision,quantity\nPO-7,Sup,Dock,S,A,1\n";
        emulators.deliver(emulators.put(key, poFile));
        var refused = emulators.report(key).get("errors").get(0).get("message").asText();

        new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config()) // the org's next load: the first file again, retyping nothing
                .load(CatalogFile.parse(RETYPE_CATALOG.formatted(retypeOrg, "QUALITY_CLAUSE", "serial", "receivable_inventory")), "again.json");
        emulators.deliver(emulators.put(key, poFile));

        assertThat(refused).contains("(died.json) is running", "one that stopped without ending holds the org's imports until ");
        assertThat(emulators.report(key).get("status").asText()).as(emulators.report(key).toString()).isEqualTo("SUCCEEDED");
    }

    /** A fault injector for a loader's client that imports the retyping PO file at {@code key} just before the loader's first {@code operation} naming {@code naming}. */
    private static FaultInjector theFileJustBefore(String operation, String naming, String key) {
        var loaderCalls = new FaultInjector();
        loaderCalls.interleaveBeforeCallNaming(operation, naming, () -> emulators.deliver(emulators.put(key, RETYPED_PO_FILE)));
        return loaderCalls;
    }

    /** Moves every {@code :until} a request sets back by {@code behind}: a loading machine whose clock is behind the function's. */
    private record ClockBehind(Duration behind) implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
        @Override
        public software.amazon.awssdk.core.SdkRequest modifyRequest(software.amazon.awssdk.core.interceptor.Context.ModifyRequest context,
                                                                     software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest update
                    && update.expressionAttributeValues().containsKey(":until")) {
                var values = new java.util.HashMap<>(update.expressionAttributeValues());
                long until = Long.parseLong(values.get(":until").n());
                if (until > 0) {
                    values.put(":until", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN(Long.toString(until - behind.toMillis())));
                }
                return update.toBuilder().expressionAttributeValues(values).build();
            }
            return context.request();
        }
    }

    /** After the file's catalog read, before its validation: where it looks at the ids it would take. */
    private static final String AFTER_THE_CATALOG_READ = "sequence#purchase-order";

    /**
     * A retyping load that runs while a file validates, and is refused for that file's unfinished
     * import, wrote nothing: it takes its count back, and the file commits. The load would be
     * refused for the import's claim; were that claim not yet in the index the load reads (it
     * lags the table by a moment), the load would write, and the file, finding the count moved
     * on, would write nothing instead (the next test).
     */
    @Test
    void deliver_retypingLoadRefusedWhileTheFileValidated_fileCommits() throws Exception {
        var retypeOrg = orgToRetype();
        var loader = new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config());
        var key = retypeOrg + "/purchase-orders/a.csv";
        var upload = emulators.put(key, RETYPED_PO_FILE);
        var refusal = new AtomicReference<Throwable>();
        faults.interleaveBeforeCallNaming("GetItem", AFTER_THE_CATALOG_READ, () -> refusal.set(catchThrowable(() -> loader.load(
                retyped(retypeOrg),
                "retyped.json"))));

        handlerA.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(refusal.get()).isInstanceOf(CatalogException.class).hasMessageContaining("has not finished (RUNNING)");
        assertThat(emulators.report(key).get("status").asText()).as(emulators.report(key).toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(retypeOrg)).as("the On Order records of its line, on the old types").hasSize(2);
    }

    /**
     * The same load, its look at the imports made before the file's claim shows in the index
     * (played by emptying what the index answers): the load writes the new types, and the file,
     * validated on the old ones, finds the org's retype count moved on and writes nothing.
     */
    @Test
    void deliver_retypingLoadMissingTheFilesClaimInTheIndex_fileRefusedNothingWritten() throws Exception {
        var retypeOrg = orgToRetype();
        var key = retypeOrg + "/purchase-orders/a.csv";
        var upload = emulators.put(key, RETYPED_PO_FILE);
        var laggingIndex = new IndexNotYetShowing();
        var loader = new CatalogLoader(emulators.cliDynamoThrough(laggingIndex, 3), emulators.aws.config());
        faults.interleaveBeforeCallNaming("GetItem", AFTER_THE_CATALOG_READ, () -> {
            try {
                loader.load(retyped(retypeOrg), "retyped.json");
            } catch (CatalogException e) {
                throw new IllegalStateException(e);
            }
        });

        handlerA.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(laggingIndex.emptied.get()).as("the load looked at the index").isPositive();
        var refused = emulators.report(key);
        assertThat(refused.get("status").asText()).isEqualTo("FAILED");
        assertThat(refused.get("errors")).singleElement().satisfies(error -> {
            assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
            assertThat(error.get("message").asText()).contains("ran for this org while this file was validated", "nothing was written");
        });
        assertThat(emulators.purchaseOrders(retypeOrg)).isEmpty();
        assertThat(emulators.inventory(retypeOrg)).isEmpty();
    }

    /** Answers every query of the imports table's byOrg index with nothing: a claim the index does not show yet. */
    private static final class IndexNotYetShowing implements software.amazon.awssdk.core.interceptor.ExecutionInterceptor {
        final AtomicInteger emptied = new AtomicInteger();

        @Override
        public software.amazon.awssdk.core.SdkResponse modifyResponse(software.amazon.awssdk.core.interceptor.Context.ModifyResponse context,
                                                                       software.amazon.awssdk.core.interceptor.ExecutionAttributes attributes) {
            if (context.request() instanceof software.amazon.awssdk.services.dynamodb.model.QueryRequest query
                    && "byOrg".equals(query.indexName())) {
                emptied.incrementAndGet();
                return ((software.amazon.awssdk.services.dynamodb.model.QueryResponse) context.response()).toBuilder()
                        .items(List.of()).count(0).build();
            }
            return context.response();
        }
    }

    /** Just before import A's transaction naming {@code text}: the same catalog loaded again, then file B imported. */
    private void reloadThenDeliverBeforeCallNaming(String text, String importer, String fileB) {
        faults.interleaveBeforeCallNaming("TransactWriteItems", text, () -> {
            try {
                emulators.loadCatalog(CATALOG, org);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            emulators.deliver(emulators.put(org + "/" + importer + "/b.csv", fileB));
        });
    }

    private List<Long> onOrderOf(String part) {
        return emulators.inventory(org).stream()
                .filter(l -> l.contains("\"" + part + "\"") && !l.contains("\"purchaseOrderLine\":null"))
                .map(Emulators::idOf).sorted().toList();
    }

    /** No two records hold one serial of a part, and each serial a record holds is claimed by that record (and no other claim). */
    private void assertEveryHeldSerialClaimedByItsRecord() {
        assertThat(emulators.serials(org)).containsExactlyInAnyOrderElementsOf(emulators.heldSerials(org));
    }
}
