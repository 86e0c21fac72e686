package dev.intake.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormulaGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+1+2", "-1+2", "@cmd", "\tcalc", "\rcalc", "-", "+", "=", "-2-3", "--2"})
    void guard_formulaStart_prefixedWithApostrophe(String cell) {
        assertThat(FormulaGuard.guard(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-2", "+4", "-0.5", "12", ".5", "", "WIDGET-A", "a=b", "Stockroom A", "1e5"})
    void guard_plainNumberOrText_untouched(String cell) {
        assertThat(FormulaGuard.guard(cell)).isEqualTo(cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+1 555", "-A7", "@cmd", "-", "=", "-2-3"})
    void unguard_guardedCell_isTheCellAgain(String cell) {
        assertThat(FormulaGuard.unguard(FormulaGuard.guard(cell))).isEqualTo(cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'", "'A", "''=x", "O'Brien", "'5", "' =x", ""})
    void unguard_apostropheNotBeforeAFormulaCharacter_kept(String cell) {
        assertThat(FormulaGuard.unguard(cell)).isEqualTo(cell);
    }
}
