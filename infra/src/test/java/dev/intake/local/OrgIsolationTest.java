package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.IntakeHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Orgs sharing one deployment (written by review "orgisolation", 7 December 2026; it passed): org X and org X-2 ("acme" and "acme-2":
 * one a prefix of the other) and an org differing only by case hold the same ids, serials and PO
 * numbers. A file of one, interleaved with the other's commit, must neither fail nor change it.
 */
class OrgIsolationTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    private static final AtomicInteger ORGS = new AtomicInteger();
    private static final String RENAME_901 = "po_number,original_po_number,supplier,ship_to_location,part_number,quantity,cost\n"
            + "PO-9901,PO-901,Pacific Fasteners,Stockroom A,,,\n";
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", Emulators.LEASE_OF_CRASH_TESTS));
    @RegisterExtension
    static final FaultInjector faults = new FaultInjector();
    private static IntakeHandler handlerA;

    private String org;
    private String other;
    private String upper;

    @BeforeAll
    static void handlerThroughFaults() {
        handlerA = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(faults, 3));
    }

    @BeforeEach
    void freshOrgs() throws Exception {
        faults.clear();
        org = "iso" + ORGS.incrementAndGet();
        other = org + "-2";
        upper = org.toUpperCase();
        for (var each : List.of(org, other, upper)) {
            emulators.loadCatalog(CATALOG, each);
        }
    }

    @Test
    void deliver_sameSerialAndSameIdInAPrefixOrgMidCommit_bothSucceedAndEachKeepsItsOwn() {
        var file = "id,part_number,serial_number,quantity,location\n,PCB-410,ISO-0001,1,Receiving\n1008,,,7,Stockroom B\n";
        var otherBefore = emulators.inventory(other);
        var eventA = S3Events.putEventJson(emulators.put(org + "/part-inventory/a.csv", file));
        faults.interleaveBefore("TransactWriteItems", 0, () -> {
            emulators.deliver(emulators.put(other + "/part-inventory/b.csv", file));
            emulators.deliver(emulators.put(upper + "/part-inventory/b.csv", file));
        });

        handlerA.handleRequest(S3Events.load(eventA), Emulators.context(Duration.ofMinutes(15)));

        for (var each : List.of(org, other, upper)) {
            var report = emulators.report(each + "/part-inventory/" + (each.equals(org) ? "a" : "b") + ".csv");
            assertThat(report.get("status").asText()).as(each + ": " + report).isEqualTo("SUCCEEDED");
            assertThat(emulators.serials(each)).as(each).anyMatch(line -> line.startsWith("PCB-410 ISO-0001 -> "));
            assertThat(emulators.inventory(each)).as(each).hasSize(otherBefore.size() + 1)
                    .anyMatch(line -> line.startsWith("{\"id\":1008,") && line.contains("\"quantity\":7"));
        }
    }

    @Test
    void deliver_renameInOneOrgWhileAPrefixOrgTakesBothNumbers_bothSucceed() {
        var eventA = S3Events.putEventJson(emulators.put(org + "/purchase-orders/a.csv", RENAME_901));
        faults.interleaveBefore("TransactWriteItems", 0, () -> emulators.deliver(emulators.put(other + "/purchase-orders/b.csv",
                "po_number,supplier,ship_to_location,part_number,quantity,cost\nPO-9901,Pacific Fasteners,Stockroom A,FST-M3-10,1,1\n")));

        handlerA.handleRequest(S3Events.load(eventA), Emulators.context(Duration.ofMinutes(15)));

        var reportA = emulators.report(org + "/purchase-orders/a.csv");
        assertThat(reportA.get("status").asText()).as(reportA.toString()).isEqualTo("SUCCEEDED");
        var reportB = emulators.report(other + "/purchase-orders/b.csv");
        assertThat(reportB.get("status").asText()).as(reportB.toString()).isEqualTo("SUCCEEDED");
        assertThat(emulators.poNumbers(org)).containsKey("PO-9901").doesNotContainKey("PO-901");
        assertThat(emulators.poNumbers(other)).containsKeys("PO-901", "PO-9901");
    }

    @Test
    void deliver_idOfAnotherOrgOnly_isNotFound() throws Exception {
        var created = emulators.put(other + "/part-inventory/c.csv", "id,part_number,quantity,location\n,FST-M3-10,1,Receiving\n");
        emulators.deliver(created);
        var id = emulators.report(other + "/part-inventory/c.csv").get("created").get(0).get("id").asLong();
        emulators.deliver(emulators.put(org + "/part-inventory/d.csv", "id,quantity\n" + id + ",5\n"));

        var report = emulators.report(org + "/part-inventory/d.csv");
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        assertThat(report.get("errors").get(0).get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(report.get("errors").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(report.get("errors").get(0).get("column").asText()).isEqualTo("id");
    }
}
