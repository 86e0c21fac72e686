package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.intake.core.columns.CellTypes;
import dev.intake.core.csv.CsvLimits;
import dev.intake.core.csv.FormulaGuard;
import dev.intake.core.values.CellValues;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Text of a catalog file as the importers read a cell: trimmed of spaces, and of the no-break
 * spaces and stray byte order marks {@link String#trim} keeps ({@link CellValues#trimmed}). A
 * name the catalog kept with a trailing no-break space was written so by an export, and the
 * importer, trimming it, read another name: an unchanged export failed or changed records (found
 * by review on 4 December 2026).
 */
final class CatalogText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 40;

    private CatalogText() {}

    /**
     * A problem for each text of {@code file} that a cell of an export could not carry back
     * ({@link #unreadableAsCell}), named by its place in the file: names, part numbers, serials,
     * lots, PO numbers, descriptions, terms, text attribute values, every text there is. Found by
     * review on 5 December 2026: only attribute keys and text values were checked, and a serial
     * {@code '=X1} came back as {@code =X1}, a PO number {@code '+901} as a second PO, a NUL in a
     * lot failed the whole unchanged export.
     */
    static void refuseUnreadable(CatalogFile file, Problems problems) {
        refuseUnreadable(JSON.valueToTree(file), "", problems);
    }

    private static void refuseUnreadable(JsonNode node, String at, Problems problems) {
        if (node.isTextual()) {
            var text = trimmed(node.textValue());
            unreadableAsCell(text).or(() -> spreadsheetErrorIn(at, text)).ifPresent(why ->
                    problems.add(at, "the text " + shown(text) + " " + why + ": an export could not carry it back"));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                refuseUnreadable(node.get(i), at + "[" + i + "]", problems);
            }
        } else if (node.isObject()) {
            node.properties().forEach(field ->
                    refuseUnreadable(field.getValue(), at.isEmpty() ? field.getKey() : at + "." + field.getKey(), problems));
        }
    }

    /** {@code text} trimmed as a cell is; null stays null. */
    static String trimmed(String text) {
        return text == null ? null : CellValues.trimmed(text);
    }

    /** Whether {@code text} is absent or nothing but what a cell is trimmed of. */
    static boolean blank(String text) {
        return text == null || CellValues.trimmed(text).isEmpty();
    }

    /** {@code text} quoted for a message: its first 40 characters, as a terminal may be shown them. */
    private static String shown(String text) {
        var shown = TerminalText.shown(text.substring(0, Math.min(text.length(), SHOWN)));
        return "\"" + shown + (text.length() > SHOWN ? "…\"" : "\"");
    }

    /**
     * Why a cell of an export could not carry {@code text} back to the importers as it is, or
     * empty where it can: a NUL makes the whole file binary data, a text longer than a cell fails
     * its row, and an apostrophe that begins it before {@code =}, {@code +}, {@code -} or {@code @}
     * is taken for the formula guard and dropped; a lone UTF-16 surrogate
     * (half a character) no UTF-8 file can hold. The loader refuses such a value, so that it never reaches an export (found by review
     * on 5 December 2026: an unchanged export failed, or changed what it named).
     */
    static Optional<String> unreadableAsCell(String text) {
        if (text.indexOf('\0') >= 0) {
            return Optional.of("holds a NUL character, which makes any CSV file binary data to the importers");
        }
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(text)) {
            return Optional.of("holds half of a character (a lone UTF-16 surrogate), which no UTF-8 file can carry");
        }
        if (text.length() > CsvLimits.DEFAULT.maxCellLength()) {
            return Optional.of("is " + text.length() + " characters long, and a cell may hold at most "
                    + CsvLimits.DEFAULT.maxCellLength());
        }
        if (!FormulaGuard.unguard(FormulaGuard.guard(text)).equals(text)) {
            return Optional.of("begins with an apostrophe before =, +, - or @, which the importers read as a"
                    + " spreadsheet's formula guard and drop");
        }
        return Optional.empty();
    }

    /** The fields of a catalog file the importers read as free text, which refuses a spreadsheet's formula error. */
    private static final java.util.Set<String> FREE_TEXT_FIELDS = java.util.Set.of("partNumber", "revision", "serialNumber",
            "lotNumber", "poNumber", "description");

    /**
     * A spreadsheet's formula error ({@code #N/A} for "not applicable") where the importers read
     * free text, which refuses it (SPREADSHEET_ERROR): a text attribute value, a serial, a lot, a
     * part or PO number, a description. Loaded, the unchanged export failed to import back (found
     * by review "attrs" on 6 December 2026). Names the importers look up (a user's, a location's)
     * take it as written, and are left alone.
     */
    private static Optional<String> spreadsheetErrorIn(String at, String text) {
        if (!CellTypes.spreadsheetError(text)) {
            return Optional.empty();
        }
        var field = at.substring(at.lastIndexOf('.') + 1);
        if (!at.contains(".attributes.") && !FREE_TEXT_FIELDS.contains(field)) {
            return Optional.empty();
        }
        return Optional.of("is what a spreadsheet writes where a formula failed, which the importers refuse"
                + " (SPREADSHEET_ERROR); write \"n/a\" or leave it out");
    }

    /** {@code text} trimmed, or null where that leaves nothing. */
    static String trimmedOrNull(String text) {
        return blank(text) ? null : CellValues.trimmed(text);
    }
}
