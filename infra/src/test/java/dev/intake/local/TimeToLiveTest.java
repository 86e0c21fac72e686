package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.IntakeHandler;
import dev.intake.aws.CatalogItems;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.TrackingType;
import dev.intake.local.FaultInjector.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Time-to-live of what an unfinished import needs: its undo journal, its delete traces and its
 * release traces expire 30 days after they were written (expiresAt, the tables' TTL attribute),
 * while the import itself can stay COMMITTING for as long as nobody re-delivers its event
 * (docs/lifecycle.md: "There is no command that ends a stuck import without finishing it";
 * docs/deploy.md tells how to send its event by hand, with no time limit).
 */
class TimeToLiveTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    /** Two updates (1001 moves an assembly, with its installed children; 1007 gets a new quantity) and three creates. */
    private static final String FILE = """
            id,part_number,serial_number,lot_number,quantity,location,autogenerate_serial,autogenerate_lot
            1001,,SB-0001,,1,Line 2,,
            1007,,,,480,Stockroom A,,
            ,FST-M3-10,,,1,Stockroom A,,
            ,PCB-410,,,1,Receiving,true,
            ,BRKT-220,,,5,Stockroom A,,yes
            """;

    /** A lease no loaded machine runs out by accident; the stuck delivery's is moved into the past ({@link Emulators#leaseRunsOut}). */
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", Emulators.LEASE_OF_CRASH_TESTS));
    private static final FaultInjector faults = new FaultInjector();

    private static final java.util.concurrent.atomic.AtomicInteger ORGS = new java.util.concurrent.atomic.AtomicInteger();
    private final String org = "ttl" + ORGS.incrementAndGet();

    /**
     * Found by review (5 Dec 2026): an import whose every attempt died before its report stays
     * COMMITTING, holding what it wrote, until its event is delivered again. Its undo journal (and
     * its delete and release traces) carry {@code expiresAt} 30 days after they were written, and
     * DynamoDB's TTL deletes them while the import still needs them. Delivered again a month on
     * (by hand, as deploy.md says) after the catalog changed, the resume had to be undone, with
     * no journal to undo from: the report said FAILED and undone, while the records the file
     * updated kept the file's values. Now a journal that may have expired is not used: the
     * delivery fails saying so, and the import stays unfinished, holding what it wrote, for people
     * to repair (lifecycle.md). The month is simulated by moving the journal's start back and
     * deleting what TTL would have deleted by then.
     */
    @Test
    void deliver_stuckImportRedeliveredAfterItsJournalMayHaveExpired_refusesToUndoAndSaysWhy() throws Exception {
        var event = stuckAtItsReport();
        var halfWay = orgData();

        // A month and a day later: the journal was begun 31 days ago, and TTL has removed every item whose expiresAt passed.
        journalBegunAMonthEarlier(event);
        expireItemsDueBy(Instant.now().plus(Duration.ofDays(31)));
        // ... and the catalog gained a revision in that month, so the resume must be undone.
        addARevisionToTheCatalog();
        emulators.leaseRunsOutForEvent(event);

        assertThatThrownBy(() -> deliver(event))
                .hasMessageContaining("cannot be finished or undone: its journal was begun on")
                .hasMessageContaining("more than 30 days ago");

        assertThat(ledger(event).get("status").s()).as("left unfinished").isIn("COMMITTING", "ROLLING_BACK");
        assertThat(orgData()).as("nothing undone from a journal that may lack entries").isEqualTo(halfWay);
        assertThat(emulators.text(key(event) + ".report.json")).as("no report that says it was undone").isEmpty();
    }


    /**
     * Found by review (5 Dec 2026): lifecycle.md ("A journal that expired") said "Since a resume
     * that finishes never reads the journal, such an import can still be finished, if nothing it
     * validated against changed". It does read it: a resume goes on from what validation read, as
     * journaled, and from a journal TTL may have thinned it would go on from less. Adapted: the
     * resume is refused too, saying so (not "undone", which nobody asked for), and the doc says so.
     */
    @Test
    void deliver_stuckImportRedeliveredAfterAMonthWithNothingChanged_isRefusedSayingWhy() throws Exception {
        var event = stuckAtItsReport();
        var halfWay = orgData();

        journalBegunAMonthEarlier(event);
        emulators.leaseRunsOutForEvent(event); // the catalog is unchanged

        assertThatThrownBy(() -> deliver(event)).hasMessageContaining("cannot be finished or undone");

        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        assertThat(orgData()).isEqualTo(halfWay);
        assertThat(Files.readString(Emulators.ROOT.resolve("docs/lifecycle.md"))).doesNotContain("never reads the journal");
    }

    /**
     * Found by review (5 Dec 2026): journalSince was set by the first journal write of ANY attempt
     * (if_not_exists) and never reset, while a take-over of an attempt that never began writing
     * starts a new journal after journalFrom (DynamoImportLedger.existingClaim) whose items expire a
     * month after they are written. An attempt that journaled up front and died before writing,
     * re-delivered after a month, journals afresh, writes, and dies at its report; Lambda's retry
     * minutes later then refuses the fresh journal as "begun more than 30 days ago": the import is
     * stuck for good, though nothing it needs has expired. The take-over should reset journalSince
     * with journalFrom.
     */
    @Test
    void deliver_takeOverAfterAMonthOfAnAttemptThatNeverWrote_freshJournalIsNotRefused() throws Exception {
        emulators.loadCatalog(CATALOG, org);
        var event = S3Events.putEventJson(emulators.put(org + "/part-inventory/file.csv", FILE));
        faults.failAfter("UpdateItem", "COMMITTING", 0, Fault.CRASH, 1); // journaled up front, dies before writing
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("RUNNING");
        assertThat(ledger(event)).containsKey("journalSince");
        faults.clear();

        // A month and a day later (the first attempt's journal begun 31 days ago, and expired) it is re-delivered.
        journalBegunAMonthEarlier(event);
        expireItemsDueBy(Instant.now().plus(Duration.ofDays(31)));
        emulators.leaseRunsOutForEvent(event);
        faults.failAfter("PutObject", 0, Fault.CRASH, 1); // journals afresh, every write lands, dies at the report
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        faults.clear();
        // ... and the catalog gains a revision meanwhile, so the retry must undo from the fresh journal.
        addARevisionToTheCatalog();
        emulators.leaseRunsOutForEvent(event);

        deliver(event); // Lambda's retry, minutes later: its journal is minutes old

        assertThat(ledger(event).get("status").s()).as("undone from its fresh journal").isEqualTo("FAILED");
    }

    /**
     * Found by review (5 Dec 2026): a copy of an object onto its own key (a change of storage
     * class, encryption or metadata; a Batch Operations job re-encrypting the bucket, as
     * lifecycle.md names) is told from a new file by the key's newest-upload item in ImportsTable
     * (CopiedUploads, "A copy onto its own key"). That item carries {@code expiresAt} a month after
     * the key's last claim (dynamodb.md: "S3 and Lambda give up delivering an event long before"),
     * and TTL then deletes it. A copy made more than a month after the upload (when re-encrypting
     * a bucket or moving old files to another storage class, as one does with old files) finds no
     * last upload, is taken for a new file and imported again: the file's creates are made a second
     * time, and its report replaced.
     */
    @Test
    void deliver_copyOntoItselfAMonthAfterTheImport_doesNotImportItAgain() throws Exception {
        emulators.loadCatalog(CATALOG, org);
        var key = org + "/part-inventory/bolts.csv";
        var text = "part_number,quantity,location\nFST-M3-10,5,Stockroom A\n";
        emulators.deliver(emulators.put(key, text));
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
        var inventory = emulators.inventory(org);
        var report = emulators.text(key + ".report.json").orElseThrow();

        // A month and a day later TTL has removed every item whose expiresAt has passed; then the
        // object's storage class is changed (a copy onto its own key, same bytes, same eTag).
        expireItemsDueBy(Instant.now().plus(Duration.ofDays(31)));
        var copy = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(S3Events.putEventJson(emulators.put(key, text)));
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("Records").get(0)).put("eventName", "ObjectCreated:Copy");

        emulators.deliver(copy.toString());

        assertThat(emulators.inventory(org)).as("inventory after the copy's event").isEqualTo(inventory);
        assertThat(emulators.text(key + ".report.json")).as("the import's report").contains(report);
    }

    /** The event of an import of FILE whose every write landed and whose function died at the report: COMMITTING. */
    private String stuckAtItsReport() throws Exception {
        emulators.loadCatalog(CATALOG, org);
        var event = S3Events.putEventJson(emulators.put(org + "/part-inventory/file.csv", FILE));
        faults.failAfter("PutObject", 0, Fault.CRASH, 1);
        assertThatThrownBy(() -> deliver(event)).isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(ledger(event).get("status").s()).isEqualTo("COMMITTING");
        faults.clear();
        return event;
    }

    /** Moves the import's journal start a month and a day back, as if it had waited that long. */
    private static void journalBegunAMonthEarlier(String event) {
        emulators.journalBegunAMonthEarlier(ledger(event));
    }

    /** A catalog change after an import validated: its resume must be undone. */
    private void addARevisionToTheCatalog() {
        emulators.aws.dynamo().putItem(b -> b.tableName(emulators.aws.config().catalogTable())
                .item(CatalogItems.part(org, new Part("FST-M3-10", "B", TrackingType.SERIAL, "each",
                        "receivable_inventory", null), 1_000_000)));
    }

    /** Deletes, as DynamoDB's TTL would by {@code moment}, every item of the function's tables whose expiresAt is before it. */
    private static void expireItemsDueBy(Instant moment) {
        var config = emulators.aws.config();
        var dynamo = emulators.aws.dynamo();
        for (var table : List.of(config.importsTable(), config.serialsTable(), config.purchaseOrdersTable(),
                config.inventoryTable(), config.catalogTable())) {
            var keyNames = dynamo.describeTable(b -> b.tableName(table)).table().keySchema().stream()
                    .map(k -> k.attributeName()).toList();
            dynamo.scanPaginator(b -> b.tableName(table).consistentRead(true)).items().stream()
                    .filter(item -> item.containsKey("expiresAt")
                            && Long.parseLong(item.get("expiresAt").n()) < moment.getEpochSecond())
                    .forEach(item -> dynamo.deleteItem(b -> b.tableName(table).key(keyOf(item, keyNames))));
        }
    }

    private static Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item, List<String> keyNames) {
        var key = new java.util.HashMap<String, AttributeValue>();
        keyNames.forEach(name -> key.put(name, item.get(name)));
        return key;
    }

    private List<Object> orgData() {
        return List.of(emulators.inventory(org), emulators.serials(org), emulators.purchaseOrders(org),
                emulators.poNumbers(org));
    }

    private static void deliver(String event) {
        new IntakeHandler(emulators.aws.config(), emulators.s3Through(faults), emulators.dynamoThrough(faults, 3))
                .handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
    }

    private static String key(String event) {
        return S3Events.load(event).getRecords().getFirst().getS3().getObject().getUrlDecodedKey();
    }

    private static Map<String, AttributeValue> ledger(String event) {
        return emulators.imports().stream().filter(item -> item.get("key").s().equals(key(event)))
                .findFirst().orElseThrow();
    }
}
