package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A file far larger than any golden file, generated here: 20,000 valid rows stream through the
 * three passes (scan, validate, commit) and every record is written, in transactional chunks with
 * their undo journal. On its own because DynamoDB Local is slow at that (about 20 s); memory and
 * speed are for benchmarks, not for this test, which checks only that everything lands.
 */
class StreamingImportTest {

    private static final int ROWS = 20_000;
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    @BeforeAll
    static void loadCatalog() throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), "acme");
    }

    @Test
    void import_20000ValidRowsOfAnUntrackedPart_succeededWithEveryRecord() {
        int seeded = count("acme");
        var csv = new StringBuilder("part_number,quantity,location\n");
        for (int i = 0; i < ROWS; i++) {
            csv.append("FST-M3-10,").append(i % 100 + 1).append(",Stockroom A\n");
        }
        var upload = emulators.put("acme/part-inventory/bulk-" + ROWS + ".csv", csv.toString());
        var reportKeys = new AtomicReference<List<String>>();

        assertThatCode(() -> reportKeys.set(emulators.deliver(upload))).doesNotThrowAnyException();

        assertThat(reportKeys.get()).containsExactly(upload.key() + ".report.json");
        var report = emulators.report(upload.key());
        assertThat(report.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(S3EventDeliveryTest.counts(report)).containsExactly(ROWS, ROWS, 0, 0);
        assertThat(report.get("created")).as("one run of consecutive creates").hasSize(1);
        assertThat(report.get("created").get(0).get("row").asInt()).isEqualTo(2);
        assertThat(report.get("created").get(0).get("count").asInt()).isEqualTo(ROWS);
        assertThat(count("acme")).isEqualTo(seeded + ROWS);
    }

    /** The org's record count, counted by DynamoDB over its shards (a dump of every record would take longer). */
    private static int count(String org) {
        return dev.intake.aws.Shards.all(org).stream()
                .mapToInt(shard -> emulators.aws.dynamo().queryPaginator(b -> b.tableName(emulators.aws.config().inventoryTable())
                                .keyConditionExpression("#pk = :shard").select("COUNT")
                                .expressionAttributeNames(java.util.Map.of("#pk", "shard"))
                                .expressionAttributeValues(java.util.Map.of(":shard",
                                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(shard))))
                        .stream().mapToInt(page -> page.count()).sum())
                .sum();
    }
}
