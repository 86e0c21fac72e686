package dev.intake.core.purchasing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.report.ErrorCode;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeeListTest {

    @Test
    void parse_validList_feesInOrder() {
        var parsed = FeeList.parse("Shipping[50.00][currency];VAT[8.5][percentage]");

        assertThat(parsed.problem()).isNull();
        assertThat(parsed.code()).isNull();
        assertThat(parsed.fees()).containsExactly(
                new Fee("Shipping", new BigDecimal("50.00"), Fee.Type.CURRENCY),
                new Fee("VAT", new BigDecimal("8.5"), Fee.Type.PERCENTAGE));
    }

    @Test
    void parse_blankItems_ignored() {
        var parsed = FeeList.parse(";Shipping[5][currency];; ;");

        assertThat(parsed.problem()).isNull();
        assertThat(parsed.fees()).containsExactly(new Fee("Shipping", new BigDecimal("5"), Fee.Type.CURRENCY));
    }

    @Test
    void parse_blankCell_noFeesAndNoProblem() {
        var parsed = FeeList.parse("");

        assertThat(parsed.problem()).isNull();
        assertThat(parsed.fees()).isEmpty();
    }

    @Test
    void parse_spacesInsideRecordAndTypeInCapitals_trimmedAndAccepted() {
        var parsed = FeeList.parse("Air Freight [ 12 ][ Currency ]; Duty[3][PERCENTAGE]");

        assertThat(parsed.problem()).isNull();
        assertThat(parsed.fees()).containsExactly(
                new Fee("Air Freight", new BigDecimal("12"), Fee.Type.CURRENCY),
                new Fee("Duty", new BigDecimal("3"), Fee.Type.PERCENTAGE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Shipping", "Shipping[50]", "Shipping50currency", "[50][currency]",
            "Shipping[50][currency]extra", "Shipping(50)(currency)", "Shipping[50[currency]]", "Shipping[50][currency][x]"})
    void parse_missingOrExtraBrackets_problemNamingTheForm(String cell) {
        var parsed = FeeList.parse("VAT[8.5][percentage];" + cell);

        assertThat(parsed.problem()).contains("Name[value][type]");
        assertThat(parsed.code()).isEqualTo(ErrorCode.INVALID_FEE);
        assertThat(parsed.fees()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"fifty", "", "1,000", "1e3", "NaN", "$5"})
    void parse_nonNumericValue_problemNamingTheValue(String value) {
        var parsed = FeeList.parse("Shipping[" + value + "][currency]");

        assertThat(parsed.problem()).contains("Shipping").contains("expected a plain number");
        assertThat(parsed.code()).isEqualTo(ErrorCode.INVALID_FEE);
        assertThat(parsed.fees()).isEmpty();
    }

    @Test
    void parse_valueOfMoreThan38SignificantDigits_problemNamingTheLimit() {
        var parsed = FeeList.parse("Shipping[123456789012345678901234567890123456789][currency]");

        assertThat(parsed.code()).isEqualTo(ErrorCode.INVALID_FEE);
        assertThat(parsed.problem()).contains("Shipping", "more than 38 significant digits");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dollars", "", "percent", "fixed"})
    void parse_unknownType_problemListingTheTypes(String type) {
        var parsed = FeeList.parse("Shipping[5][" + type + "]");

        assertThat(parsed.problem()).contains("currency or percentage");
        assertThat(parsed.code()).isEqualTo(ErrorCode.INVALID_FEE);
        assertThat(parsed.fees()).isEmpty();
    }

    @Test
    void parse_sameNameInOtherCase_duplicate() {
        var parsed = FeeList.parse("Shipping[5][currency];VAT[8][percentage];SHIPPING [6][percentage]");

        assertThat(parsed.code()).isEqualTo(ErrorCode.DUPLICATE_FEE);
        assertThat(parsed.problem()).contains("SHIPPING").contains("twice");
        assertThat(parsed.fees()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Shipping[-5][currency]", "Discount[-0.5][percentage]"})
    void parse_negativeValue_negativeNumber(String cell) {
        var parsed = FeeList.parse(cell);

        assertThat(parsed.code()).isEqualTo(ErrorCode.NEGATIVE_NUMBER);
        assertThat(parsed.problem()).contains("zero or more");
        assertThat(parsed.fees()).isEmpty();
    }

    @Test
    void parse_percentageAboveHundred_invalidFee() {
        var parsed = FeeList.parse("VAT[150][percentage]");

        assertThat(parsed.code()).isEqualTo(ErrorCode.INVALID_FEE);
        assertThat(parsed.problem()).contains("at most 100");
    }

    @Test
    void parse_percentageOfHundredOrCurrencyAboveHundred_accepted() {
        var parsed = FeeList.parse("All[100][percentage];Freight[150][currency];Free[0][currency]");

        assertThat(parsed.problem()).isNull();
        assertThat(parsed.fees()).hasSize(3);
    }
}
