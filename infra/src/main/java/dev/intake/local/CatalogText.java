package dev.intake.local;

import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.csv.CsvLimits;
import dev.intake.core.csv.FormulaGuard;
import java.util.Optional;

/**
 * Text of a catalog file as the importers read a cell: trimmed of spaces, and of the no-break
 * spaces and stray byte order marks {@link String#trim} keeps ({@link CsvFileReader#trimmed}). A
 * name the catalog kept with a trailing no-break space was written so by an export, and the
 * importer, trimming it, read another name: an unchanged export failed or changed records (found
 * by review on 4 December 2026).
 */
final class CatalogText {

    private CatalogText() {}

    /** {@code text} trimmed as a cell is; null stays null. */
    static String trimmed(String text) {
        return text == null ? null : CsvFileReader.trimmed(text);
    }

    /** Whether {@code text} is absent or nothing but what a cell is trimmed of. */
    static boolean blank(String text) {
        return text == null || CsvFileReader.trimmed(text).isEmpty();
    }

    /**
     * Why a cell of an export could not carry {@code text} back to the importers as it is, or
     * empty where it can: a NUL makes the whole file binary data, a text longer than a cell fails
     * its row, and an apostrophe before {@code =}, {@code +}, {@code -} or {@code @} is taken for the
     * formula guard and dropped. The loader refuses such a value, so that it never reaches an
     * export (found by review on 5 December 2026: an unchanged export failed).
     */
    static Optional<String> unreadableAsCell(String text) {
        if (text.indexOf('\0') >= 0) {
            return Optional.of("holds a NUL character, which makes any CSV file binary data to the importers");
        }
        if (text.length() > CsvLimits.DEFAULT.maxCellLength()) {
            return Optional.of("is " + text.length() + " characters long, and a cell may hold at most "
                    + CsvLimits.DEFAULT.maxCellLength());
        }
        if (!FormulaGuard.unguard(text).equals(text)) {
            return Optional.of("begins with an apostrophe before " + text.charAt(1) + ", which the importers read as a"
                    + " spreadsheet's formula guard and drop");
        }
        return Optional.empty();
    }

    /** {@code text} trimmed, or null where that leaves nothing. */
    static String trimmedOrNull(String text) {
        return blank(text) ? null : CsvFileReader.trimmed(text);
    }
}
