package dev.intake.local;

import java.util.Map;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The real handler against LocalStack's S3 and DynamoDB, with the tables created from
 * template.yaml. Needs Docker; skipped (not failed) where there is none. The image is
 * {@code INTAKE_LOCALSTACK_IMAGE} (default 4.14.0, the newest that starts without an auth token);
 * {@code LOCALSTACK_AUTH_TOKEN} is passed through when set. The scenarios are in
 * {@link LocalStackScenarios}, which {@link LocalStackStandInTest} also runs without Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackTest extends LocalStackScenarios {

    private static final String DEFAULT_IMAGE = "localstack/localstack:4.14.0";

    @Container
    static final LocalStackContainer LOCALSTACK = withToken(new LocalStackContainer(image()).withServices(Service.S3, Service.DYNAMODB));

    @Override
    Map<String, String> localStackEnv() {
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
