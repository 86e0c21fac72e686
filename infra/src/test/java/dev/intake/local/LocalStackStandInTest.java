package dev.intake.local;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Found by review (5 Dec 2026): both scenarios fail, and so would LocalStackTest on a machine with
 * Docker (CI), where nobody has run it since the December changes:
 * <ul>
 *   <li>{@code handler_sampleUploadedToLocalStack_importsEveryRow} expects acme to hold 25
 *   inventory records; the catalog now seeds 19 (its POs' On Order records since December) and the
 *   import creates 12: 31 ("Expected size: 25 but was: 31").</li>
 *   <li>{@code cli_importWithEndpointSet_usesLocalStackInsteadOfTheEmulators} dry-runs the very file
 *   the first scenario imported, for the same org in the same tables (the container is static and
 *   shared; JUnit runs the handler scenario first): its five serials are taken, the report is FAILED
 *   with DUPLICATE_SERIAL, and the exit code is 1, not 0.</li>
 * </ul>
 *
 * <p>LocalStackTest's scenarios ({@link LocalStackScenarios}) against the embedded emulators started as
 * plain endpoints, one pair for the class as LocalStackTest has one container: what LocalStackTest
 * asserts is then checked on every machine, Docker or not.
 */
class LocalStackStandInTest extends LocalStackScenarios {

    private static LocalAws emulators;

    @BeforeAll
    static void startEmulators() throws Exception {
        emulators = LocalAws.start(TemplateTablesTest.PROJECT_TEMPLATE, Map.of(), null);
    }

    @AfterAll
    static void stopEmulators() {
        if (emulators != null) {
            emulators.close();
        }
    }

    @Override
    Map<String, String> localStackEnv() {
        // The embedded S3 emulator checks the key it was started with; LocalStack takes any.
        return Map.of("AWS_ENDPOINT_URL_S3", emulators.s3Endpoint(), "AWS_ENDPOINT_URL_DYNAMODB", emulators.dynamoEndpoint(),
                "AWS_ACCESS_KEY_ID", "dummy", "AWS_SECRET_ACCESS_KEY", "dummy", "AWS_REGION", "us-east-1");
    }
}
