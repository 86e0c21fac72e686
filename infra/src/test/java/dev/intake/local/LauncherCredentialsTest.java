package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The environment the {@code ./intake} launcher gives the CLI's JVM: run on a copy of the launcher
 * whose JDK is a stand-in that records its environment instead of starting the CLI, and whose
 * build is up to date, so nothing is built or started.
 */
class LauncherCredentialsTest {

    @TempDir
    Path folder;

    /**
     * Found by review (5 Dec 2026): SPEC §10 says the CLI takes credentials from the default chain
     * and that an endpoint variable may name real AWS; docs/configuration.md lists AWS_PROFILE
     * among them. With an endpoint variable set the launcher exports AWS_ACCESS_KEY_ID=dummy
     * unless AWS_ACCESS_KEY_ID itself is set ("dummy credentials unless the user set some"), and
     * the CLI then signs with those (LocalAws.credentials takes the key variables first): a user
     * whose credentials come from AWS_PROFILE (SSO, a role) is refused by AWS ("The security token
     * included in the request is invalid") with no word that the profile was ignored.
     */
    @Test
    void launcher_endpointSetAndCredentialsFromAProfile_doesNotReplaceThemWithDummyKeys() throws Exception {
        var env = launch(Map.of("AWS_PROFILE", "prod",
                "AWS_ENDPOINT_URL_DYNAMODB", "https://dynamodb-fips.us-east-1.amazonaws.com",
                "AWS_ENDPOINT_URL_S3", "https://s3-fips.us-east-1.amazonaws.com"));

        assertThat(env).containsEntry("AWS_PROFILE", "prod");
        assertThat(env).as("credentials the CLI would sign with instead of the profile's")
                .doesNotContainKeys("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY");
    }

    /** The launcher's environment for its JVM, given these variables on top of a clean one. */
    private Map<String, String> launch(Map<String, String> variables) throws Exception {
        var root = LauncherCopy.at(folder.resolve("intake-copy"));
        LauncherCopy.upToDateBuild(root);

        var jdk = folder.resolve("jdk");
        Files.createDirectories(jdk.resolve("bin"));
        var captured = folder.resolve("env.txt");
        executable(jdk.resolve("bin/javac"), "#!/bin/sh\nexit 0\n");
        executable(jdk.resolve("bin/java"), """
                #!/bin/sh
                case "$*" in
                  *-XshowSettings:properties*) printf '    java.specification.version = 21\\n    java.home = %s\\n' '%s' >&2; exit 0 ;;
                esac
                env > '%s'
                """.formatted(jdk, jdk, captured));

        var builder = new ProcessBuilder(root.resolve("intake").toString(), "dump", "inventory")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(folder.resolve("out.txt").toFile());
        var env = builder.environment();
        env.clear();
        env.putAll(Map.of("PATH", "/usr/bin:/bin", "HOME", folder.toString(), "JAVA_HOME", jdk.toString(), "LANG", "C.UTF-8"));
        env.putAll(variables);
        var process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(captured).as(Files.readString(folder.resolve("out.txt"))).exists();
        var result = new java.util.HashMap<String, String>();
        Arrays.stream(Files.readString(captured, StandardCharsets.UTF_8).split("\n")).filter(line -> line.contains("="))
                .forEach(line -> result.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        return result;
    }

    private static void executable(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
