package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.IntakeHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Found by review "own52e" on 7 December 2026: {@code DynamoIdAllocator.peek} now reads the
 * highest stored ids too (16 strongly consistent queries, {@code HighestStoredIds}), so that a
 * dry run predicts the ids a commit gets. But peek is not a dry run's alone: every commit calls
 * it as well ({@code PartInventoryImporter.run}, before the mode is looked at; a PO import for
 * both of its sequences), where its value only sizes validation, and the allocation that follows
 * reads the same 16 shards again. A one-row commit of Part Inventory sends 32 such queries, where
 * 16 (the allocation's check) were sent before.
 */
class CommitReadsOfStoredIdsTest {

    private static final Path SAMPLES = Emulators.ROOT.resolve("samples/acme");

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of());

    @Test
    void commit_oneRowOfPartInventory_readsTheHighestStoredIdsOnce() throws Exception {
        var org = "hotpath";
        emulators.loadCatalog(SAMPLES.resolve("catalog.json"), org);
        var key = org + "/part-inventory/one.csv";
        var upload = emulators.put(key, "part_number,revision,quantity,location,supplier\nFST-M3-10,A,5,Stockroom A,Pacific Fasteners\n");
        var counted = new HighestIdQueries(emulators.aws.config().inventoryTable());
        var handler = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(counted, 3));

        handler.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofMinutes(5)));

        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(counted.queries.get()).as("queries for the highest stored inventory id (16 shards each)").isEqualTo(16);
    }

    /** Counts HighestStoredIds' queries of the inventory table: newest first, one item. */
    static final class HighestIdQueries implements ExecutionInterceptor {
        private final String table;
        final AtomicInteger queries = new AtomicInteger();

        HighestIdQueries(String table) {
            this.table = table;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if ("Query".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                    && context.request() instanceof QueryRequest query && table.equals(query.tableName())
                    && Boolean.FALSE.equals(query.scanIndexForward()) && Integer.valueOf(1).equals(query.limit())) {
                queries.incrementAndGet();
            }
        }
    }
}
