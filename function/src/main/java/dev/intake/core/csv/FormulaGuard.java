package dev.intake.core.csv;

import java.util.regex.Pattern;

/**
 * The formula guard of the CSVs Intake writes for spreadsheets (the errors CSV, exports), and its
 * reverse for the files it reads (docs/csv-format.md). A spreadsheet runs a cell that starts with
 * {@code =}, {@code +}, {@code -} or {@code @} as a formula (OWASP "CSV injection"), so such a cell
 * is written with a leading apostrophe, which a spreadsheet shows as text and hides. Plain numbers
 * such as {@code -2} are left alone. Reading, the apostrophe goes again, so a cell Intake wrote
 * imports back as the value it had.
 */
public final class FormulaGuard {

    private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
    /** A tab or carriage return first also starts a formula in some spreadsheets. */
    private static final String FORMULA_STARTS = "=+-@\t\r";
    /** What the reader un-guards: a trimmed cell cannot start with a tab or a carriage return. */
    private static final String GUARDED_STARTS = "=+-@";

    private FormulaGuard() {}

    /** The cell as a spreadsheet-safe CSV holds it: an apostrophe before a formula's first character. */
    public static String guard(String cell) {
        if (cell.isEmpty() || PLAIN_NUMBER.matcher(cell).matches()) {
            return cell;
        }
        return FORMULA_STARTS.indexOf(cell.charAt(0)) >= 0 ? "'" + cell : cell;
    }

    /** The cell as a spreadsheet shows it: without the one apostrophe that guards {@code =}, {@code +}, {@code -} or {@code @}. */
    public static String unguard(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && GUARDED_STARTS.indexOf(cell.charAt(1)) >= 0
                ? cell.substring(1)
                : cell;
    }
}
