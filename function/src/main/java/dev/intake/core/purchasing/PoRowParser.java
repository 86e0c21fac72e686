package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.*;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.Requirement;
import dev.intake.core.catalog.User;
import dev.intake.core.columns.Cell;
import dev.intake.core.columns.RowCells;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.values.CellValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the header and line cells of a Purchase Orders row: value forms, empty-cell defaults and
 * catalog lookups. Labels not in the catalog are collected as labels to create (ION creates
 * labels inline), in the spelling first seen.
 */
final class PoRowParser {

    static final String TERMS = "TERMS_AND_CONDITIONS";
    static final String QUALITY_CLAUSE = "QUALITY_CLAUSE";

    /** The PO-level cells of a row; absent columns are {@link Cell#absent()}. */
    record HeaderValues(Cell<String> originalPoNumber, Cell<String> description, Cell<String> supplier,
                        Cell<String> shipToLocation, Cell<String> billToLocation, Cell<String> currency,
                        Cell<LocalDate> orderedAt, Cell<String> assignedTo, Cell<String> intentOption,
                        Cell<List<String>> labels, Cell<String> termsAndConditions, Cell<List<Fee>> fees,
                        Map<String, Cell<CustomValue>> attributes) {}

    /** The line-level cells of a row; {@code part} is null without a part number (or when it is unknown). */
    record LineValues(Part part, Cell<String> description, Cell<BigDecimal> quantity, Cell<BigDecimal> cost,
                      Cell<LocalDate> needDate, Cell<LocalDate> estimatedArrivalDate, Cell<Boolean> paid,
                      Cell<Boolean> percentageFeeExempt, Cell<List<String>> labels, Cell<List<String>> qualityClauses,
                      Cell<String> intentOption, Map<String, Cell<CustomValue>> attributes) {}

    private final Catalog catalog;
    private final PoLayout layout;
    private final Map<String, String> newLabels = new LinkedHashMap<>();

    PoRowParser(Catalog catalog, PoLayout layout) {
        this.catalog = catalog;
        this.layout = layout;
    }

    HeaderValues header(RowCells cells) {
        return new HeaderValues(
                cells.text(ORIGINAL_PO_NUMBER),
                cells.text(PO_DESCRIPTION),
                cells.reference(SUPPLIER, catalog.suppliers(), "supplier"),
                cells.reference(SHIP_TO_LOCATION, catalog.locations(), "location"),
                cells.reference(BILL_TO_LOCATION, catalog.locations(), "location"),
                cells.reference(CURRENCY, catalog.currencies(), "currency"),
                cells.date(ORDERED_AT),
                user(cells),
                cells.reference(PO_INTENT_OPTION, catalog.intentOptions(), "intent option"),
                labels(cells, PO_LABELS),
                terms(cells),
                fees(cells),
                cells.attributes(layout.poAttributes()));
    }

    LineValues line(RowCells cells) {
        return new LineValues(
                part(cells),
                cells.text(DESCRIPTION),
                cells.quantity(QUANTITY),
                cells.quantity(COST),
                cells.date(NEED_DATE),
                cells.date(ESTIMATED_ARRIVAL_DATE),
                cells.flag(PAID),
                cells.flag(PERCENTAGE_FEE_EXEMPT),
                labels(cells, LABELS),
                qualityClauses(cells),
                cells.reference(INTENT_OPTION, catalog.intentOptions(), "intent option"),
                cells.attributes(layout.lineAttributes()));
    }

    /** Labels this import creates, in the spelling first seen. */
    List<String> newLabels() {
        return List.copyOf(newLabels.values());
    }

    private Part part(RowCells cells) {
        var number = cells.raw(PART_NUMBER);
        if (number.isEmpty()) {
            return null;
        }
        var revision = cells.raw(REVISION);
        if (!catalog.parts().hasPartNumber(number)) {
            cells.fail(PART_NUMBER, number, ErrorCode.UNKNOWN_REFERENCE, "no part numbered \"" + number + "\" exists");
            return null;
        }
        var part = catalog.parts().find(number, revision);
        if (part.isEmpty()) {
            cells.fail(REVISION, revision, ErrorCode.UNKNOWN_REFERENCE, "part \"" + number + "\" has no revision \"" + revision + "\"");
        }
        return part.orElse(null);
    }

    private Cell<String> user(RowCells cells) {
        var email = cells.raw(ASSIGNED_TO);
        if (!cells.has(ASSIGNED_TO) || email.isEmpty()) {
            return cells.has(ASSIGNED_TO) ? Cell.of(null) : Cell.absent();
        }
        var user = catalog.user(email);
        if (user.isEmpty()) {
            cells.fail(ASSIGNED_TO, email, ErrorCode.UNKNOWN_REFERENCE, "no user with email \"" + email + "\" exists");
            return Cell.absent();
        }
        return Cell.of(user.map(User::email).get());
    }

    private Cell<String> terms(RowCells cells) {
        var title = cells.raw(TERMS_AND_CONDITIONS);
        if (!cells.has(TERMS_AND_CONDITIONS) || title.isEmpty()) {
            return cells.has(TERMS_AND_CONDITIONS) ? Cell.of(null) : Cell.absent();
        }
        var found = catalog.requirement(title, TERMS);
        if (found.isEmpty()) {
            cells.fail(TERMS_AND_CONDITIONS, title, ErrorCode.UNKNOWN_REFERENCE,
                    "no " + TERMS + " requirement titled \"" + title + "\" exists");
            return Cell.absent();
        }
        return Cell.of(found.get().title());
    }

    private Cell<List<String>> qualityClauses(RowCells cells) {
        if (!cells.has(QUALITY_CLAUSES)) {
            return Cell.absent();
        }
        var titles = new ArrayList<String>();
        for (var title : CellValues.list(cells.raw(QUALITY_CLAUSES))) {
            var found = catalog.requirement(title, QUALITY_CLAUSE).map(Requirement::title);
            if (found.isEmpty()) {
                cells.fail(QUALITY_CLAUSES, title, ErrorCode.UNKNOWN_REFERENCE,
                        "no " + QUALITY_CLAUSE + " requirement titled \"" + title + "\" exists");
                return Cell.absent();
            }
            titles.add(found.get());
        }
        return Cell.of(titles);
    }

    private Cell<List<String>> labels(RowCells cells, String column) {
        if (!cells.has(column)) {
            return Cell.absent();
        }
        var labels = new ArrayList<String>();
        for (var label : CellValues.list(cells.raw(column))) {
            var known = catalog.labels().find(label);
            labels.add(known.orElseGet(() -> newLabels.computeIfAbsent(NameIndex.key(label), k -> label)));
        }
        return Cell.of(labels);
    }

    private Cell<List<Fee>> fees(RowCells cells) {
        if (!cells.has(FEES)) {
            return Cell.absent();
        }
        var parsed = FeeList.parse(cells.raw(FEES));
        if (parsed.problem() != null) {
            cells.fail(FEES, cells.raw(FEES), parsed.duplicate() ? ErrorCode.DUPLICATE_FEE : ErrorCode.INVALID_FEE, parsed.problem());
            return Cell.absent();
        }
        return Cell.of(parsed.fees());
    }
}
