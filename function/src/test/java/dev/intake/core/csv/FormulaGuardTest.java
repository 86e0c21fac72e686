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
    @ValueSource(strings = {"'", "'A", "''=x", "O'Brien", "'5", "' =x", "", "a'=b", "a;'"})
    void unguard_apostropheNotBeforeAFormulaCharacter_kept(String cell) {
        assertThat(FormulaGuard.unguard(cell)).isEqualTo(cell);
    }

    /**
     * Found by review (5 Dec 2026): unguard now drops an apostrophe after every {@code ;} that
     * precedes {@code = + - @}, but guard leaves a field that already starts with an apostrophe
     * alone. A value the importers stored before 5 December (when only a cell's first apostrophe
     * was the guard), such as a quality clause {@code '-40 °C to +85 °C' rated} after another in a
     * {@code ;} list, or a description {@code Note;'-' means none}, no longer survives an unchanged
     * export: it reads back without its apostrophe, a change (PO_NOT_EDITABLE on a PO no longer
     * DRAFT), and a hand-typed file holding it is stored altered without a word.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ISO 9001;'-40 °C to +85 °C' rated", "Note;'-' means none", "fee;'+5' extra"})
    void guardThenUnguard_apostropheLedFieldAfterSemicolon_readsBackAsWritten(String stored) {
        assertThat(FormulaGuard.unguard(FormulaGuard.guard(stored))).isEqualTo(stored);
    }
}
