package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * How a catalog load writes the inventory records it seeds: many records to a transaction, not a
 * request a record, and where one record of a transaction changed since the load read it, the
 * others are still written and the load names that one. Sent a record at a time, 20,000 seeded
 * items took about 33 s where an import of as many rows took 14 s (measured on 7 December 2026).
 */
class CatalogSeedWritesTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger ORGS = new AtomicInteger();

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();
    @RegisterExtension
    static final FaultInjector faults = new FaultInjector();

    private String org;

    @BeforeEach
    void freshOrg() {
        faults.clear();
        org = "seedwrites" + ORGS.incrementAndGet();
    }

    @Test
    void load_ofThreeHundredSerialTrackedItems_writesThemAndTheirClaimsInSixTransactionsOfAHundred() throws Exception {
        var catalog = (ObjectNode) JSON.readTree(Files.readString(CATALOG));
        catalog.putArray("purchaseOrders"); // their On Order records would be inventory writes of their own
        var inventory = catalog.putArray("inventory");
        for (int i = 0; i < 300; i++) {
            inventory.addObject().put("id", 5000 + i).put("partNumber", "PCB-410").put("revision", "A")
                    .put("serialNumber", "SW-%04d".formatted(i)).put("quantity", 1).put("location", "Stockroom A");
        }
        var inventoryWrites = new InventoryWrites(emulators.aws.config().inventoryTable());

        load(catalog, emulators.cliDynamoThrough(inventoryWrites, 3));

        // a record and its serial's claim are two writes; a transaction holds up to 100
        assertThat(inventoryWrites.byOperation).isEqualTo(Map.of("TransactWriteItems", 6));
        assertThat(emulators.inventory(org)).hasSize(300);
        assertThat(emulators.serials(org)).hasSize(300).isEqualTo(emulators.heldSerials(org));
    }

    /**
     * Boards 1007, 1008 and 1010 move to Quarantine in one transaction; just before it goes out, a
     * file changes 1008's quantity. The transaction is refused whole; written one by one, 1007 and
     * 1010 move, and the load names 1008, which keeps the file's change.
     */
    @Test
    void load_oneRecordOfATransactionChangedSinceTheRead_theOthersAreWrittenAndTheLoadNamesIt() throws Exception {
        emulators.loadCatalog(CATALOG, org);
        var catalog = (ObjectNode) JSON.readTree(Files.readString(CATALOG));
        for (var item : (ArrayNode) catalog.get("inventory")) {
            if (Map.of(1007L, 0, 1008L, 0, 1010L, 0).containsKey(item.get("id").asLong())) {
                ((ObjectNode) item).put("location", "Quarantine");
            }
        }
        faults.interleaveBeforeCallNaming("TransactWriteItems", "S=Quarantine", () -> assertThat(emulators
                .importFile(org + "/part-inventory/count.csv", "id,quantity\n1008,7\n").get("status").asText()).isEqualTo("SUCCEEDED"));

        assertThatThrownBy(() -> load(catalog, emulators.cliDynamoThrough(faults, 3)))
                .isInstanceOf(CatalogException.class).hasMessageContaining("inventory 1008 ");

        assertThat(record(1007)).contains("\"location\":\"Quarantine\"");
        assertThat(record(1010)).contains("\"location\":\"Quarantine\"");
        assertThat(record(1008)).contains("\"location\":\"Stockroom A\"", "\"quantity\":7");
    }

    private void load(ObjectNode catalog, software.amazon.awssdk.services.dynamodb.DynamoDbClient dynamo) throws Exception {
        catalog.put("org", org);
        new CatalogLoader(dynamo, emulators.aws.config()).load(CatalogFile.parse(catalog.toString()), "catalog.json");
    }

    private String record(long id) {
        return emulators.inventory(org).stream().filter(line -> line.startsWith("{\"id\":" + id + ",")).findFirst().orElseThrow();
    }

    /** Counts the write requests that name the inventory table, by operation. */
    private static final class InventoryWrites implements ExecutionInterceptor {
        private final String table;
        final Map<String, Integer> byOperation = new ConcurrentHashMap<>();

        InventoryWrites(String table) {
            this.table = table;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            var operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            if (operation.matches("PutItem|UpdateItem|DeleteItem|BatchWriteItem|TransactWriteItems")
                    && context.request().toString().contains("TableName=" + table + ",")) {
                byOperation.merge(operation, 1, Integer::sum);
            }
        }
    }
}
