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

    /**
     * Found by review (5 Dec 2026): ./test in a clone under a folder whose name is not ASCII
     * (~/Entwicklung/Zählung/intake) from a shell whose locale is not UTF-8 (a bare container or CI
     * runner, ssh without LANG; .ci/run runs ./test as it is): Maven's JVM names files in ASCII and
     * stops at once, "there is no POM in this directory (/tmp/tooling ��/intake)". (Under that
     * locale Maven also skips, without a word, copying infra's test resource "Ünïcode stock
     * list.csv" to target/test-classes, whatever the clone's path.) infra/pom.xml gives the tests a
     * UTF-8 locale, but not Maven itself.
     */
    @Test
    void testScript_cloneUnderANonAsciiFolderInThePosixLocale_runsMavenInAJvmThatCanNameItsFiles() throws Exception {
        var root = folder.resolve("Zählung").resolve("intake");
        Files.createDirectories(root.resolve("scripts"));
        for (var file : List.of("test", "scripts/java-home.sh", "scripts/maven.sh", "template.yaml")) {
            Files.copy(Emulators.ROOT.resolve(file), root.resolve(file));
        }
        var encoding = folder.resolve("encoding.txt");
        var realJava = ProcessHandle.current().info().command().orElseThrow();
        var fakeMaven = folder.resolve("mvn");
        Files.writeString(fakeMaven, "#!/bin/sh\n'" + realJava + "' -XshowSettings:properties -version 2>&1"
                + " | grep sun.jnu.encoding > '" + encoding + "'\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(fakeMaven, PosixFilePermissions.fromString("rwxr-xr-x"));

        var builder = new ProcessBuilder(root.resolve("test").toString(), "-Dtest=Nothing")
                .directory(root.toFile()).redirectErrorStream(true).redirectOutput(folder.resolve("out.txt").toFile());
        var env = builder.environment();
        env.clear();
        env.putAll(java.util.Map.of("PATH", "/usr/bin:/bin", "HOME", folder.toString(), "LC_ALL", "POSIX",
                "JAVA_HOME", Path.of(System.getProperty("java.home")).toString(), "INTAKE_MVN", fakeMaven.toString()));
        var process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(encoding).as(Files.readString(folder.resolve("out.txt"))).exists();
        assertThat(Files.readString(encoding)).as("the file-name charset of the JVM Maven runs in").contains("UTF-8");
    }
}
