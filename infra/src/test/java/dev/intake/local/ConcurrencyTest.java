package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.IntakeHandler;
import dev.intake.local.FaultInjector.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two files changing the same inventory at once. File A's commit is interleaved with all of file
 * B's import, deterministically: B runs just before A's second write transaction. A's writes are
 * conditional on what it validated, so A finds B's change, undoes what it already wrote and
 * fails with CONCURRENT_CHANGE; B's import stands. Nothing of A is left half applied.
 */
class ConcurrencyTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    private static final AtomicInteger ORGS = new AtomicInteger();
    private static Emulators emulators;
    private static final FaultInjector faults = new FaultInjector();
    private static IntakeHandler handlerA;

    private String org;
    private String fileA;

    @BeforeAll
    static void start() throws Exception {
        emulators = Emulators.start(Map.of("INTAKE_LEASE_SECONDS", "1"));
        handlerA = new IntakeHandler(emulators.aws.config(), emulators.aws.s3(), emulators.dynamoThrough(faults, 3));
    }

    @AfterAll
    static void stop() {
        emulators.close();
    }

    @BeforeEach
    void freshOrg() throws Exception {
        faults.clear();
        org = "race" + ORGS.incrementAndGet();
        emulators.loadCatalog(CATALOG, org);
        // 150 new records (the first write transaction holds 100 of them), then an update of 1008.
        var csv = new StringBuilder("id,part_number,quantity,location\n");
        for (int i = 1; i <= 150; i++) {
            csv.append(",FST-M3-10,").append(i).append(",Stockroom A\n");
        }
        csv.append("1008,,7,Stockroom B\n");
        fileA = csv.toString();
    }

    @Test
    void deliver_otherFileChangesARecordMidCommit_loserUndoneAndReportedWinnerKept() {
        var eventA = S3Events.putEventJson(emulators.put(org + "/part-inventory/a.csv", fileA));
        faults.interleaveBefore("TransactWriteItems", 1, () -> importB("1008,3\n"));

        handlerA.handleRequest(S3Events.load(eventA), Emulators.context(Duration.ofMinutes(15)));

        var reportA = emulators.report(org + "/part-inventory/a.csv");
        assertThat(reportA.get("status").asText()).isEqualTo("FAILED");
        var error = reportA.get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(error.get("column").asText()).isEqualTo("id");
        assertThat(error.get("row").asInt()).isEqualTo(152);
        assertThat(error.get("message").asText()).contains("1008");
        assertThat(emulators.report(org + "/part-inventory/b.csv").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).isEqualTo(seededPlusB());
    }

    @Test
    void deliver_crashWhileUndoing_retryFinishesTheUndo() throws Exception {
        var eventA = S3Events.putEventJson(emulators.put(org + "/part-inventory/a.csv", fileA));
        faults.interleaveBefore("TransactWriteItems", 1, () -> {
            importB("1008,3\n");
            faults.failAfter("DeleteItem", 10, Fault.CRASH, 1); // dies ten records into the undo
        });

        assertThatThrownBy(() -> handlerA.handleRequest(S3Events.load(eventA), Emulators.context(Duration.ofMinutes(15))))
                .isInstanceOf(FaultInjector.SimulatedCrash.class);
        assertThat(emulators.inventory(org)).isNotEqualTo(seededPlusB());
        Thread.sleep(1_100); // the crashed delivery's lease runs out before Lambda's retry

        handlerA.handleRequest(S3Events.load(eventA), Emulators.context(Duration.ofMinutes(15)));

        JsonNode reportA = emulators.report(org + "/part-inventory/a.csv");
        assertThat(reportA.get("status").asText()).isEqualTo("FAILED");
        assertThat(reportA.get("errors").get(0).get("code").asText()).isEqualTo("CONCURRENT_CHANGE");
        assertThat(emulators.inventory(org)).isEqualTo(seededPlusB());
    }

    @Test
    void deliver_otherFileChangesADifferentRecord_bothSucceed() {
        var eventA = S3Events.putEventJson(emulators.put(org + "/part-inventory/a.csv", fileA));
        faults.interleaveBefore("TransactWriteItems", 1, () -> importB("1007,480\n"));

        handlerA.handleRequest(S3Events.load(eventA), Emulators.context(Duration.ofMinutes(15)));

        assertThat(emulators.report(org + "/part-inventory/a.csv").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.report(org + "/part-inventory/b.csv").get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).hasSize(seededPlusB().size() + 150);
    }

    /** B, through the plain handler: updates one record's quantity. */
    private void importB(String row) {
        var b = emulators.put(org + "/part-inventory/b.csv", "id,quantity\n" + row);
        emulators.deliver(b);
    }

    /** What the org holds when only B was imported: computed in a second org, B alone. */
    private List<String> seededPlusB() {
        try {
            var alone = org + "-b";
            emulators.loadCatalog(CATALOG, alone);
            var b = emulators.put(alone + "/part-inventory/b.csv", "id,quantity\n1008,3\n");
            emulators.deliver(b);
            return emulators.inventory(alone);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
