package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.IntakeHandler;
import dev.intake.aws.DynamoInventoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The real handler against LocalStack's S3 and DynamoDB, with the tables created from
 * template.yaml. Needs Docker; skipped (not failed) where there is none. The image is
 * {@code INTAKE_LOCALSTACK_IMAGE} (default 4.14.0, the newest that starts without an auth token);
 * {@code LOCALSTACK_AUTH_TOKEN} is passed through when set.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackTest {

    private static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";
    private static final Path SAMPLES = Path.of("..", "samples");
    private static final String KEY = "acme/part-inventory/receiving-2026-11.csv";

    @Container
    static final LocalStackContainer LOCALSTACK = withToken(new LocalStackContainer(image()).withServices(Service.S3, Service.DYNAMODB));

    @Test
    void handler_sampleUploadedToLocalStack_importsEveryRow() throws Exception {
        try (var aws = LocalAws.start(TemplateTablesTest.PROJECT_TEMPLATE, localStackEnv(), null)) {
            new CatalogLoader(aws.dynamo(), aws.config()).load(CatalogFile.read(SAMPLES.resolve("acme/catalog.json")), "acme");
            var file = SAMPLES.resolve(KEY);
            var put = aws.s3().putObject(b -> b.bucket(aws.bucket()).key(KEY), RequestBody.fromFile(file));
            var event = S3Events.load(S3Events.putEventJson(new S3Events.Upload(aws.region(), aws.bucket(), KEY,
                    Files.size(file), put.eTag(), put.versionId(), "0000000000000000A1", Instant.now())));

            var reports = new IntakeHandler(aws.config(), aws.s3(), aws.dynamo())
                    .handleRequest(event, new LocalContext(aws.region(), System.err));

            assertThat(put.versionId()).as("LocalStack buckets are versioned like the deployed one").isNotBlank();
            assertThat(reports).containsExactly(KEY + ".report.json");
            var report = aws.s3().getObjectAsBytes(b -> b.bucket(aws.bucket()).key(KEY + ".report.json")).asUtf8String();
            assertThat(new ObjectMapper().readTree(report).get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(new DynamoInventoryStore(aws.dynamo(), aws.config().inventoryTable()).all("acme")).hasSize(25);
        }
    }

    @Test
    void cli_importWithEndpointSet_usesLocalStackInsteadOfTheEmulators() throws Exception {
        var out = new ByteArrayOutputStream();
        var env = new java.util.HashMap<>(localStackEnv());
        env.put("INTAKE_HOME", Files.createTempDirectory("intake-localstack").toString());
        env.put("INTAKE_BUCKET", "intake-cli");
        var cli = new IntakeCli(env, Path.of(""), TemplateTablesTest.PROJECT_TEMPLATE,
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        int exit = cli.run("import", SAMPLES.resolve("acme/part-inventory/validate/receiving-2026-11.csv").toString());

        assertThat(exit).isZero();
        assertThat(new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8)).get("status").asText()).isEqualTo("VALIDATED");
    }

    private static Map<String, String> localStackEnv() {
        return Map.of(
                "AWS_ENDPOINT_URL", LOCALSTACK.getEndpoint().toString(),
                "AWS_ACCESS_KEY_ID", LOCALSTACK.getAccessKey(),
                "AWS_SECRET_ACCESS_KEY", LOCALSTACK.getSecretKey(),
                "AWS_REGION", LOCALSTACK.getRegion());
    }

    private static DockerImageName image() {
        var configured = System.getenv("INTAKE_LOCALSTACK_IMAGE");
        var name = configured == null || configured.isBlank() ? DEFAULT_IMAGE : configured.trim();
        return DockerImageName.parse(name).asCompatibleSubstituteFor("localstack/localstack");
    }

    private static LocalStackContainer withToken(LocalStackContainer container) {
        var token = System.getenv("LOCALSTACK_AUTH_TOKEN");
        return token == null || token.isBlank() ? container : container.withEnv("LOCALSTACK_AUTH_TOKEN", token);
    }
}
