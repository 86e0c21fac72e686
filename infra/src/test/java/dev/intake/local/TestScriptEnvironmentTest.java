package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code ./test} hands the build: the tests must not follow the caller's shell to LocalStack or AWS. */
class TestScriptEnvironmentTest {

    @TempDir
    Path folder;

    /**
     * Found by review (5 Dec 2026): ./test passes the caller's AWS_ENDPOINT_URL*, table variables
     * and INTAKE_BUCKET to Maven, and the tests that run ./intake as a process (ServeRestartTest,
     * ServeTest, CliStopTest, CliLocaleTest) pass them on. In a shell set up as
     * docs/configuration.md's LocalStack section says (export AWS_ENDPOINT_URL=http://localhost:4566)
     * every serve those tests start refuses to run ("serve runs the embedded emulators; with
     * AWS_ENDPOINT_URL* ... set"; ServeRestartTest: 6 failures of 6) and the CLI processes import
     * into the user's LocalStack; after deploy.md's eval (the table variables) they target the
     * deployed tables. The script's own comment says "The tests use emulators only".
     */
    @Test
    void testScript_shellSetUpForLocalStackOrTheStack_buildGetsNoEndpointTableOrBucketVariables() throws Exception {
        var captured = folder.resolve("env.txt");
        var fakeMaven = folder.resolve("mvn");
        Files.writeString(fakeMaven, "#!/usr/bin/env bash\nenv > '" + captured + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fakeMaven, PosixFilePermissions.fromString("rwxr-xr-x"));

        var builder = new ProcessBuilder(Emulators.ROOT.resolve("test").toString(), "-Dtest=Nothing")
                .directory(Emulators.ROOT.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve("out.txt").toFile());
        var env = builder.environment();
        env.put("INTAKE_MVN", fakeMaven.toString());
        env.put("AWS_ENDPOINT_URL", "http://localhost:4566");           // docs/configuration.md, LocalStack
        env.put("AWS_ENDPOINT_URL_S3", "http://localhost:4566");
        env.put("INVENTORY_TABLE", "intake-InventoryTable-1ABC");        // docs/deploy.md's eval
        env.put("PURCHASE_ORDERS_TABLE", "intake-PurchaseOrdersTable-2DEF");
        env.put("INTAKE_BUCKET", "my-bucket");
        var process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(folder.resolve("out.txt"))).isZero();

        List<String> names = Arrays.stream(Files.readString(captured, StandardCharsets.UTF_8).split("\n"))
                .map(line -> line.contains("=") ? line.substring(0, line.indexOf('=')) : line).toList();
        assertThat(names).as("variables ./test hands the build (and so every ./intake process the tests start)")
                .doesNotContain("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "INVENTORY_TABLE", "PURCHASE_ORDERS_TABLE", "INTAKE_BUCKET");
    }
}
