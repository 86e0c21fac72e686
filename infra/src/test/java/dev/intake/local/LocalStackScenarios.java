package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.IntakeHandler;
import dev.intake.aws.OrgScans;
import dev.intake.aws.DynamoInventoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * LocalStackTest's two scenarios, moved here (review, 5 Dec 2026) so that they also run
 * where there is no Docker: {@link LocalStackStandInTest} runs them through the same code path
 * (AWS_ENDPOINT_URL_* set: tables and bucket created over the wire, the CLI's endpoint mode)
 * against the embedded emulators, shared by both scenarios as LocalStackTest's one container is.
 * Subclasses give the endpoint variables.
 */
abstract class LocalStackScenarios {

    static final Path SAMPLES = Path.of("..", "samples");
    static final String KEY = "acme/part-inventory/receiving-2026-11.csv";

    /** AWS_ENDPOINT_URL*, credentials and region of the S3 and DynamoDB the scenarios run against. */
    abstract Map<String, String> localStackEnv();

    @Test
    void handler_sampleUploadedToLocalStack_importsEveryRow() throws Exception {
        try (var aws = LocalAws.start(TemplateTablesTest.PROJECT_TEMPLATE, localStackEnv(), null)) {
            new CatalogLoader(aws.dynamo(), aws.config()).load(CatalogFile.read(SAMPLES.resolve("acme/catalog.json")), "acme");
            var inventory = new DynamoInventoryStore(aws.dynamo(), aws.config().inventoryTable());
            long seeded = OrgScans.inventory(inventory, "acme").count(); // the catalog's items, and its POs' On Order ones
            var file = SAMPLES.resolve(KEY);
            var put = aws.s3().putObject(b -> b.bucket(aws.bucket()).key(KEY), RequestBody.fromFile(file));
            var event = S3Events.load(S3Events.putEventJson(new S3Events.Upload(aws.region(), aws.bucket(), KEY,
                    Files.size(file), put.eTag(), put.versionId(), "0000000000000000A1", Instant.now())));

            var reports = new IntakeHandler(aws.config(), aws.s3(), aws.dynamo())
                    .handleRequest(event, new LocalContext(aws.region(), System.err));

            assertThat(put.versionId()).as("LocalStack buckets are versioned like the deployed one").isNotBlank();
            assertThat(reports).containsExactly(KEY + ".report.json");
            var report = aws.s3().getObjectAsBytes(b -> b.bucket(aws.bucket()).key(KEY + ".report.json")).asUtf8String();
            var json = new ObjectMapper().readTree(report);
            assertThat(json.get("status").asText()).isEqualTo("SUCCEEDED");
            // the file's 12 rows, on top of what the catalog seeded (the count was written out as
            // 25 before the catalog's POs seeded On Order items, and failed where Docker runs)
            assertThat(json.get("counts").get("created").asInt()).isEqualTo(12);
            assertThat(OrgScans.inventory(inventory, "acme").count()).isEqualTo(seeded + 12);
        }
    }

    /**
     * A dry run of a file the other scenario does not touch: both share one set of tables, and a
     * dry run of the receiving file the other had imported failed DUPLICATE_SERIAL (found by
     * review, 5 Dec 2026). The report must be in the endpoint's bucket: the embedded emulators
     * would have answered the same otherwise.
     */
    @Test
    void cli_importWithEndpointSet_usesLocalStackInsteadOfTheEmulators(@TempDir Path home) throws Exception {
        var out = new ByteArrayOutputStream();
        var env = new java.util.HashMap<>(localStackEnv());
        env.put("INTAKE_HOME", home.toString());
        env.put("INTAKE_BUCKET", "intake-cli");
        var cli = new IntakeCli(env, Path.of(""), TemplateTablesTest.PROJECT_TEMPLATE,
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        var file = "acme/purchase-orders/validate/november-orders.csv";

        int exit = cli.run("import", SAMPLES.resolve(file).toString());

        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("status").asText()).isEqualTo("VALIDATED");
        try (var aws = LocalAws.start(TemplateTablesTest.PROJECT_TEMPLATE, env, null)) {
            assertThat(aws.s3().getObjectAsBytes(b -> b.bucket("intake-cli").key(file + ".report.json")).asUtf8String())
                    .as("the report, in the endpoint's bucket").contains("\"VALIDATED\"");
        }
    }
}
