package dev.intake.local;

import dev.intake.core.attributes.CustomValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * Stored values written back as cells in the forms the importers read (docs/csv-format.md), so
 * that a cell imported again means the same value: numbers as plain decimals (never 1E+3), dates
 * as ISO, booleans as true/false, lists joined with "; ", and unset as a blank cell.
 */
final class CsvValues {

    private CsvValues() {}

    static String text(String value) {
        return value == null ? "" : value;
    }

    static String decimal(BigDecimal value) {
        return value == null ? "" : value.toPlainString();
    }

    static String date(LocalDate value) {
        return value == null ? "" : value.toString();
    }

    static String bool(boolean value) {
        return Boolean.toString(value);
    }

    static String list(List<String> values) {
        return String.join("; ", values);
    }

    /** A custom attribute's value; blank when the record does not have the attribute. */
    static String attribute(CustomValue value) {
        return switch (value) {
            case null -> "";
            case CustomValue.Text text -> text.value();
            case CustomValue.Number number -> decimal(number.value());
            case CustomValue.Flag flag -> bool(flag.value());
            case CustomValue.Day day -> date(day.value());
        };
    }
}
