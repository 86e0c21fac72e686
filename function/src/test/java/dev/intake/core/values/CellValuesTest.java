package dev.intake.core.values;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CellValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"true", "TRUE", "True", "yes", "YES", "Yes", "y", "Y", "t", "T", "1"})
    void bool_trueSpelling_isTrue(String text) {
        assertThat(CellValues.bool(text)).contains(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"false", "FALSE", "False", "no", "NO", "No", "n", "N", "f", "F", "0"})
    void bool_falseSpelling_isFalse(String text) {
        assertThat(CellValues.bool(text)).contains(false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "2", "-1", "on", "off", "yess", "truee", "1.0", "x", "✓"})
    void bool_otherText_isEmpty(String text) {
        assertThat(CellValues.bool(text)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
        "12, 12",
        "12.5, 12.5",
        "-3, -3",
        ".5, 0.5",
        "+4, 4",
        "007, 7",
        "12., 12",
    })
    void decimal_plainDecimal_parses(String text, String expected) {
        assertThat(CellValues.decimal(text)).hasValueSatisfying(value ->
                assertThat(value).isEqualByComparingTo(new BigDecimal(expected)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-0", "-0.0", "+0"})
    void decimal_signedZero_isPlainZero(String text) {
        assertThat(CellValues.decimal(text)).contains(BigDecimal.ZERO);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1,000", "12,5", "1e309", "1E3", "1.2E+5", "NaN", "Infinity", "-Infinity", "12 kg", "$5", "½",
        "1.2.3", "-", ".", "0x10", "1_000", "١٢"})
    void decimal_notPlainDecimal_isEmpty(String text) {
        assertThat(CellValues.decimal(text)).isEmpty();
    }

    @Test
    void decimal_longerThanFortyCharacters_isEmpty() {
        var fortyOne = "1".repeat(41);

        assertThat(CellValues.decimal(fortyOne)).isEmpty();
        assertThat(CellValues.decimal("1" + "0".repeat(39))).isPresent();
    }

    /** DynamoDB refuses an item with a number of more than 38 significant digits. */
    @ParameterizedTest
    @ValueSource(strings = {"123456789012345678901234567890123456789", "1.23456789012345678901234567890123456789",
        ".123456789012345678901234567890123456789"})
    void decimal_moreThan38SignificantDigits_isEmptyAndSaysSo(String text) {
        assertThat(CellValues.decimal(text)).isEmpty();
        assertThat(CellValues.numberLimitBroken(text)).hasValueSatisfying(limit -> assertThat(limit).contains("38 significant digits"));
    }

    @Test
    void numberLimitBroken_plainDecimalLongerThan40Characters_saysSo() {
        assertThat(CellValues.numberLimitBroken("0." + "0".repeat(38) + "1")).hasValueSatisfying(
                limit -> assertThat(limit).contains("longer than 40 characters"));
    }

    /** Leading and trailing zeros are not significant, for DynamoDB either. */
    @ParameterizedTest
    @ValueSource(strings = {"12345678901234567890123456789012345678", "1000000000000000000000000000000000000000",
        "0.00000000000000000000000000000000000001", "12345678901234567890123456789012345678.0"})
    void decimal_atMost38SignificantDigits_parses(String text) {
        assertThat(CellValues.decimal(text)).isPresent();
        assertThat(CellValues.numberLimitBroken(text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "0.5", "-0.5", ".000000000000000000000000000000000000015",
            "-.00000000000000000000000000000000000015", "1234567890123456789012345678901234567.8"})
    void plain_anyNumberDecimalReads_isReadBackAsTheSameNumber(String text) {
        var number = CellValues.decimal(text).orElseThrow();
        var stored = new BigDecimal(number.toString()); // DynamoDB's form: 1.5E-38

        assertThat(CellValues.decimal(CellValues.plain(stored))).hasValueSatisfying(back -> assertThat(back).isEqualByComparingTo(number));
    }

    @Test
    void plain_shortNumber_keepsItsLeadingZero() {
        assertThat(CellValues.plain(new BigDecimal("-0.5"))).isEqualTo("-0.5");
    }

    @Test
    void numberLimitBroken_notAPlainDecimal_isEmpty() {
        assertThat(CellValues.numberLimitBroken("1e3")).isEmpty();
        assertThat(CellValues.numberLimitBroken("1".repeat(41) + "x")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "42, 42", "0042, 42", "+7, 7", "999999999999999999, 999999999999999999",
            "0000000000000001001, 1001", "000999999999999999999, 999999999999999999"})
    void positiveId_positiveWholeNumber_parses(String text, long expected) {
        assertThat(CellValues.positiveId(text)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "1.0", "99999999999999999999", "abc", "1e3", " "})
    void positiveId_notPositiveWholeNumber_isEmpty(String text) {
        assertThat(CellValues.positiveId(text)).isEmpty();
    }

    /** Leading zeros are no digits of the id (review "limits": 0000000000000001001 was "more than 18 digits"). */
    @Test
    void idTooLong_countsTheDigitsAfterLeadingZeros() {
        assertThat(CellValues.idTooLong("0000000000000001001")).isFalse();
        assertThat(CellValues.idTooLong("1234567890123456789")).isTrue();
        assertThat(CellValues.idTooLong("0001234567890123456789")).isTrue();
        assertThat(CellValues.idTooLong("00000000000000000000")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "2026-01-31",
        "2026-1-31",
        "2026-01-31T10:15:30",
        "2026-01-31T10:15",
        "2026-01-31 10:15:30",
        "2026-01-31T10:15:30Z",
        "2026-01-31T10:15:30+02:00",
        "2026-01-31T23:30:00-05:00",
        "1/31/2026",
        "01/31/2026",
        "31-Jan-2026",
        "31-JAN-2026",
        "Jan 31, 2026",
        "jan 31, 2026",
        "January 31 2026",
        "January 31, 2026",
        "Jan 31 2026",
        "2026/01/31",
        "31 Jan 2026",
        "31 January 2026",
    })
    void date_acceptedForm_isJanuary31(String text) {
        assertThat(CellValues.date(text)).contains(LocalDate.of(2026, 1, 31));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2/30/2026", "31/1/2026", "31/01/2026", "1/31/26", "Sept 1, 2026", "next Tuesday", "soon",
        "2026-02-30", "2026-13-01", "Foo 31, 2026", "31.01.2026", "2026"})
    void date_unparseable_isEmpty(String text) {
        assertThat(CellValues.date(text)).isEmpty();
    }

    /**
     * A year is four digits with no sign. {@code uuuu} reads a signed year too, so "-2026-01-31"
     * used to be a date in 2027 BC (found by review).
     */
    @ParameterizedTest
    @ValueSource(strings = {"-2026-01-31", "+2026-01-31", "+12026-01-31", "-2026-01-31T10:15:30Z", "1/31/-2026", "1/31/+2026"})
    void date_signedYear_isEmpty(String text) {
        assertThat(CellValues.date(text)).isEmpty();
    }

    /**
     * Found by review (5 Dec 2026): docs/csv-format.md says a year with a sign is INVALID_DATE,
     * and the year is read with {@code uuuu} (SignStyle.EXCEEDS_PAD), which refuses a sign on four
     * digits but takes one on five or more: "+02026-01-31", "1/31/+02026" and the ISO date-time
     * "+02026-01-31T10:00:00Z" were read as 31 January 2026 instead of failing the row.
     */
    @ParameterizedTest
    @ValueSource(strings = {"+02026-01-31", "1/31/+02026", "+02026-01-31T10:00:00Z", "+02026-01-31T10:00:00"})
    void date_signedYearOfFiveDigits_isEmpty(String text) {
        assertThat(CellValues.date(text)).isEmpty();
    }

    /**
     * The date-time forms a spreadsheet writes (a US export: 1/31/2026 14:30) and ISO with a space
     * and an offset were refused, though a space alone and an offset alone were read (found by
     * review).
     */
    @ParameterizedTest
    @ValueSource(strings = {"2026-01-31 10:15:30+02:00", "2026-01-31 10:15:30Z", "1/31/2026 14:30", "01/31/2026 14:30:00"})
    void date_dateTimeFormsASpreadsheetWrites_isJanuary31(String text) {
        assertThat(CellValues.date(text)).contains(LocalDate.of(2026, 1, 31));
    }

    /**
     * Review "locale": Japanese Excel's default date-time display (yyyy/m/d h:mm), which its CSV
     * save writes as shown, and an ISO date-time whose hour has one digit, as a spreadsheet shows
     * 9:05. "2026/1/31" alone and "1/31/2026 9:05" are read; these were INVALID_DATE with a message
     * listing date forms only, though docs/csv-format.md says a time part is accepted and dropped.
     */
    @ParameterizedTest
    @ValueSource(strings = {"2026/1/31 14:30", "2026/01/31 9:05", "2026/1/31 9:05:00", "2026-01-31 9:05"})
    void date_yearFirstDateTimeASpreadsheetWrites_isJanuary31(String text) {
        assertThat(CellValues.date(text)).contains(LocalDate.of(2026, 1, 31));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2/30/2026 10:00", "1/31/2026 25:00", "1/31/2026 14:30 +02:00"})
    void date_monthFirstDateTimeThatIsNoDay_empty(String text) {
        assertThat(CellValues.date(text)).isEmpty();
    }

    @Test
    void date_ambiguousNumericDate_readMonthFirst() {
        assertThat(CellValues.date("03/04/2026")).contains(LocalDate.of(2026, 3, 4));
    }

    @Test
    void date_leapDay_acceptedOnlyInLeapYear() {
        assertThat(CellValues.date("2/29/2028")).contains(LocalDate.of(2028, 2, 29));
        assertThat(CellValues.date("2/29/2026")).isEmpty();
    }

    @Test
    void list_semicolons_splitsAndTrims() {
        assertThat(CellValues.list("urgent; fragile ;hazmat")).containsExactly("urgent", "fragile", "hazmat");
    }

    @Test
    void list_blankItems_areIgnored() {
        assertThat(CellValues.list(";a;; ;b;")).containsExactly("a", "b");
    }

    @Test
    void list_singleItem_isOneElement() {
        assertThat(CellValues.list("only")).containsExactly("only");
    }

    @Test
    void list_onlySeparators_isEmpty() {
        assertThat(CellValues.list(" ; ;; ")).isEmpty();
    }

    /**
     * Found by review (6 Dec 2026): text pasted from a web page, an e-mail or a chat carries
     * invisible format characters; at a cell's ends they are trimmed as spaces are.
     */
    @ParameterizedTest
    @ValueSource(strings = {"SN-1\u200B", "\u200BSN-1", "SN-1\u2060", "SN-1\u00AD", "\u200ESN-1\u200F", "\uFEFFSN-1",
            "\u00A0SN-1 \u200B"})
    void trimmed_invisibleFormatCharactersAtTheEnds_trimmed(String cell) {
        assertThat(CellValues.trimmed(cell)).isEqualTo("SN-1");
    }

    /**
     * Inside a value they stay (the error messages name them), and so do format characters that
     * show or shape a letter: an Arabic number sign, and the joiner that gives a Malayalam word's
     * last letter its form (found by review).
     */
    @ParameterizedTest
    @ValueSource(strings = {"SN\u200B-1", "\u0600123", "\u0D28\u0D4D\u200D", "\u200C\u0645"})
    void trimmed_formatCharacterInsideOrOneThatShows_kept(String cell) {
        assertThat(CellValues.trimmed(cell)).isEqualTo(cell);
    }
}
