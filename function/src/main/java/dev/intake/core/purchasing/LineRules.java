package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.DESCRIPTION;
import static dev.intake.core.purchasing.PoColumns.PART_NUMBER;
import static dev.intake.core.purchasing.PoColumns.QUANTITY;
import static dev.intake.core.purchasing.PoColumns.REVISION;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.TrackingType;
import dev.intake.core.columns.DayFirstDates;
import dev.intake.core.columns.LostCharacters;
import dev.intake.core.columns.RowCells;
import dev.intake.core.columns.SavedBack;
import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Rules on a PO line that need more than its own cells: editability of the PO, On Order units. */
final class LineRules {

    private LineRules() {}

    /**
     * Checks the line a row matches or adds (validation matches like the commit). {@code plan}
     * null, or with a problem: the row has no PO to match its line in (a blank po_number, a
     * rename whose original is not found), and only its own cells are checked, as a new line's.
     * A row whose part is unknown (UNKNOWN_REFERENCE) is matched to nothing: matched by its
     * description as a line without a part, it was refused on a frozen PO for a cell it left
     * blank, and took a stored line that a later row then could not match (found by review on 4
     * December 2026; so was the skipping of rows without a PO). Returns the On Order records the
     * line may add beyond those it has (an upper bound: a status without On Order adds none).
     * {@code size} measures the line with the On Order ids it will list.
     */
    static int check(Catalog catalog, PoPlan plan, LineMatcher matcher, PoRowParser.LineValues values,
                     Map<Long, Stamped<InventoryRecord>> onOrder, RowCells cells, LineSize size) {
        if (cells.failed(PART_NUMBER.name()) || cells.failed(REVISION.name())) {
            size.check(cells, List.of(), 0);
            return 0;
        }
        if (plan == null || plan.problem() != null) {
            var line = PoRecords.line(0, new LineMatcher.Match(null, 1), values);
            checkUnits(partOf(catalog, line), line, cells);
            size.check(cells, List.of(), 0);
            return 0; // the file fails (a blank po_number, a PO it cannot match): it adds nothing
        }
        // only a stored PO has lines to lose characters from: a file of new POs is not looked through for "?"
        boolean mayHaveLost = plan.existing() != null && LostCharacters.possibleIn(cells);
        var lostFrom = values.part() == null && mayHaveLost ? matcher.describedWithLostCharacters(values.description()) : null;
        var match = matcher.match(cells.row(), values.part(), values.revisionGiven(), values.description());
        if (match.existing() == null && lostFrom != null) {
            // the texts shortened and the advice whole, as LostCharacters' own (stop 48 left this message without the mark's hint)
            cells.fail(DESCRIPTION.name(), values.description(), ErrorCode.MALFORMED_CSV, LostCharacters.matchesNoneBut(
                    DESCRIPTION.name(), values.description(), "line", lostFrom, "would add a line"));
        }
        var line = PoRecords.line(plan.poId(), match, values);
        var part = partOf(catalog, line);
        checkUnits(part, line, cells);
        if (match.existing() != null) {
            checkDayFirstDates(cells, "line " + match.line() + " of PO " + ImportError.inQuotes(plan.poNumber()), match.existing(), line);
        }
        if (match.existing() != null && mayHaveLost) {
            var holder = "line " + match.line() + " of PO " + ImportError.inQuotes(plan.poNumber());
            LostCharacters.check(cells, holder, DESCRIPTION.name(), match.existing().description(), line.description());
            LostCharacters.checkAttributes(cells, holder, match.existing(), line);
            LostCharacters.checkNames(cells, holder, PoColumns.LABELS.name(), match.existing().terms().labels(), line.terms().labels());
        }
        if (match.existing() != null && matcher.mayGiveBackAnotherLine(cells.row())) {
            checkSavedFromAnotherLine(cells, plan, matcher, values, match.existing(), line);
        }
        if (!plan.editable()) {
            checkEditable(plan, match, values, line, cells, matcher);
            size.check(cells, line.inventoryIds(), 0);
            return 0; // a PO past DRAFT gets no new On Order records
        }
        if (match.existing() != null) {
            checkSerialledRecords(part, line, onOrder, cells);
        }
        int added = line.quantity() == null ? 0 : Math.max(0, OnOrderInventory.units(part, line.quantity()) - line.inventoryIds().size());
        // a quantity refused (past 10,000 units, say) has no ids to measure
        size.check(cells, line.inventoryIds(), cells.failed(QUANTITY.name()) ? 0 : added);
        return added;
    }

