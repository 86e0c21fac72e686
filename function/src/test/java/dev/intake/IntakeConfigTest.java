package dev.intake;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** docs/configuration.md: a value that is not a whole number stops the function as it starts. */
class IntakeConfigTest {

    /** It used to say only {@code For input string: "abc"} (found by review). */
    @Test
    void from_limitThatIsNotANumber_namesItsVariable() {
        assertThatThrownBy(() -> IntakeConfig.from(Map.of("INTAKE_MAX_ROWS", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INTAKE_MAX_ROWS must be a whole number, got \"abc\"");
    }

    /** 5,000,000,000 rows used to become 705,032,704 through a cast to int (found by review). */
    @Test
    void from_limitPastTheIntRange_refusedNotWrapped() {
        assertThatThrownBy(() -> IntakeConfig.from(Map.of("INTAKE_MAX_ROWS", "5000000000")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INTAKE_MAX_ROWS must be a whole number from 0 to 2147483647, got 5000000000");
    }

    @Test
    void from_negativeLimit_refused() {
        assertThatThrownBy(() -> IntakeConfig.from(Map.of("INTAKE_MAX_COLUMNS", "-1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("INTAKE_MAX_COLUMNS must be a whole number from 0 to 2147483647, got -1");
    }
}
