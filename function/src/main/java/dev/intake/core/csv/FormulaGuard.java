package dev.intake.core.csv;

import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The formula guard of the CSVs Intake writes for spreadsheets (the errors CSV, exports), and its
 * reverse for the files it reads (docs/csv-format.md). A spreadsheet runs a cell that starts with
 * {@code =}, {@code +}, {@code -} or {@code @} as a formula (OWASP "CSV injection"), so such a cell
 * is written with a leading apostrophe, which a spreadsheet shows as text and hides. Plain numbers
 * such as {@code -2} are left alone. Excel where the list separator is {@code ;} (German, French and
 * other locales) splits each line of a CSV at {@code ;}: there every {@code ;} inside a cell opens a
 * field, guarded the same way (found by review on 5 December 2026: {@code PX;=1+1} ran). Reading,
 * the apostrophes go again, so a cell Intake wrote imports back as the value it had.
 */
public final class FormulaGuard {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    /** A tab or carriage return first also starts a formula in some spreadsheets. */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** What the reader un-guards at a cell's start: a trimmed cell cannot start with a tab or a carriage return. */
    private static final String GUARDED_STARTS = "=+-@";
    private static final char SEMICOLON = ';';

    private FormulaGuard() {}

    /**
     * The cell as a spreadsheet-safe CSV holds it: an apostrophe before each field's formula
     * character. After a {@code ;} an apostrophe that begins a field before a formula character is
     * doubled, so that the value reads back exact (found by review on 5 December 2026: such text,
     * stored before the {@code ;} guard, lost its apostrophe on an unchanged export).
     */
    public static String guard(String cell) {
        if (cell.indexOf(SEMICOLON) < 0) {
            return guardedField(cell);
        }
        var fields = cell.split(String.valueOf(SEMICOLON), -1);
        var guarded = new StringJoiner(String.valueOf(SEMICOLON)).add(guardedField(fields[0]));
        for (int i = 1; i < fields.length; i++) {
            var field = fields[i];
            guarded.add(field.length() > 1 && field.charAt(0) == '\'' && FORMULA_STARTS.indexOf(field.charAt(1)) >= 0
                    ? "'" + field : guardedField(field));
        }
        return guarded.toString();
    }

    private static String guardedField(String field) {
        if (field.isEmpty() || PLAIN_NUMBER.matcher(field).matches()) {
            return field;
        }
        return FORMULA_STARTS.indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
    }

    /**
     * The cell as a spreadsheet shows it: without the apostrophes that guard {@code =}, {@code +},
     * {@code -} or {@code @} at its start, and after a {@code ;} a formula character or an
     * apostrophe before one (one apostrophe each).
     */
    public static String unguard(String cell) {
        int at = guardAt(cell, 0);
        if (at < 0) {
            return cell; // nearly every cell: one scan for an apostrophe
        }
        var unguarded = new StringBuilder(cell.length());
        int from = 0;
        for (; at >= 0; at = guardAt(cell, from)) {
            unguarded.append(cell, from, at);
            from = at + 1;
        }
        return unguarded.append(cell, from, cell.length()).toString();
    }

    /** Whether the field at {@code at}, after a guarding apostrophe, is a formula character or an apostrophe before one. */
    private static boolean guardsAfterSemicolon(String cell, int at) {
        var next = cell.charAt(at);
        return FORMULA_STARTS.indexOf(next) >= 0
                || next == '\'' && at + 1 < cell.length() && FORMULA_STARTS.indexOf(cell.charAt(at + 1)) >= 0;
    }

    /** Where the next guarding apostrophe at or after {@code from} is, or -1. */
    private static int guardAt(String cell, int from) {
        for (int i = cell.indexOf('\'', from); i >= 0 && i + 1 < cell.length(); i = cell.indexOf('\'', i + 1)) {
            var next = cell.charAt(i + 1);
            if (i == 0 ? GUARDED_STARTS.indexOf(next) >= 0 : cell.charAt(i - 1) == SEMICOLON && guardsAfterSemicolon(cell, i + 1)) {
                return i;
            }
        }
        return -1;
    }
}
