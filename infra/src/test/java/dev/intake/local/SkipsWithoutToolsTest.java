package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.DiscoverySelectors;

/**
 * The tests that need a tool besides the JDK (cfn-lint, the AWS CLI, python3) skip where it is
 * missing: README says a JDK is all ./test needs. Each is run in a JVM of its own whose PATH holds
 * none of those tools, as on a bare CI image.
 */
class SkipsWithoutToolsTest {

    @TempDir
    Path emptyPath;

    /**
     * Found by review (5 Dec 2026): DeploymentTest.deployWithoutSam_saysWhatAnUpdateDoesWithParametersLeftOut
     * starts {@code python3} to probe for the AWS CLI v1 and assumes it away when the probe exits
     * non-zero; where python3 itself is missing (a JDK-only CI image, which README says is enough),
     * ProcessBuilder.start throws "Cannot run program python3" and the test ERRORS, failing ./test
     * and .ci/run, instead of being skipped like the cfn-lint tests (assumeCfnLint catches the IOException).
     */
    @Test
    void deployWithoutSamTest_noPython3OnPath_isSkippedNotFailed() throws Exception {
        var outcome = runInOwnJvm(DeploymentTest.class, "deployWithoutSam_saysWhatAnUpdateDoesWithParametersLeftOut");

        assertThat(outcome).as("outcome of the test with no python3 on PATH").contains("failed=0");
    }

    private String runInOwnJvm(Class<?> testClass, String method) throws Exception {
        var java = ProcessHandle.current().info().command().orElse("java");
        // surefire runs the tests with the JUnit Platform launcher, which it keeps off java.class.path
        var launcherJar = Path.of(Class.forName("org.junit.platform.launcher.Launcher")
                .getProtectionDomain().getCodeSource().getLocation().toURI());
        var classPath = System.getProperty("java.class.path") + File.pathSeparator + launcherJar;
        var builder = new ProcessBuilder(List.of(java, "-cp", classPath, RunOne.class.getName(),
                testClass.getName(), method))
                .directory(Path.of("").toAbsolutePath().toFile()).redirectErrorStream(true)
                .redirectOutput(emptyPath.resolveSibling(emptyPath.getFileName() + ".out").toFile());
        builder.environment().put("PATH", emptyPath.toString());
        var process = builder.start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return Files.readString(emptyPath.resolveSibling(emptyPath.getFileName() + ".out"), StandardCharsets.UTF_8);
    }

    /**
     * Runs one test method with the JUnit Platform and prints its failures and a summary line. The
     * launcher is on the tests' runtime class path (surefire puts it there), not on their compile
     * class path: hence reflection.
     */
    static final class RunOne {
        public static void main(String[] args) throws Exception {
            var builderType = Class.forName("org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder");
            var builder = builderType.getMethod("request").invoke(null);
            builderType.getMethod("selectors", DiscoverySelector[].class).invoke(builder,
                    (Object) new DiscoverySelector[] {DiscoverySelectors.selectMethod(Class.forName(args[0]), args[1])});
            var request = builderType.getMethod("build").invoke(builder);
            var listenerType = Class.forName("org.junit.platform.launcher.listeners.SummaryGeneratingListener");
            var listener = listenerType.getConstructor().newInstance();
            var listenerInterface = Class.forName("org.junit.platform.launcher.TestExecutionListener");
            var listeners = java.lang.reflect.Array.newInstance(listenerInterface, 1);
            java.lang.reflect.Array.set(listeners, 0, listener);
            var launcher = Class.forName("org.junit.platform.launcher.core.LauncherFactory").getMethod("create").invoke(null);
            Class.forName("org.junit.platform.launcher.Launcher")
                    .getMethod("execute", Class.forName("org.junit.platform.launcher.LauncherDiscoveryRequest"), listeners.getClass())
                    .invoke(launcher, request, listeners);
            var summaryType = Class.forName("org.junit.platform.launcher.listeners.TestExecutionSummary");
            var summary = listenerType.getMethod("getSummary").invoke(listener);
            var out = new PrintWriter(System.out, true);
            summaryType.getMethod("printFailuresTo", PrintWriter.class, int.class).invoke(summary, out, 5);
            out.println("failed=" + summaryType.getMethod("getTotalFailureCount").invoke(summary)
                    + " aborted=" + summaryType.getMethod("getTestsAbortedCount").invoke(summary)
                    + " succeeded=" + summaryType.getMethod("getTestsSucceededCount").invoke(summary));
            out.flush();
            System.exit(0);
        }
    }
}
