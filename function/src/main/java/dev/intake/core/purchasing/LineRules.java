package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.*;

import dev.intake.core.catalog.TrackingType;
import dev.intake.core.columns.RowCells;
import dev.intake.core.report.ErrorCode;
import java.math.BigDecimal;

/** Rules on a PO line that need more than its own cells: editability of the PO, On Order units. */
final class LineRules {

    private LineRules() {}

    static void check(PoPlan plan, LineMatcher matcher, PoRowParser.LineValues values, RowCells cells) {
        var match = matcher.match(values.part(), values.description().or(null));
        var line = PoRecords.line(plan.poId(), match, values);
        checkUnits(values, line, cells);
        if (!plan.editable()) {
            checkEditable(plan, match, line, cells);
        }
    }

    /** Serial-tracked On Order inventory is one record per unit, so the quantity must be a whole count. */
    private static void checkUnits(PoRowParser.LineValues values, PoLine line, RowCells cells) {
        var part = values.part();
        if (part == null || !part.createsInventory() || part.trackingType() != TrackingType.SERIAL
                || OnOrderInventory.wholeUnits(line.quantity()) >= 0 || failed(cells, QUANTITY)) {
            return;
        }
        if (line.quantity().compareTo(BigDecimal.valueOf(OnOrderInventory.MAX_UNITS_PER_LINE)) > 0) {
            cells.fail(QUANTITY, line.quantity().toPlainString(), ErrorCode.LIMIT_EXCEEDED, "a line of serial-tracked "
                    + part.ref() + " creates one On Order record per unit; at most " + OnOrderInventory.MAX_UNITS_PER_LINE
                    + " per line, got " + line.quantity().toPlainString());
        } else {
            cells.fail(QUANTITY, line.quantity().toPlainString(), ErrorCode.SERIAL_QUANTITY, part.ref()
                    + " is serial-tracked: a line needs a whole number of units, got " + line.quantity().toPlainString());
        }
    }

    private static void checkEditable(PoPlan plan, LineMatcher.Match match, PoLine line, RowCells cells) {
        var status = plan.existing().header().status();
        if (match.existing() == null) {
            var column = line.partNumber() != null ? PART_NUMBER : DESCRIPTION;
            cells.fail(column, cells.raw(column), ErrorCode.PO_NOT_EDITABLE, "PO \""
                    + plan.poNumber() + "\" is " + status + ": lines can no longer be added");
            return;
        }
        for (var column : PoRecords.restrictedChanges(match.existing(), line)) {
            cells.fail(column, cells.raw(column), ErrorCode.PO_NOT_EDITABLE, "PO \"" + plan.poNumber() + "\" is " + status
                    + ": only estimated_arrival_date, paid and custom attributes of its lines can change");
        }
    }

    private static boolean failed(RowCells cells, String column) {
        return cells.errors().stream().anyMatch(e -> column.equals(e.column()));
    }
}
