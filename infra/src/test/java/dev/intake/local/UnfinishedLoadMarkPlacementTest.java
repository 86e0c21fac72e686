package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * Found by review "own52e" on 7 December 2026, a hole in moving the unfinished-load mark after
 * {@code CatalogLoader.reserveSeededIds}: the reservation writes the org's inventory counter
 * ({@code sequence#inventory}, with its seeded range) in the catalog table, and
 * {@code CatalogLoader.hasCatalog} counts every item not under {@code load#}. A first load of an
 * org that stops between the reservation and the mark (DynamoDB unreachable as the mark is put,
 * or the process gone) leaves an org that "has a catalog" (the counter alone) and no mark: the
 * next {@code ./intake import} loads nothing and says nothing, and every part of the file is
 * UNKNOWN_REFERENCE. Before the move the mark was put first, and the import loaded the catalog.
 */
class UnfinishedLoadMarkPlacementTest {

    private static final AtomicInteger ORGS = new AtomicInteger();

    @TempDir
    Path folder;

    @Test
    void import_afterAFirstLoadStoppedAsItsMarkWasPut_loadsTheOrgsCatalog() throws Exception {
        var home = folder.resolve(".intake");
        var org = "nomark" + ORGS.incrementAndGet() + "z";
        Files.createDirectories(folder.resolve(org + "/part-inventory"));
        var catalogFile = CliRun.sampleCatalogAs(org, folder.resolve(org + "/catalog.json"));

        try (var aws = LocalAws.start(TemplateTablesTest.PROJECT_TEMPLATE, Map.of("INTAKE_HOME", home.toString()), home)) {
            var failing = DynamoDbClient.builder()
                    .endpointOverride(aws.dynamo().serviceClientConfiguration().endpointOverride().orElseThrow())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
                    .overrideConfiguration(o -> o.executionInterceptors(java.util.List.of(new UnreachableAtTheMark()))
                            .retryPolicy(RetryPolicy.none()))
                    .build();
            var loader = new CatalogLoader(failing, aws.config());
            assertThatThrownBy(() -> loader.load(CatalogFile.read(catalogFile), org + "/catalog.json", catalogFile))
                    .isInstanceOf(CatalogException.class).hasMessageContaining("stopped partway");
        }

        var csv = Files.writeString(folder.resolve(org + "/part-inventory/x.csv"),
                "part_number,revision,quantity,location,supplier\nFST-M3-10,A,5,Stockroom A,Pacific Fasteners\n");
        var next = CliRun.run(home, "import", csv.toString(), "--quiet");

        assertThat(next.exit()).as("the import; it printed:\n" + next.out() + next.err()).isZero();
        assertThat(next.err()).as("the org's catalog loaded: nothing of it was written").contains(org + "/catalog.json");
    }

    /** DynamoDB unreachable for the put of the mark ({@code load#unfinished#...}), as it may be for any write. */
    private static final class UnreachableAtTheMark implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            if ("PutItem".equals(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))
                    && context.request().toString().contains("load#unfinished#")) {
                throw DynamoDbException.builder().statusCode(500).message("injected: DynamoDB unreachable").build();
            }
        }
    }
}
