package dev.intake.local;

import dev.intake.core.csv.CsvFileReader;

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

    /** {@code text} trimmed, or null where that leaves nothing. */
    static String trimmedOrNull(String text) {
        return blank(text) ? null : CsvFileReader.trimmed(text);
    }
}
