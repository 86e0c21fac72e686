package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.IntakeHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A catalog load seeding a PO number that an unfinished Purchase Orders import has claimed (the
 * commit takes its numbers before it writes anything else), while the import waits for its retry.
 * Written by the review of 5 December 2026 (change34b).
 */
class CatalogOverInterruptedNumbersTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    private static final AtomicInteger ORGS = new AtomicInteger();

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", Emulators.LEASE_OF_CRASH_TESTS));
    private static final FaultInjector faults = new FaultInjector();
    private static IntakeHandler crashing;
    private String org;

    @BeforeAll
    static void handlerThroughFaults() {
        crashing = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(faults, 3));
    }

    @BeforeEach
    void freshOrg() throws Exception {
        faults.clear();
        org = "numbers" + ORGS.incrementAndGet();
        emulators.loadCatalog(CATALOG, org);
    }

    /** Delivers {@code csv} as a Purchase Orders upload that dies after its first transaction (its number claims). */
    private String dieAfterClaimingNumbers(String csv) {
        var event = S3Events.putEventJson(emulators.put(org + "/purchase-orders/y.csv", csv));
        faults.failAfter("TransactWriteItems", 1, FaultInjector.Fault.CRASH, 1);
        assertThatThrownBy(() -> crashing.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15))))
                .isInstanceOf(FaultInjector.SimulatedCrash.class);
        faults.clear();
        return event;
    }

    private String importId(String event) {
        var key = S3Events.load(event).getRecords().getFirst().getS3().getObject().getUrlDecodedKey();
        return emulators.imports().stream().filter(item -> item.get("key").s().equals(key)).findFirst().orElseThrow()
                .get("importId").s();
    }

    private List<Object> orgData() {
        return List.of(emulators.inventory(org), emulators.serials(org), emulators.purchaseOrders(org), emulators.poNumbers(org));
    }

    private Map<String, AttributeValue> location(String name) {
        return emulators.aws.dynamo().getItem(b -> b.tableName(emulators.aws.config().catalogTable()).consistentRead(true)
                .key(Map.of("org", AttributeValue.fromS(org), "sk", AttributeValue.fromS("location#" + name)))).item();
    }

    private Path catalogFile(String location, String po) throws Exception {
        var file = Files.createTempFile("catalog", ".json");
        file.toFile().deleteOnExit();
        Files.writeString(file, "{\"org\": \"x\", \"locations\": [\"" + location + "\"], \"purchaseOrders\": [" + po + "]}");
        return file;
    }

    /**
     * Found by review (5 Dec 2026): file Y renames PO-901 to PO-9901 and dies after claiming
     * PO-9901, before its header write (Y is unfinished, waiting for its retry). A catalog load
     * seeding PO-9901 finds PO-901's PO through Y's claim and treats it as stored: the new
     * CatalogLoader.checkWriters asks about the writers of the PO's header, pages, line items and
     * On Order records (StoredPurchaseOrder.storedItems()), but not of the number claim the PO was
     * found through (foundBy), which is all Y has written. So the load goes ahead: it rewrites
     * the header as PO-9901 with the file's (empty) lines, and SeedPurchaseOrders.write's
     * seedNumber writes its own claim over Y's (same poId, no importId). Y's retry then finds the
     * catalog changed and is undone, FAILED, its report saying "everything this import had
     * written was undone"; but its claim, now the load's, cannot be deleted by the undo, and the
     * rename's old number was never given up: PO 2 ends held under both PO-901 and PO-9901, its
     * header saying PO-9901 (files naming PO-901 reach it; a new PO-901 is PO_NUMBER_TAKEN).
     * catalog.md: "where an import that has not
     * ended ... last wrote a record or a PO the load reads ... the load is refused before it writes
     * anything, naming the import"; an import of the same change is refused
     * (FaultInjectionTest.deliver_fileNamingTheNumberAnInterruptedRenameClaimed_refusedWritingNothing).
     */
    @Test
    void catalog_seedingTheNumberAnInterruptedRenameClaimed_refusedWritingNothing() throws Exception {
        var event = dieAfterClaimingNumbers("po_number,original_po_number\nPO-9901,PO-901\n");
        assertThat(emulators.poNumbers(org)).as("Y claimed PO-9901, PO-901 still held").containsKey("PO-9901").containsKey("PO-901");
        var written = orgData();
        var file = catalogFile("Dock 77", "{\"poNumber\": \"PO-9901\", \"status\": \"DRAFT\", \"description\": \"from the catalog\","
                + " \"supplier\": \"Acme Metals\", \"shipToLocation\": \"Receiving\", \"lines\": []}");

        var refused = refusalOf(file);
        var afterLoad = orgData();
        emulators.leaseRunsOutForEvent(event); // Y's lease runs out: its retry (Lambda's) finishes or undoes it
        crashing.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
        var afterRetry = "Y's report " + emulators.report(org + "/purchase-orders/y.csv").path("status") + " "
                + emulators.report(org + "/purchase-orders/y.csv").path("errors") + "\nnumbers " + emulators.poNumbers(org) + "\nPOs " + emulators.purchaseOrders(org).stream()
                .map(po -> po.replaceAll("(?s)^(.{0,60}).*", "$1")).toList();

        assertThat(refused).as("the load over Y's unfinished rename; after Y's retry:\n" + afterRetry)
                .isInstanceOf(CatalogException.class).hasMessageContaining("has not finished").hasMessageContaining(importId(event));
        assertThat(afterLoad).as("nothing written").isEqualTo(written);
        assertThat(location("dock 77")).as("the refused load's new location").isNullOrEmpty();
    }

    /**
     * Found by review (5 Dec 2026): an import creating PO-7001 dies after claiming the number,
     * before the PO's header. A catalog load seeding PO-7001 finds no PO under the number, so
     * none of its checks (checkAgainstStored, checkWriters) looks at the claim, though an
     * unfinished import wrote it. The load writes the catalog (the file's new location) and the
     * inventory, then SeedPurchaseOrders.write's seedNumber fails: "PO number PO-7001 was taken by
     * another PO while loading", which is wrong (no PO took it while the load ran; an unfinished
     * import held it before) and comes after writing. catalog.md, "No load builds on an
     * unfinished import's work ... the load is refused before it writes anything, naming the
     * import"; "Invalid catalogs load nothing".
     */
    @Test
    void catalog_seedingANumberAnInterruptedImportClaimedForANewPo_refusedWritingNothing() throws Exception {
        var event = S3Events.putEventJson(emulators.put(org + "/purchase-orders/y.csv",
                "po_number,supplier,ship_to_location,part_number,quantity,cost\nPO-7001,Acme Metals,Receiving,TORQ-WR-25,3,10\n"));
        var dying = new IntakeHandler(emulators.aws.config(), emulators.functionS3(),
                emulators.dynamoThrough(new CatalogFaultsTest.CrashAfterWriteNaming("number#PO-7001"), 3));
        assertThatThrownBy(() -> dying.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15))))
                .isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.poNumbers(org)).as("Y claimed PO-7001").containsKey("PO-7001");
        assertThat(emulators.purchaseOrders(org)).as("and wrote no PO-7001 yet").noneMatch(po -> po.contains("\"PO-7001\""));
        var written = orgData();
        var file = catalogFile("Dock 78", "{\"poNumber\": \"PO-7001\", \"status\": \"DRAFT\", \"supplier\": \"Acme Metals\","
                + " \"shipToLocation\": \"Receiving\", \"lines\": []}");

        var refused = refusalOf(file);
        var afterLoad = "numbers " + emulators.poNumbers(org) + "\nPOs " + emulators.purchaseOrders(org);
        emulators.leaseRunsOutForEvent(event); // Y's lease runs out: its retry (Lambda's) finishes or undoes it
        crashing.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
        var afterRetry = "numbers " + emulators.poNumbers(org) + "\nPOs " + emulators.purchaseOrders(org);

        assertThat(refused).as("the load over Y's unfinished import; after it:\n" + afterLoad + "\nafter Y's retry:\n" + afterRetry)
                .isInstanceOf(CatalogException.class).hasMessageContaining("has not finished").hasMessageContaining(importId(event));
        assertThat(location("dock 78")).as("the refused load's new location").isNullOrEmpty();
        assertThat(written).as("before the load").isNotEmpty();
    }

    /** What loading {@code file} into the org threw; null where it loaded. */
    private Throwable refusalOf(java.nio.file.Path file) {
        try {
            emulators.loadCatalog(file, org);
            return null;
        } catch (Throwable e) {
            return e;
        }
    }
}
