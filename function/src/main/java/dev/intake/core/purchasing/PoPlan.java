package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.ORIGINAL_PO_NUMBER;
import static dev.intake.core.purchasing.PoColumns.PO_NUMBER;

import dev.intake.core.columns.Column;
import dev.intake.core.columns.LostCharacters;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.KeyText;
import java.util.Map;

/**
 * What a file does to one PO number: create it, update it, or rename an existing PO to it.
 * {@code problem} is set (and the rest is meaningless) when the file cannot do it.
 */
record PoPlan(String poNumber, long poId, StoredPurchaseOrder existing, String renamedFrom, Problem problem) {

    /** A reason the PO cannot be imported, reported on its first row. */
    record Problem(String column, String value, ErrorCode code, String message) {}

    boolean creates() {
        return existing == null;
    }

    /** Whether the file may change this PO's lines beyond ETA, paid and custom attributes. */
    boolean editable() {
        return existing == null || existing.header().editable();
    }

    /** Resolves a PO number against the stored POs (as validated: a resumed commit passes the journal's). */
    static PoPlan resolve(String number, String original, Map<String, StoredPurchaseOrder> stored, long newPoId) {
        if (original != null && !original.isEmpty() && !original.equals(number)) {
            var from = stored.get(original);
            if (from != null) {
                return stored.containsKey(number)
                        ? failed(number, PO_NUMBER.name(), number, ErrorCode.PO_NUMBER_TAKEN, "cannot rename "
                                + ImportError.inQuotes(original) + " to " + ImportError.inQuotes(number) + ": a PO numbered "
                                + ImportError.inQuotes(number) + " already exists")
                        : new PoPlan(number, from.header().poId(), from, original, null);
            }
            // numbers quoted as values are (cut to 100 characters): a 1,001-byte original filled the message
            return failed(number, ORIGINAL_PO_NUMBER.name(), original, ErrorCode.NOT_FOUND, "no PO numbered "
                    + ImportError.inQuotes(original) + " exists to rename to " + ImportError.inQuotes(number)
                    + KeyText.decomposedNote(original)); // copied from a Finder name: review "own55e"
        }
        var existing = stored.get(number);
        return new PoPlan(number, existing == null ? newPoId : existing.header().poId(), existing, null, null);
    }

    /**
     * A number of the file that leads to the same stored PO as another of its numbers: another
     * import is renaming the PO, which holds both numbers until that rename is done.
     */
    static PoPlan sameAs(String number, String other) {
        return failed(number, PO_NUMBER.name(), number, ErrorCode.CONCURRENT_CHANGE, ImportError.inQuotes(number) + " and " + ImportError.inQuotes(other)
                + " are one PO, which another import is renaming right now; drop the file again once that import"
                + " is done, naming the PO by one number");
    }

    /**
     * A number in {@code column} that matches no PO but is stored PO {@code stored}'s with "?" for
     * some characters: a legacy-encoded save.
     */
    static PoPlan lostCharacters(String number, Column<?, ?> column, String written, String stored) {
        return failed(number, column.name(), written, ErrorCode.MALFORMED_CSV, LostCharacters.matchesNoneBut(column.name(), written,
                "PO", stored, column == PO_NUMBER ? "would make a second PO" : null));
    }

    /** A number a new PO (or a rename) would take, written decomposed ({@link KeyText#decomposedNote}). */
    static PoPlan decomposed(String number) {
        return failed(number, PO_NUMBER.name(), number, ErrorCode.MALFORMED_CSV, "PO number " + ImportError.inQuotes(number)
                + " would be a new number" + KeyText.decomposedNote(number)
                + "; a PO numbered so would look the same as, and be another PO than, the number typed composed");
    }

    /**
     * A number typed composed that a stored PO has in decomposed form (numbered before 7 December
     * 2026): {@code names} that PO (a row's po_number that would otherwise make a new PO, a rename's
     * original), or a rename's target it holds (where the advice to copy the number would lead to
     * PO_NUMBER_TAKEN: review "own55e").
     */
    static PoPlan storedDecomposed(String number, Column<?, ?> column, String written, boolean names) {
        var stored = "a PO is stored with the number " + ImportError.inQuotes(written) + " written in decomposed form (a"
                + " letter and a combining accent apart, as macOS writes names), which this cell is not: they look the"
                + " same but are two numbers. ";
        return failed(number, column.name(), written, ErrorCode.MALFORMED_CSV, stored + (names
                ? "Copy the number from an export of that PO, so that the row names it"
                : "Give this PO another number"));
    }

    /** A rename the file contradicts itself: the old number is used too, or renamed twice. */
    static PoPlan renameConflict(String number, String original, String message) {
        return failed(number, ORIGINAL_PO_NUMBER.name(), original, ErrorCode.RENAME_CONFLICT, message);
    }

    private static PoPlan failed(String number, String column, String value, ErrorCode code, String message) {
        return new PoPlan(number, 0, null, null, new Problem(column, value, code, message));
    }
}
