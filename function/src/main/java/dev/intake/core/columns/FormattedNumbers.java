package dev.intake.core.columns;

import dev.intake.core.values.CellValues;
import java.util.regex.Pattern;

/**
 * What a spreadsheet's number formats make of a number's text, and what a refusal says of it:
 * the refusal said only what a number is, and the uploader of "1,234.50" or "12,5" was left to
 * guess what was wrong with it. Intake never guesses the number itself: a decimal comma read as a
 * thousands separator would import 12,5 as 125.
 */
public final class FormattedNumbers {

    /**
     * Digits grouped by thousands (1,234.5; 1 234 with a space or a no-break space; 1'234 with an
     * apostrophe, as Swiss settings write them: told nothing until 7 December 2026, review "numbers").
     */
    private static final Pattern THOUSANDS = Pattern.compile("[+-]?\\d{1,3}([,\u00A0\u202F '\u2019]\\d{3})+(\\.\\d+)?");

    /** A decimal comma (12,5; 1.234,5; 1 234,5). */
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?(\\d{1,3}([.\u00A0\u202F '\u2019]\\d{3})+|\\d+),\\d+");

    /**
     * A number with three capitals before or after it (USD 12, 12.50 EUR), as an accounting
     * export writes a currency: the note only where they are a currency's code (java.util.Currency
     * knows ISO 4217), not a unit or a part number's letters ("12 PCS", "RES-1001": review "own52b").
     */
    private static final Pattern CURRENCY_CODE = Pattern.compile("([A-Z]{3}) ?([+-]?\\d[\\d.,'\u2019]*)|([+-]?\\d[\\d.,'\u2019]*) ?([A-Z]{3})");

    /** Thousands grouped by commas (1,000): a decimal comma or not, only the writer knows. */
    private static final Pattern COMMA_THOUSANDS = Pattern.compile("[+-]?\\d{1,3}(,\\d{3})+");

    /** Thousands grouped by points, no decimals (5.000, 1.250.000): a plain decimal too. 0.500 groups none. */
    private static final Pattern POINT_THOUSANDS = Pattern.compile("[+-]?[1-9]\\d{0,2}(\\.\\d{3})+");

    private static final java.util.Set<String> CURRENCY_CODES = java.util.Currency.getAvailableCurrencies().stream()
            .map(java.util.Currency::getCurrencyCode).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private FormattedNumbers() {}

    /**
     * What a refused number looks like a spreadsheet made of it, as a note for its message ("" where
     * it looks like none): thousands separators and a decimal comma with the plain number to write,
     * 1,000 with both readings, a currency sign, a percentage.
     */
    public static String note(String text) {
        if (text.endsWith("%")) {
            return " (a percentage: format the column as Number, where 12% is 0.12, and save again)";
        }
        if (text.chars().anyMatch(c -> Character.getType(c) == Character.CURRENCY_SYMBOL)) {
            return " (it has a currency sign: format the column as Number, without one, and save again)";
        }
        var coded = CURRENCY_CODE.matcher(text);
        if (coded.matches() && CURRENCY_CODES.contains(coded.group(1) != null ? coded.group(1) : coded.group(4))) {
            var number = coded.group(1) != null ? coded.group(2) : coded.group(3);
            return " (it has a currency code: write the number alone)" + note(number); // EUR 1.234,50: both at once
        }
        var shown = spreadsheetFormatNote(text);
        if (!shown.isEmpty()) {
            return shown;
        }
        boolean thousands = THOUSANDS.matcher(text).matches();
        boolean decimalComma = DECIMAL_COMMA.matcher(text).matches();
        var grouped = text.replaceAll("[\u00A0\u202F '\u2019]", "");
        if (thousands && decimalComma) { // 1,234: a thousand and more, or one and a bit
            return " (a plain number has no separator but its decimal point: write " + grouped.replace(",", "") + " or "
                    + grouped.replace(',', '.') + ", whichever it is)";
        }
        if (thousands) {
            return " (it has thousands separators: write it without them, " + grouped.replace(",", "") + ")";
        }
        if (decimalComma) {
            return " (it has a decimal comma: write it with a point, " + grouped.replace(".", "").replace(',', '.')
                    + "; a spreadsheet set to a region that writes commas saves numbers so)";
        }
        return "";
    }

    /** Scientific notation and an accounting negative: how a spreadsheet shows a number, not the number (review "spreadsheetapps"). */
    private static final Pattern SCIENTIFIC = Pattern.compile("[-+]?(\\d+([.,]\\d*)?|[.,]\\d+)[Ee][-+]?\\d+");
    /** (12.50), (1,234.50), (12,50): Excel's Accounting format, grouped or not, in any region. */
    private static final Pattern BRACKETED_NEGATIVE = Pattern.compile("\\(\\d[\\d.,\\u00A0\\u202F ']*\\)");

    private static String spreadsheetFormatNote(String text) {
        if (SCIENTIFIC.matcher(text).matches()) {
            return " (scientific notation, as a spreadsheet shows a very large or very small number in a General column,"
                    + " perhaps rounded: format the column as Number and save again)";
        }
        if (BRACKETED_NEGATIVE.matcher(text).matches()) {
            return " (an accounting format's negative number: format the column as Number and save again)";
        }
        return "";
    }

    /**
     * Whether {@code text} is written with a decimal comma; 1,000 is not taken for one: in a file
     * from the US it is a thousand, and its 1.250 kg is 1.25.
     */
    static boolean decimalComma(String text) {
        return text.indexOf(',') >= 0 && DECIMAL_COMMA.matcher(text).matches() && !COMMA_THOUSANDS.matcher(text).matches();
    }

    /**
     * The problem of a number grouped by points (5.000) in a file that writes decimal commas
     * ({@code comma}, the first, {@link FileTraits}): five thousand as such a sheet shows it, or
     * 5 with three decimals, which only the uploader can tell. Null where there is none; the
     * caller names the cell before it ("quantity is ").
     */
    public static String readAsThousands(String text, FileTraits.DecimalComma comma) {
        if (comma == null || text.indexOf('.') < 0 || !POINT_THOUSANDS.matcher(text).matches()) {
            return null;
        }
        var read = CellValues.decimal(text).map(number -> number.stripTrailingZeros().toPlainString()).orElse(text);
        return "\"" + text + "\", read as " + read + ", but the file writes numbers with a decimal comma (row " + comma.row()
                + ", " + comma.column() + " \"" + comma.text() + "\"), where a point groups thousands: write "
                + text.replace(".", "") + " if that is what it is, and set the sheet to write decimal points (its locale,"
                + " or its columns' number format) before saving again";
    }
}
