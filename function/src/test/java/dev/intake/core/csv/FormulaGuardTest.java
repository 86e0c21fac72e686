package dev.intake.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
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

    /** Excel where the list separator is ';' opens a field at each ';' inside a cell (found by review on 5 December 2026). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"PX;=1+1;|PX;'=1+1;", "a;@b;-c;-2|a;'@b;'-c;-2", "=a;+b|'=a;'+b", ";;=x|;;'=x"})
    void guard_formulaAfterASemicolon_prefixedWithApostrophe(String cell, String guarded) {
        assertThat(FormulaGuard.guard(cell)).isEqualTo(guarded);
    }

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+1 555", "-A7", "@cmd", "-", "=", "-2-3", "PX;=1+1;", "a;@b;-c;-2", "x;\tcalc"})
    void unguard_guardedCell_isTheCellAgain(String cell) {
        assertThat(FormulaGuard.unguard(FormulaGuard.guard(cell))).isEqualTo(cell);
    }

    @ParameterizedTest
    @ValueSource(strings = {"'", "'A", "''=x", "O'Brien", "'5", "' =x", "", "a'=b", "a;''=b", "a;'"})
    void unguard_apostropheNotBeforeAFormulaCharacter_kept(String cell) {
        assertThat(FormulaGuard.unguard(cell)).isEqualTo(cell);
    }
}
