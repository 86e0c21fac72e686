package dev.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the handler does when the Lambda runtime builds it ({@code new IntakeHandler()}, the
 * constructor no other test runs), in a JVM of its own whose environment is a Lambda's.
 */
class IntakeHandlerStartTest {

    @TempDir
    Path tmp;

    /**
     * A process killed mid-import (a timeout, an out-of-memory) leaves its failed-rows spool in /tmp,
     * which Lambda keeps for the next process: the handler the runtime builds removes such
     * leftovers (stop 39), and only on Lambda, where no other process spools in /tmp.
     */
    @Test
    void newHandler_onLambda_removesSpoolsAKilledProcessLeftInTmp() throws Exception {
        var leftover = Files.write(tmp.resolve("intake-errors-123.csv.gz"), new byte[] {1, 2, 3});
        var other = Files.writeString(tmp.resolve("notes.txt"), "kept");

        assertThat(startHandler(Map.of("AWS_LAMBDA_FUNCTION_NAME", "intake"))).isZero();

        assertThat(leftover).doesNotExist();
        assertThat(other).exists();
    }

    /** Off Lambda (./intake, several imports' JVMs sharing one /tmp) another process's spool stays. */
    @Test
    void newHandler_offLambda_leavesSpoolsInTmp() throws Exception {
        var spool = Files.write(tmp.resolve("intake-errors-123.csv.gz"), new byte[] {1, 2, 3});

        assertThat(startHandler(Map.of())).isZero();

        assertThat(spool).exists();
    }

    /** Builds the handler the runtime's way in a new JVM whose temporary folder is {@code tmp}; its exit code. */
    private int startHandler(Map<String, String> lambdaVariables) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                RuntimeStart.class.getName()).redirectErrorStream(true).redirectOutput(tmp.resolve("jvm.txt").toFile());
        var env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "dummy", "AWS_SECRET_ACCESS_KEY", "dummy",
                "AWS_EC2_METADATA_DISABLED", "true"));
        env.putAll(lambdaVariables);
        var process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(Files.readString(tmp.resolve("jvm.txt"))).contains("handler built");
        return process.exitValue();
    }

    /** The child JVM: builds the handler as the Lambda runtime does, and nothing else. */
    static final class RuntimeStart {
        public static void main(String[] args) {
            new IntakeHandler();
            System.out.println("handler built");
        }
    }
}
