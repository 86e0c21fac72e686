package dev.intake.core.columns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.attributes.CustomValue;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SavedBackTest {

    private static final LocalDate MARCH_FIRST = LocalDate.of(2027, 3, 1);

    @Test
    void givesBack_aDateWithDayAndMonthSwapped_asADayFirstSaveReadsMonthFirst() {
        assertThat(SavedBack.givesBack(MARCH_FIRST, LocalDate.of(2027, 1, 3))).isTrue();
        assertThat(SavedBack.givesBack(new CustomValue.Day(MARCH_FIRST), new CustomValue.Day(LocalDate.of(2027, 1, 3)))).isTrue();
    }

    @Test
    void givesBack_anotherDateOrTheSameOne_no() {
        assertThat(SavedBack.givesBack(MARCH_FIRST, LocalDate.of(2027, 1, 4))).isFalse();
        assertThat(SavedBack.givesBack(MARCH_FIRST, LocalDate.of(2028, 1, 3))).isFalse();
        assertThat(SavedBack.givesBack(MARCH_FIRST, MARCH_FIRST)).isFalse();
    }

    @Test
    void givesBack_aTextWithQuestionMarksForItsCharactersBeyondAscii() {
        assertThat(SavedBack.givesBack("R10kΩ", "R10k?")).isTrue();
        assertThat(SavedBack.givesBack(new CustomValue.Text("Δ 5"), new CustomValue.Text("? 5"))).isTrue();
        assertThat(SavedBack.givesBack("R10kΩ", "R22k?")).isFalse();
        assertThat(SavedBack.givesBack("R10k", "R10k?")).isFalse();
    }

    @Test
    void givesBack_namesEachTheSameOrGivenBack_inTheirOrder() {
        assertThat(SavedBack.givesBack(List.of("R10kΩ", "Rush"), List.of("R10k?", "Rush"))).isTrue();
        assertThat(SavedBack.givesBack(List.of("R10kΩ", "Rush"), List.of("R10k?"))).isFalse();
        assertThat(SavedBack.givesBack(List.of("R10kΩ"), List.of("Rush"))).isFalse();
    }

    @Test
    void givesBack_valuesOfAnotherKind_no() {
        assertThat(SavedBack.givesBack(MARCH_FIRST, "R10k?")).isFalse();
        assertThat(SavedBack.givesBack(null, "R10k?")).isFalse();
    }

    @Test
    void key_alikeForAValueAndItsSaves_unlikeForOtherValues() {
        assertThat(SavedBack.key(MARCH_FIRST, "2027-03-01")).isEqualTo(SavedBack.key(LocalDate.of(2027, 1, 3), "01/03/2027"));
        assertThat(SavedBack.key("R10kΩ", "R10kΩ")).isEqualTo(SavedBack.key("R10k?", "r10k?"));
        assertThat(SavedBack.key("R10k😀", "R10k😀")).isEqualTo(SavedBack.key("R10k??", "R10k??"));
        assertThat(SavedBack.key(MARCH_FIRST, "2027-03-01")).isNotEqualTo(SavedBack.key(LocalDate.of(2027, 1, 4), "01/04/2027"));
        assertThat(SavedBack.key("R10kΩ", "R10kΩ")).isNotEqualTo(SavedBack.key("R22k?", "R22k?"));
    }
}
