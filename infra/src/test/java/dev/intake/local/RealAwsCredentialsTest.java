package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI's real-AWS mode (the table variables set, no endpoint: docs/deploy.md "Load a catalog")
 * with credentials from an AWS profile, run as its own process with a clean environment (the test
 * JVM has dummy keys, which the SDK's default chain would take first). The SDK's endpoint is sent
 * to a closed local port (aws.endpointUrl), so nothing leaves this machine.
 */
class RealAwsCredentialsTest {

    @TempDir
    Path folder;

    /**
     * Found by review (5 Dec 2026): docs/configuration.md says the CLI takes credentials through the
     * SDK's default chain, AWS_PROFILE included, and docs/deploy.md has users load catalogs and run
     * claim-serials against the deployed tables "with your AWS credentials". A profile of IAM
     * Identity Center (SSO, what `aws configure sso` writes) needs the SDK's sso and ssooidc modules,
     * which are not on the CLI's class path (infra/pom.xml; only sts is): every real-AWS command
     * fails before sending a request, with "To use Sso related properties in the 'prod' profile,
     * the 'sso' service module must be on the class path".
     */
    @Test
    void realAwsMode_ssoProfile_credentialsResolveInsteadOfAMissingModule() throws Exception {
        var config = Files.writeString(folder.resolve("config"), """
                [profile prod]
                sso_session = corp
                sso_account_id = 123456789012
                sso_role_name = IntakeOperator
                region = us-east-1

                [sso-session corp]
                sso_start_url = https://corp.awsapps.com/start
                sso_region = us-east-1
                sso_registration_scopes = sso:account:access
                """);
        var java = ProcessHandle.current().info().command().orElse("java");
        var builder = new ProcessBuilder(List.of(java, "-Daws.endpointUrl=http://127.0.0.1:9", "-Duser.home=" + folder,
                "-Dintake.template=" + TemplateTablesTest.PROJECT_TEMPLATE.toAbsolutePath().normalize(),
                "-cp", System.getProperty("java.class.path"), IntakeCli.class.getName(), "dump", "inventory", "--org", "acme"))
                .directory(folder.toFile()).redirectErrorStream(true).redirectOutput(folder.resolve("out.txt").toFile());
        var env = builder.environment();
        env.clear();
        env.putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", folder.toString(), "AWS_PROFILE", "prod",
                "AWS_CONFIG_FILE", config.toString(), "AWS_SHARED_CREDENTIALS_FILE", folder.resolve("credentials").toString(),
                "AWS_REGION", "us-east-1", "AWS_EC2_METADATA_DISABLED", "true",
                "INVENTORY_TABLE", "intake-InventoryTable-1ABC", "CATALOG_TABLE", "intake-CatalogTable-2DEF"));
        var process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        var output = Files.readString(folder.resolve("out.txt"), StandardCharsets.UTF_8);

        assertThat(output).as("what ./intake dump says in real-AWS mode with an SSO profile").contains("intake:")
                .doesNotContain("service module must be on the class path");
    }
}
