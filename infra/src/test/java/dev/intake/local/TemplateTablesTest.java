package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.IntakeConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;

class TemplateTablesTest {

    static final Path PROJECT_TEMPLATE = Path.of("..", "template.yaml");

    @Test
    void tableNames_functionVariablesWithShortTags_nameTablesAfterIntakeConfigDefaults() throws Exception {
        var tables = TemplateTables.read(fixture("small.yaml"));

        assertThat(tables.tableNames(Map.of()))
                .containsExactly(Map.entry("Catalog", "intake-catalog"), Map.entry("Stock", "intake-inventory"));
    }

    @Test
    void tableNames_tableVariableSet_usesTheVariable() throws Exception {
        var tables = TemplateTables.read(fixture("small.yaml"));

        assertThat(tables.tableNames(Map.of("INVENTORY_TABLE", "my-stock", "CATALOG_TABLE", " ")))
                .containsEntry("Stock", "my-stock")
                .containsEntry("Catalog", "intake-catalog");
    }

    @Test
    void createTableRequests_fixture_copiesKeysIndexesAndProjectionsOnDemand() throws Exception {
        var requests = TemplateTables.read(fixture("small.yaml")).createTableRequests(Map.of());
        var stock = byName(requests, "intake-inventory");

        assertThat(stock.billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(stock.provisionedThroughput()).isNull();
        assertThat(stock.attributeDefinitions()).containsExactly(
                attribute("org", "S"), attribute("id", "N"), attribute("serialKey", "S"));
        assertThat(stock.keySchema()).containsExactly(key("org", "HASH"), key("id", "RANGE"));
        assertThat(stock.globalSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("bySerial");
            assertThat(index.keySchema()).containsExactly(key("serialKey", "HASH"));
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
            assertThat(index.projection().nonKeyAttributes()).containsExactly("partNumber", "revision");
        });
        assertThat(stock.localSecondaryIndexes()).singleElement().satisfies(index -> {
            assertThat(index.indexName()).isEqualTo("bySerialLocal");
            assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.KEYS_ONLY);
        });
    }

    @Test
    void createTableRequests_tableNoFunctionNames_isNotCreated() throws Exception {
        var requests = TemplateTables.read(fixture("small.yaml")).createTableRequests(Map.of());

        assertThat(requests).extracting(CreateTableRequest::tableName)
                .containsExactlyInAnyOrder("intake-inventory", "intake-catalog");
    }

    @Test
    void createTableRequests_intrinsicInKeySchema_failsNamingThePlace() throws Exception {
        var tables = TemplateTables.read(fixture("intrinsic-key.yaml"));

        assertThatThrownBy(() -> tables.createTableRequests(Map.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Imports.AttributeDefinitions.AttributeName must be a literal value")
                .hasMessageContaining("{Ref=KeyName}");
    }

    @Test
    void createTableRequests_projectTemplate_matchesTheDocumentedModel() throws Exception {
        var requests = TemplateTables.read(PROJECT_TEMPLATE).createTableRequests(Map.of());

        var inventory = byName(requests, "intake-inventory");
        assertThat(inventory.keySchema()).containsExactly(key("shard", "HASH"), key("id", "RANGE"));
        assertThat(inventory.globalSecondaryIndexes())
                .extracting(index -> index.indexName() + ":" + index.projection().projectionTypeAsString())
                .containsExactly("byParent:ALL", "installations:KEYS_ONLY");
        assertThat(byName(requests, "intake-purchase-orders").keySchema()).containsExactly(key("shard", "HASH"), key("sk", "RANGE"));
        assertThat(byName(requests, "intake-serials").keySchema()).containsExactly(key("serialKey", "HASH"));
        assertThat(byName(requests, "intake-catalog").keySchema()).containsExactly(key("org", "HASH"), key("sk", "RANGE"));
        var imports = byName(requests, "intake-imports");
        assertThat(imports.keySchema()).containsExactly(key("importId", "HASH"));
        assertThat(imports.globalSecondaryIndexes()).singleElement()
                .satisfies(index -> assertThat(index.keySchema()).containsExactly(key("org", "HASH"), key("startedAt", "RANGE")));
    }

    static Path fixture(String name) throws URISyntaxException {
        return Path.of(TemplateTablesTest.class.getResource("/templates/" + name).toURI());
    }

    private static CreateTableRequest byName(java.util.List<CreateTableRequest> requests, String name) {
        return requests.stream().filter(r -> r.tableName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no table " + name + " in " + requests));
    }

    private static AttributeDefinition attribute(String name, String type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, String type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    @Test
    void tableVariables_projectTemplate_areExactlyTheOnesIntakeConfigLists() throws Exception {
        var tables = TemplateTables.read(PROJECT_TEMPLATE);

        assertThat(tables.tableVariables()).containsExactlyInAnyOrderElementsOf(IntakeConfig.TABLE_VARIABLES);
    }
}
