package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.intake.IntakeHandler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * An owner that stalls (a pause of the whole process) past its lease while it commits, is taken
 * over, and then goes on: written by the stress review of 5 December 2026 (stresscat).
 */
class StalledOwnerTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", "1"));
    private static final AtomicInteger ORGS = new AtomicInteger();

    /**
     * Stalls the whole "process" at the first call of {@code operation} naming {@code naming}:
     * while {@code meanwhile} runs (on that call's thread), every other call of the process (its
     * lease renewals) waits; then the stalled call and the rest go on.
     */
    static final class Stall implements ExecutionInterceptor {
        private final String operation;
        private final String naming;
        private final Runnable meanwhile;
        private final AtomicBoolean fired = new AtomicBoolean();
        private final AtomicBoolean frozen = new AtomicBoolean();
        private final CountDownLatch woken = new CountDownLatch(1);

        Stall(String operation, String naming, Runnable meanwhile) {
            this.operation = operation;
            this.naming = naming;
            this.meanwhile = meanwhile;
        }

        boolean fired() {
            return fired.get();
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            var op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if (op.equals(operation) && context.request().toString().contains(naming) && fired.compareAndSet(false, true)) {
                frozen.set(true);
                try {
                    meanwhile.run();
                } finally {
                    frozen.set(false);
                    woken.countDown();
                }
                return; // the stalled call goes out now, late
            }
            if (frozen.get()) {
                try {
                    woken.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private static String catalog(String org, String locations) {
        return """
                {"org": "%s", "locations": [%s], "unitsOfMeasure": ["each"],
                 "parts": [{"partNumber": "P", "revision": "A", "trackingType": "none", "unitOfMeasure": "each"}],
                 "inventory": [{"id": 1, "partNumber": "P", "revision": "A", "quantity": 1, "location": "Dock"},
                               {"id": 2, "partNumber": "P", "revision": "A", "quantity": 2, "location": "Dock"}]}
                """.formatted(org, locations);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Found by review (5 Dec 2026): lifecycle.md ("Leases are time, not a fence") says a write an
     * owner stalled past its lease sends late is harmless when it is conditional ("a conditional
     * write then fails harmlessly"); only unconditional creates are named as the limit. Not so when
     * the delivery that took over undid the import: an update is conditional on the version
     * validation read, and the undo leaves the record at that version (or puts it back there,
     * stamp and all). Here the owner stalls inside the transaction that updates records 1 and 2;
     * the catalog gains a location meanwhile, so the retry that takes over undoes the import and
     * reports FAILED, "everything this import had written was undone"; then the stalled
     * transaction lands. The FAILED import's update stayed: quantities 5 and 6. Fixed the same
     * day: each write goes out only while its lease holds ({@code LeaseCheck}), checked after
     * the stall, as the last thing before the request is sent.
     */
    @Test
    void deliver_ownerStalledInsideAnUpdateWhileTheRetryUndoesTheImport_failedImportLeavesNothing() throws Exception {
        var org = "stalled" + ORGS.incrementAndGet();
        var loader = new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config());
        loader.load(CatalogFile.parse(catalog(org, "\"Dock\"")), "first.json");
        var key = org + "/part-inventory/counts.csv";
        var upload = emulators.put(key, "id,quantity\n1,5\n2,6\n");
        var stall = new Stall("TransactWriteItems", emulators.aws.config().inventoryTable(), () -> {
            sleep(1_500); // the owner's lease (1 s) runs out; its renewals wait with it
            try {
                loader.load(CatalogFile.parse(catalog(org, "\"Dock\", \"Yard\"")), "second.json"); // the catalog changes
            } catch (CatalogException e) {
                throw new AssertionError(e);
            }
            emulators.deliver(upload); // Lambda's retry takes over: the catalog changed, the import is undone
        });
        var stalling = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(stall, 3));

        var thrown = catchThrowable(() -> stalling.handleRequest(S3Events.load(S3Events.putEventJson(upload)),
                Emulators.context(Duration.ofMinutes(15))));

        assertThat(stall.fired()).as("the owner stalled in its update").isTrue();
        var report = emulators.report(key);
        System.out.println("stalled owner ended with " + thrown + "; report " + report);
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(emulators.imports()).filteredOn(item -> key.equals(item.get("key").s()))
                .extracting(item -> item.get("status").s()).containsExactly("FAILED");
        assertThat(emulators.inventory(org)).as("a FAILED import, undone, leaves the records as they were")
                .allSatisfy(line -> assertThat(line).doesNotContain("\"quantity\":5", "\"quantity\":6"));
    }
    /**
     * The other half of the limit lifecycle.md named: a unit of creates is unconditional. The owner
     * stalls inside the batch that creates the file's records; the retry takes the import over and
     * finishes it (SUCCEEDED); a later file changes one of the new records; then the stalled batch
     * goes out and, sent, would put the record back as the first file created it.
     */
    @Test
    void deliver_ownerStalledInsideItsCreatesWhileTheRetryFinishesAndALaterFileChangesThem_laterChangeStays()
            throws Exception {
        var org = "stalled" + ORGS.incrementAndGet();
        var loader = new CatalogLoader(emulators.aws.dynamo(), emulators.aws.config());
        loader.load(CatalogFile.parse(catalog(org, "\"Dock\"")), "first.json");
        var key = org + "/part-inventory/received.csv";
        var upload = emulators.put(key, "id,part_number,revision,quantity,location\n,P,A,3,Dock\n,P,A,4,Dock\n");
        var laterChange = new java.util.concurrent.atomic.AtomicReference<String>();
        var stall = new Stall("BatchWriteItem", emulators.aws.config().inventoryTable(), () -> {
            sleep(1_500); // the owner's lease (1 s) runs out; its renewals wait with it
            emulators.deliver(upload); // Lambda's retry takes over and writes the rest
            var created = emulators.inventory(org).stream().filter(line -> line.contains("\"quantity\":3")).toList();
            assertThat(created).as("the retry created the record").hasSize(1);
            var change = emulators.importFile(org + "/part-inventory/recount.csv",
                    "id,quantity\n" + Emulators.idOf(created.getFirst()) + ",9\n");
            laterChange.set(change.get("status").asText());
        });
        var stalling = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(stall, 3));

        var thrown = catchThrowable(() -> stalling.handleRequest(S3Events.load(S3Events.putEventJson(upload)),
                Emulators.context(Duration.ofMinutes(15))));

        assertThat(stall.fired()).as("the owner stalled in its creates").isTrue();
        assertThat(laterChange.get()).as("the later file's import").isEqualTo("SUCCEEDED");
        assertThat(thrown).as("the stalled owner stops").isNotNull();
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).as("the later file's change stays")
                .anySatisfy(line -> assertThat(line).contains("\"quantity\":9"))
                .noneSatisfy(line -> assertThat(line).contains("\"quantity\":3"));
    }
}
