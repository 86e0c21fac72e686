package dev.intake.core.columns;

import dev.intake.core.attributes.Attributed;
import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.LegacyEncoding;

/**
 * Refuses a cell that gives a stored text back as a spreadsheet's legacy-encoded save wrote it,
 * each character beyond ASCII a "?" ({@link LegacyEncoding}). Read as an edit, it would overwrite
 * the stored text with the question marks in every row of an export saved so.
 */
public final class LostCharacters {

    private LostCharacters() {}

    /**
     * Whether the row may have lost characters: it holds a "?" (most rows do not, and nothing is
     * built for them), in a file without the byte order mark no legacy save writes.
     */
    public static boolean possibleIn(RowCells cells) {
        if (cells.lookups().traits().byteOrderMark()) {
            return false;
        }
        for (var cell : cells.csv().cells()) {
            if (cell.indexOf('?') >= 0) {
                return true;
            }
        }
        return false;
    }

    /** {@code holder} names the stored record in the message: "inventory 12", "PO \"PO-7\"". */
    public static void check(RowCells cells, String holder, String column, String stored, String written) {
        if (LegacyEncoding.lostCharacters(stored, written)) {
            refuse(cells, column, " is \"", written, holder + " holds \"", stored);
        }
    }

    /**
     * {@link #check} for a list of names (labels, fees): a name the record does not hold that is
     * one it holds, with "?" for characters. Found by review "exportloop" on 7 December 2026: a PO's
     * labels, its lines' labels and its fees' names came back so and were stored, and the labels
     * "?5kg" created.
     */
    public static void checkNames(RowCells cells, String holder, String column, java.util.Collection<String> stored,
                                  java.util.Collection<String> written) {
        for (var name : written) {
            if (name.indexOf('?') < 0 || stored.contains(name)) {
                continue;
            }
            stored.stream().filter(kept -> LegacyEncoding.lostCharacters(kept, name)).findFirst().ifPresent(kept ->
                    refuse(cells, column, " names \"", name, holder + " has \"", kept));
        }
    }

    /**
     * The one of {@code names} (a catalog's, in its spelling) that {@code written}, matching none,
     * is with "?" for some characters, in any case, where the row may have lost characters.
     */
    public static java.util.Optional<String> nameGivenBackBy(RowCells cells, String written, java.util.Collection<String> names) {
        if (written.indexOf('?') < 0 || !possibleIn(cells)) {
            return java.util.Optional.empty();
        }
        var key = NameIndex.key(written);
        return names.stream().filter(name -> LegacyEncoding.lostCharacters(NameIndex.key(name), key)).findFirst();
    }

    /**
     * Fails {@code column}'s {@code written}, which names none of {@code names}: as a formula's
     * error text where it is one ({@code SPREADSHEET_ERROR}: a VLOOKUP's #N/A is no name to look
     * for, review "own53c"), as given back by a legacy save where it is one of them with "?" for
     * some characters ({@code MALFORMED_CSV}, saying which {@code kind} it is), else {@code
     * unknown} ({@code UNKNOWN_REFERENCE}).
     */
    public static void failUnknownName(RowCells cells, String column, String written, String kind,
                                       java.util.Collection<String> names, String unknown) {
        if (CellTypes.spreadsheetError(written)) {
            CellTypes.refuseSpreadsheetError(column, written, cells);
            return;
        }
        nameGivenBackBy(cells, written, names).ifPresentOrElse(
                lostFrom -> cells.fail(column, written, ErrorCode.MALFORMED_CSV, matchesNoneBut(column, written, kind, lostFrom, null)),
                () -> cells.fail(column, written, ErrorCode.UNKNOWN_REFERENCE, unknown));
    }

    /**
     * The message for a value that matches no {@code kind} (a line, a PO) but is {@code stored}'s
     * with "?" for some characters; {@code otherwise}: what the row would do, or null.
     */
    public static String matchesNoneBut(String column, String written, String kind, String stored, String otherwise) {
        return column + " " + ImportError.inQuotes(written) + " matches no " + kind + ", but is " + kind + " "
                + ImportError.inQuotes(stored) + " with \"?\" for some characters: the file was saved in an encoding without"
                + " them (Excel's \"CSV (Comma delimited)\")" + (otherwise == null ? "; " : ", and " + otherwise + "; ")
                + SAVE_AS_UTF8;
    }

    private static void refuse(RowCells cells, String column, String gives, String written, String holds, String stored) {
        cells.fail(column, written, ErrorCode.MALFORMED_CSV, column + gives + ImportError.shortened(written) + "\" where "
                + holds + ImportError.shortened(stored) + "\": the file was saved in an encoding without"
                + " those characters, which wrote \"?\" for them (Excel's \"CSV (Comma delimited)\"); " + SAVE_AS_UTF8);
    }

    /** What to do, for every message of a legacy save: a "?" meant so needs the byte order mark that tells the save apart. */
    public static final String SAVE_AS_UTF8 = "save it as \"CSV UTF-8\" and upload it again (a \"?\" meant so is taken as"
            + " written in a file that begins with a UTF-8 byte order mark, as Excel's \"CSV UTF-8\" writes it)";

    /** {@link #check} for each text custom attribute of {@code updated}, against {@code stored}'s. */
    public static void checkAttributes(RowCells cells, String holder, Attributed<?> stored, Attributed<?> updated) {
        if (updated.attributes().isEmpty()) {
            return; // most rows: nothing made per row
        }
        updated.attributes().forEach((key, value) -> {
            if (value instanceof CustomValue.Text written && stored.attributes().get(key) instanceof CustomValue.Text kept) {
                check(cells, holder, key, kept.value(), written.value());
            }
        });
    }
}
