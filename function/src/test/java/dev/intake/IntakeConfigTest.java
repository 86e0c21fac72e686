package dev.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/configuration.md: a value that is not a whole number stops the function as it starts. */
class IntakeConfigTest {

    /** It used to say only {@code For input string: "abc"} (found by review). */
    @Test
    void from_limitThatIsNotANumber_namesItsVariable() {
        assertThatThrownBy(() -> IntakeConfig.from(Map.of("INTAKE_MAX_ROWS", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INTAKE_MAX_ROWS must be a whole number, got \"abc\"");
    }

    /**
     * CloudFormation takes 45.0 for a Number parameter and passes it on as written: every start
     * failed on it (found by review on 6 December 2026). A fraction is still refused.
     */
    @Test
    void from_wholeNumberWrittenWithADecimalPoint_taken_fractionRefused() {
        assertThat(IntakeConfig.from(Map.of("INTAKE_LEASE_SECONDS", "45.0")).lease()).isEqualTo(Duration.ofSeconds(45));
        assertThatThrownBy(() -> IntakeConfig.from(Map.of("INTAKE_MAX_ROWS", "1000.5")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INTAKE_MAX_ROWS must be a whole number, got \"1000.5\"");
    }

    /** 5,000,000,000 rows used to become 705,032,704 through a cast to int (found by review). */
    @Test
    void from_limitPastTheIntRange_refusedNotWrapped() {
        assertThatThrownBy(() -> IntakeConfig.from(Map.of("INTAKE_MAX_ROWS", "5000000000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INTAKE_MAX_ROWS must be a whole number from 1 to 2147483647, got 5000000000");
    }

    @Test
    void from_negativeLimit_refused() {
        assertThatThrownBy(() -> IntakeConfig.from(Map.of("INTAKE_MAX_COLUMNS", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INTAKE_MAX_COLUMNS must be a whole number from 1 to 2147483647, got -1");
    }

    /**
     * A lease of 0 or less used to be taken as is (found by review): every claim had expired the
     * moment it was made, so a second delivery of the same event took over an import still running.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0", "-5"})
    void from_leaseBelowOneSecond_refusedNamingItsVariable(String seconds) {
        assertThatThrownBy(() -> IntakeConfig.from(Map.of("INTAKE_LEASE_SECONDS", seconds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INTAKE_LEASE_SECONDS must be a whole number from 1 to 50, got " + seconds);
    }

    /**
     * A lease that outlived Lambda's first retry (a minute) strands a crashed import COMMITTING
     * for good; the template bounds LeaseSeconds for that reason, but the function took any lease
     * set another way (the console, Terraform) (found by review on 6 December 2026).
     */
    @ParameterizedTest
    @ValueSource(strings = {"51", "60", "900", "86400"})
    void from_leaseThatOutlivesLambdasFirstRetry_refusedNamingItsVariable(String seconds) {
        assertThatThrownBy(() -> IntakeConfig.from(Map.of("INTAKE_LEASE_SECONDS", seconds)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INTAKE_LEASE_SECONDS must be a whole number from 1 to 50, got " + seconds);
        assertThat(IntakeConfig.from(Map.of("INTAKE_LEASE_SECONDS", "50")).lease()).isEqualTo(Duration.ofSeconds(50));
    }

    /**
     * On Lambda the stack's tables have generated names: a table variable left unset (a hand-made
     * function, a typo such as INVENTORY_TABLES) took the local name and failed at the first import,
     * naming neither (found by review on 6 December 2026). Off Lambda the local names stand.
     */
    @Test
    void from_onLambdaWithTableVariablesUnset_refusedNamingThem() {
        var lambda = new java.util.HashMap<>(Map.of("AWS_LAMBDA_FUNCTION_NAME", "intake", "INVENTORY_TABLES", "stack-Inventory-1A2B",
                "CATALOG_TABLE", "stack-Catalog-1A2B", "IMPORTS_TABLE", "stack-Imports-1A2B", "SERIALS_TABLE", " "));

        assertThatThrownBy(() -> IntakeConfig.from(lambda))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INVENTORY_TABLE, PURCHASE_ORDERS_TABLE, SERIALS_TABLE are not set: on Lambda each table"
                        + " variable must name the stack's table (template.yaml sets them)");
        assertThat(IntakeConfig.from(Map.of()).inventoryTable()).isEqualTo("intake-inventory");
    }

    /**
     * On Lambda a failed invocation is delivered again within three minutes (its asynchronous
     * retries), and a later upload of the key waits that long for it; locally nothing sends it
     * again by itself, and nothing waits.
     */
    @Test
    void from_onLambdaOnly_failedInvocationsAreRetriedWithinThreeMinutes() {
        var lambda = Map.of("AWS_LAMBDA_FUNCTION_NAME", "intake", "INVENTORY_TABLE", "stack-Inventory-1A2B",
                "CATALOG_TABLE", "stack-Catalog-1A2B", "IMPORTS_TABLE", "stack-Imports-1A2B",
                "PURCHASE_ORDERS_TABLE", "stack-PurchaseOrders-1A2B", "SERIALS_TABLE", "stack-Serials-1A2B");

        assertThat(IntakeConfig.from(lambda).retriedWithin()).isEqualTo(java.time.Duration.ofMinutes(3));
        assertThat(IntakeConfig.from(Map.of()).retriedWithin()).isZero();
    }

    /**
     * A concurrency of 0 used to pass here and fail in CommitSettings with "maxInFlight must be at
     * least 1, got 0", naming no variable; a limit of 0 failed every file (found by review).
     */
    @ParameterizedTest
    @ValueSource(strings = {"INTAKE_WRITE_CONCURRENCY", "INTAKE_MAX_ROWS", "INTAKE_MAX_FILE_BYTES"})
    void from_zero_refusedNamingItsVariable(String variable) {
        assertThatThrownBy(() -> IntakeConfig.from(Map.of(variable, "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable + " must be a whole number from 1 to ");
    }
}
