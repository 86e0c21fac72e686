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

    /** What a Lambda of the stack has: its name, and its tables' names. */
    private static final Map<String, String> ON_LAMBDA = Map.of("AWS_LAMBDA_FUNCTION_NAME", "intake",
            "INVENTORY_TABLE", "intake-InventoryTable-1A", "CATALOG_TABLE", "intake-CatalogTable-1A",
            "IMPORTS_TABLE", "intake-ImportsTable-1A", "PURCHASE_ORDERS_TABLE", "intake-PurchaseOrdersTable-1A",
            "SERIALS_TABLE", "intake-SerialsTable-1A");

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

        assertThat(startHandler(ON_LAMBDA)).contains("handler built");

        assertThat(leftover).doesNotExist();
        assertThat(other).exists();
    }

    /** Off Lambda (./intake, several imports' JVMs sharing one /tmp) another process's spool stays. */
    @Test
    void newHandler_offLambda_leavesSpoolsInTmp() throws Exception {
        var spool = Files.write(tmp.resolve("intake-errors-123.csv.gz"), new byte[] {1, 2, 3});

        assertThat(startHandler(Map.of())).contains("handler built");

        assertThat(spool).exists();
    }

    /**
     * A function whose table variables are not set (a hand-made one, a typo such as
     * INVENTORY_TABLES) took the local table names on Lambda and failed at its first import, naming
     * neither the variable nor the table (found by review on 6 December 2026): it stops as it
     * starts, naming them, as the runtime's init error.
     */
    @Test
    void newHandler_onLambdaWithoutTableVariables_stopsNamingThem() throws Exception {
        var output = startHandler(Map.of("AWS_LAMBDA_FUNCTION_NAME", "intake", "INVENTORY_TABLES", "intake-InventoryTable-1A"));

        assertThat(output).doesNotContain("handler built").contains("INVENTORY_TABLE, CATALOG_TABLE, IMPORTS_TABLE,"
                + " PURCHASE_ORDERS_TABLE, SERIALS_TABLE are not set: on Lambda each table variable must name the stack's table");
    }

    /** Builds the handler the runtime's way in a new JVM whose temporary folder is {@code tmp}; what it printed. */
    private String startHandler(Map<String, String> lambdaVariables) throws Exception {
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var builder = new ProcessBuilder(java, "-Djava.io.tmpdir=" + tmp, "-cp", System.getProperty("java.class.path"),
                RuntimeStart.class.getName()).redirectErrorStream(true).redirectOutput(tmp.resolve("jvm.txt").toFile());
        var env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("AWS_") || name.endsWith("_TABLE"));
        env.putAll(Map.of("AWS_REGION", "us-east-1", "AWS_ACCESS_KEY_ID", "dummy", "AWS_SECRET_ACCESS_KEY", "dummy",
                "AWS_EC2_METADATA_DISABLED", "true"));
        env.putAll(lambdaVariables);
        var process = builder.start();
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        var output = Files.readString(tmp.resolve("jvm.txt"));
        assertThat(process.exitValue()).as(output).isEqualTo(output.contains("handler built") ? 0 : 1);
        return output;
    }

    /** The child JVM: builds the handler as the Lambda runtime does, and nothing else. */
    static final class RuntimeStart {
        public static void main(String[] args) {
            new IntakeHandler();
            System.out.println("handler built");
        }
    }
}