    /**
     * The one On Order record of a line of a part that is not serial-tracked follows the line's
     * quantity while the PO is DRAFT; if a Part Inventory file gave it a serial, it may hold only
     * 0 or 1 (SPEC §6), and so may the line. Found by review on 4 December 2026: the record took
     * the line's new quantity with its serial, and no later update of it could pass validation.
     * (Its first form refused only quantities above 1, so 0.5 went through, and looked at records
     * the line was about to delete: found by review of it.)
     */
    private static void checkSerialledRecords(Part part, PoLine line, Map<Long, Stamped<InventoryRecord>> onOrder,
                                              RowCells cells) {
        if (part == null || !part.createsInventory() || part.trackingType() == TrackingType.SERIAL
                || line.quantity() == null || OnOrderInventory.zeroOrOne(line.quantity()) || cells.failed(QUANTITY.name())
                || cells.raw(QUANTITY).isEmpty()) {
            return; // a row that leaves the quantity as stored changes nothing the rule is about
        }
        // the line keeps its first record only (OnOrderInventory.sync); the others go
        line.inventoryIds().stream().limit(1).map(onOrder::get).filter(read -> read != null && read.item().serialNumber() != null)
                .findFirst().ifPresent(read -> cells.fail(QUANTITY.name(), quantityCell(cells, line),
                        ErrorCode.SERIAL_QUANTITY, OnOrderInventory.serialHoldsTheLine(read.item()) + "; got "
                                + line.quantity().toPlainString()));
    }

    /**
     * The quantity cell as written (not the number read from it: found by review on 5 December
     * 2026), or the line's where the row has none.
     */
    private static String quantityCell(RowCells cells, PoLine line) {
        var raw = cells.raw(QUANTITY);
        return raw.isEmpty() ? line.quantity().toPlainString() : raw;
    }

    /** The catalog's part of a line that names one, or null (validation and commit read it alike). */
    static Part partOf(Catalog catalog, PoLine line) {
        return line.part() == null ? null : catalog.parts().find(line.part()).orElse(null);
    }

    /** A stored line's dates given back as a day-first spreadsheet writes them ({@link DayFirstDates}). */
    private static void checkDayFirstDates(RowCells cells, String holder, PoLine stored, PoLine written) {
        DayFirstDates.check(cells, holder, PoColumns.NEED_DATE.name(), stored.dates().needDate(), written.dates().needDate());
        DayFirstDates.check(cells, holder, PoColumns.ESTIMATED_ARRIVAL_DATE.name(), stored.dates().estimatedArrivalDate(),
                written.dates().estimatedArrivalDate());
        DayFirstDates.checkAttributes(cells, holder, stored, written);
    }

    /**
     * Refuses a cell of a row matched by its place that gives back, as a day-first or
     * legacy-encoded save writes it, the value of another line of its part number (or
     * description) than the one it matched: a sorted sheet with an edit matches by place, and each
     * such cell was compared with the wrong line, let through, and stored (review "own56b").
     */
    private static void checkSavedFromAnotherLine(RowCells cells, PoPlan plan, LineMatcher matcher, PoRowParser.LineValues values,
                                                  PoLine matched, PoLine line) {
        var traces = SavedBack.Traces.of(cells, values.values().columns());
        if (traces == SavedBack.Traces.NONE) {
            return; // most rows
        }
        for (var column : values.values().columns()) {
            if (!column.isField() || cells.failed(column.name()) || !column.differs(matched, line)) {
                continue;
            }
            var savedFrom = matcher.givenBackBy(column, line, matched, traces);
            if (savedFrom != null) {
                SavedBack.refuse(cells, "line " + savedFrom.line() + " of PO " + ImportError.inQuotes(plan.poNumber()), column.name(),
                        column.valueOf(savedFrom), column.valueOf(line));
            }
        }
    }

