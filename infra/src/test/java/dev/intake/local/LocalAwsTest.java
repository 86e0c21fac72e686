package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.IntakeConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

class LocalAwsTest {

    private static final Path TEMPLATE = TemplateTablesTest.PROJECT_TEMPLATE;

    @Test
    void start_inMemory_createsTheTemplateTablesAndTheBucket() throws Exception {
        try (var aws = LocalAws.start(TEMPLATE, Map.of(), null)) {
            var templateTables = TemplateTables.read(TEMPLATE).tableNames(Map.of()).values();
            assertThat(aws.dynamo().listTables().tableNames())
                    .containsExactlyInAnyOrderElementsOf(templateTables)
                    .contains("intake-inventory", "intake-catalog", "intake-imports");
            assertThat(aws.dynamo().describeTable(b -> b.tableName("intake-inventory")).table().tableStatus())
                    .isEqualTo(TableStatus.ACTIVE);
            assertThat(aws.s3().listBuckets().buckets()).extracting(b -> b.name()).containsExactly("intake-local");
            assertThat(aws.realAws()).isFalse();
        }
    }

    @Test
    void clients_putThenGet_roundTripThroughBothEmulators() throws Exception {
        try (var aws = LocalAws.start(TEMPLATE, Map.of("INTAKE_BUCKET", "other-bucket"), null)) {
            aws.s3().putObject(b -> b.bucket("other-bucket").key("acme/part-inventory/a b.csv"), RequestBody.fromString("id\n1\n"));
            aws.dynamo().putItem(b -> b.tableName("intake-catalog")
                    .item(Map.of("org", AttributeValue.fromS("acme"), "sk", AttributeValue.fromS("location#dock"),
                            "name", AttributeValue.fromS("Dock"))));

            var body = aws.s3().getObjectAsBytes(b -> b.bucket("other-bucket").key("acme/part-inventory/a b.csv")).asUtf8String();
            var item = aws.dynamo().getItem(b -> b.tableName("intake-catalog")
                    .key(Map.of("org", AttributeValue.fromS("acme"), "sk", AttributeValue.fromS("location#dock")))).item();

            assertThat(body).isEqualTo("id\n1\n");
            assertThat(item.get("name").s()).isEqualTo("Dock");
        }
    }

    @Test
    void start_inMemory_bucketIsVersionedLikeTheDeployedOne() throws Exception {
        try (var aws = LocalAws.start(TEMPLATE, Map.of(), null)) {
            var first = aws.s3().putObject(b -> b.bucket("intake-local").key("k.csv"), RequestBody.fromString("1"));
            var second = aws.s3().putObject(b -> b.bucket("intake-local").key("k.csv"), RequestBody.fromString("2"));

            assertThat(first.versionId()).isNotBlank().isNotEqualTo(second.versionId());
        }
    }

    @Test
    void start_onDisk_keepsDataAcrossRestartsInAnUnversionedBucket(@TempDir Path home) throws Exception {
        try (var aws = LocalAws.start(TEMPLATE, Map.of(), home)) {
            var put = aws.s3().putObject(b -> b.bucket("intake-local").key("acme/x.csv"), RequestBody.fromString("kept"));
            assertThat(put.versionId()).isNull();
            aws.dynamo().putItem(b -> b.tableName("intake-imports").item(Map.of("importId", AttributeValue.fromS("i-1"))));
            assertThat(aws.localFile("intake-local", "acme/x.csv")).hasValueSatisfying(p -> assertThat(p).hasContent("kept"));
        }

        try (var aws = LocalAws.start(TEMPLATE, Map.of(), home)) {
            assertThat(aws.s3().getObjectAsBytes(b -> b.bucket("intake-local").key("acme/x.csv")).asUtf8String()).isEqualTo("kept");
            assertThat(aws.dynamo().getItem(b -> b.tableName("intake-imports")
                    .key(Map.of("importId", AttributeValue.fromS("i-1")))).item()).isNotEmpty();
        }
    }

    @Test
    void start_stateFolderInUse_failsWithAClearMessage(@TempDir Path home) throws Exception {
        try (var first = LocalAws.start(TEMPLATE, Map.of(), home)) {
            assertThatThrownBy(() -> LocalAws.start(TEMPLATE, Map.of(), home))
                    .hasMessageContaining("another ./intake is using " + home);
            assertThat(first.dynamo().listTables().tableNames()).contains("intake-inventory");
        }
    }

    @Test
    void targetsRealAws_tableVariablesWithoutEndpoint_isTrueAndFalseOnceAnEndpointIsSet() {
        assertThat(LocalAws.targetsRealAws(Map.of("INVENTORY_TABLE", "prod-inventory"))).isTrue();
        assertThat(LocalAws.targetsRealAws(Map.of("INVENTORY_TABLE", "t", "AWS_ENDPOINT_URL", "http://localhost:4566"))).isFalse();
        assertThat(LocalAws.targetsRealAws(Map.of("INVENTORY_TABLE", " "))).isFalse();
        assertThat(LocalAws.targetsRealAws(Map.of())).isFalse();
    }

    @Test
    void targetsRealAws_anyTableVariableAlone_isTrue() {
        assertThat(IntakeConfig.TABLE_VARIABLES).allSatisfy(variable ->
                assertThat(LocalAws.targetsRealAws(Map.of(variable, "prod"))).as(variable).isTrue());
    }

    /**
     * Against the deployed tables, a table variable left unset took its local name in the real
     * account: a catalog loaded with CATALOG_TABLE alone went to the stack's catalog, its seeded
     * records to tables of other names (found by review on 6 December 2026). Refused before any
     * request (none could reach AWS here: clients connect lazily, and this one is never built).
     */
    @Test
    void start_deployedTablesWithSomeVariablesUnset_refusedNamingThem() {
        var env = Map.of("CATALOG_TABLE", "intake-CatalogTable-1A2B3C", "SERIALS_TABLE", "intake-SerialsTable-1A2B3C",
                "AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "dummy", "AWS_SECRET_ACCESS_KEY", "dummy",
                "AWS_EC2_METADATA_DISABLED", "true");

        assertThatThrownBy(() -> LocalAws.start(TEMPLATE, env, null).close())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("against the deployed tables (a table variable set, no endpoint) every table variable must"
                        + " be set: INVENTORY_TABLE, IMPORTS_TABLE, PURCHASE_ORDERS_TABLE are not (docs/deploy.md shows"
                        + " how to read them from the stack)");
    }
}
