package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.intake.IntakeConfig;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/configuration.md: a numeric setting outside what the function takes stops it as it starts,
 * and the template's parameters bound what CloudFormation takes to the same range. The row,
 * column and cell limits used to have no MaxValue, so CloudFormation took 3000000000 and every
 * invocation then failed (found by review).
 */
class TemplateParametersTest {

    @ParameterizedTest
    @CsvSource({"MaxRows, INTAKE_MAX_ROWS", "MaxColumns, INTAKE_MAX_COLUMNS", "MaxCellLength, INTAKE_MAX_CELL_LENGTH"})
    @SuppressWarnings("unchecked")
    void parameter_everyValueCloudFormationTakes_isOneTheFunctionStartsWith(String parameter, String variable) throws Exception {
        var parameters = (Map<String, Object>) CloudFormationYaml.load(TemplateTablesTest.PROJECT_TEMPLATE).get("Parameters");
        var declared = (Map<String, Object>) parameters.get(parameter);

        assertThat(declared).as(parameter + " bounds the values the template takes").containsKey("MaxValue");
        var largest = String.valueOf(declared.get("MaxValue"));
        assertThatCode(() -> IntakeConfig.from(Map.of(variable, largest))).doesNotThrowAnyException();
    }
}