    /** Serial-tracked On Order inventory is one record per unit, so the quantity must be a whole count. */
    private static void checkUnits(Part part, PoLine line, RowCells cells) {
        if (OnOrderInventory.takesQuantity(part, line.quantity()) || cells.failed(QUANTITY.name())) {
            return;
        }
        if (line.quantity().compareTo(BigDecimal.valueOf(OnOrderInventory.MAX_UNITS_PER_LINE)) > 0) {
            cells.fail(QUANTITY.name(), quantityCell(cells, line), ErrorCode.LIMIT_EXCEEDED, "a line of serial-tracked "
                    + part.ref() + " creates one On Order record per unit; at most " + OnOrderInventory.MAX_UNITS_PER_LINE
                    + " per line, a whole number, got " + line.quantity().toPlainString());
        } else {
            cells.fail(QUANTITY.name(), quantityCell(cells, line), ErrorCode.SERIAL_QUANTITY, part.ref()
                    + " is serial-tracked: a line needs a whole number of units, got " + line.quantity().toPlainString());
        }
    }

    /**
     * How a row found its line, for the messages of a PO that is no longer DRAFT: an export sorted
     * by a date gave each of two lines of one part the other's values, refused with nothing to say
     * why (review "linematching", 7 December 2026).
     */
    private static final String MATCHED_IN_ORDER = "rows match the PO's lines of one part revision, or of one description,"
            + " in the order of the file";

    /** A PO that is no longer DRAFT takes no new line, and only its lines' open columns may change. */
    private static void checkEditable(PoPlan plan, LineMatcher.Match match, PoRowParser.LineValues values, PoLine line,
                                      RowCells cells, LineMatcher matcher) {
        var status = plan.existing().header().status();
        if (match.existing() == null) {
            // which line the row was looked for among: an edited description read as "adding a
            // line" to a buyer who added none (review "linematching", 7 December 2026)
            var column = line.partNumber() != null ? PART_NUMBER : DESCRIPTION;
            var among = line.partNumber() != null ? "of " + ImportError.inQuotes(line.partNumber())
                    : "described " + ImportError.inQuotes(line.description());
            var why = matcher.allTakenByUnchangedRows(values.part(), values.description())
                    ? ": each is taken by another row that leaves it as it is (if this row is meant to edit one of those"
                            + " lines, delete the row that repeats it unchanged)"
                    : " (" + MATCHED_IN_ORDER + ")";
            cells.fail(column.name(), cells.raw(column), ErrorCode.PO_NOT_EDITABLE, "PO "
                    + ImportError.inQuotes(plan.poNumber()) + " is " + status + ": lines can no longer be added, and no line "
                    + among + " is left for this row" + why);
            return;
        }
        for (var column : values.values().frozenChanges(match.existing(), line)) {
            if (cells.failed(column.name())) {
                continue; // a text given back with "?" (LostCharacters) is told to save as UTF-8, not that it may not change
            }
            cells.fail(column.name(), cells.raw(column), ErrorCode.PO_NOT_EDITABLE, "PO " + ImportError.inQuotes(plan.poNumber()) + " is " + status
                    + ": only estimated_arrival_date, paid and custom attributes of its lines can change; this line's (line "
                    + match.line() + ") " + column.name() + " stays " + column.quotedIn(match.existing()) + " (" + MATCHED_IN_ORDER + ")");
        }
    }
}
