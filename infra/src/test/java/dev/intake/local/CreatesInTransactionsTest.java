package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.IntakeHandler;
import dev.intake.local.FaultInjector.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Creates sent as transactions of 100 ({@code INTAKE_CREATE_WRITES=transactions}), as {@code ./intake}
 * sends them to DynamoDB Local on disk, instead of BatchWriteItems.
 */
class CreatesInTransactionsTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    /** 150 untracked creates: two transactions of creates, no serial claims. */
    private static final String CREATES = "part_number,quantity,location\n" + "FST-M3-10,5,Stockroom A\n".repeat(150);

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_CREATE_WRITES", "transactions"));
    private static final FaultInjector faults = new FaultInjector();
    private static IntakeHandler faultyHandler;

    @BeforeAll
    static void faultyHandler() {
        faultyHandler = new IntakeHandler(emulators.aws.config(), emulators.s3Through(faults),
                emulators.dynamoThrough(faults, 3));
    }

    @BeforeEach
    void catalog() throws Exception {
        faults.clear();
        emulators.loadCatalog(CATALOG, "acme");
    }

    @Test
    void deliver_fileOfCreates_succeedsWithEveryRecordCreated() {
        var upload = emulators.put("acme/part-inventory/creates.csv", CREATES);
        var before = emulators.inventory("acme").size();

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofMinutes(15)));

        var report = emulators.report(upload.key());
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(report.get("counts").get("created").asInt()).isEqualTo(150);
        assertThat(emulators.inventory("acme")).hasSize(before + 150);
    }

    /** Records written in transactions get their claims the same way: each claim checked against its record. */
    @Test
    void deliver_serialTrackedCreates_claimsEachSerialForItsRecord() {
        var csv = new StringBuilder("part_number,serial_number,quantity,location\n");
        for (int i = 1; i <= 120; i++) {
            csv.append("SAT-BUS-1000,TX-").append(i).append(",1,Stockroom A\n");
        }
        var upload = emulators.put("acme/part-inventory/serials.csv", csv.toString());

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(emulators.report(upload.key()).get("status").asText()).isEqualTo("SUCCEEDED");
        var created = emulators.inventory("acme").stream().filter(line -> line.contains("\"TX-")).toList();
        assertThat(created).hasSize(120);
        assertThat(emulators.serials("acme")).filteredOn(line -> line.startsWith("SAT-BUS-1000 TX-"))
                .containsExactlyInAnyOrderElementsOf(created.stream().map(line -> "SAT-BUS-1000 "
                        + line.replaceAll(".*\"serialNumber\":\"(TX-[0-9]+)\".*", "$1") + " -> " + Emulators.idOf(line)).toList());
    }

    /**
     * The second transaction of creates is cancelled, DynamoDB refusing an item for what it holds:
     * no retry can help, so the first one's records are undone and the file fails naming the rows,
     * in one delivery. Before, the cancellation was thrown on as a failure to retry.
     */
    @Test
    void deliver_transactionOfCreatesCancelledForAnItemDynamoRefuses_failedWithWriteRefusedAndUndone() {
        var upload = emulators.put("acme/part-inventory/refused.csv", CREATES);
        var before = emulators.inventory("acme");
        faults.failAfter("TransactWriteItems", 1, Fault.CANCELLED_REFUSED, 1);

        var reports = faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(upload)),
                Emulators.context(Duration.ofMinutes(15)));

        assertThat(reports).hasSize(1);
        var report = emulators.report(upload.key());
        assertThat(report.get("status").asText()).isEqualTo("FAILED");
        var error = report.get("errors").get(0);
        assertThat(error.get("code").asText()).isEqualTo("WRITE_REFUSED");
        assertThat(error.get("column").isNull()).isTrue();
        assertThat(error.get("row").asInt()).isEqualTo(102); // the first row of the second transaction
        assertThat(error.get("message").asText()).contains("DynamoDB refused", "injected ValidationError", "undone");
        assertThat(emulators.inventory("acme")).isEqualTo(before);
    }
}
