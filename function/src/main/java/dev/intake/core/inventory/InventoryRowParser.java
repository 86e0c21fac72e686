package dev.intake.core.inventory;

import static dev.intake.core.inventory.InventoryColumns.*;

import dev.intake.core.catalog.AttributeDef;
import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.Part;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.Header;
import dev.intake.core.columns.RowCells;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns CSV rows into {@link InventoryRow}s: value forms, empty-cell defaults and catalog name
 * lookups (SPEC §5–6). Stateless across rows; cross-row and stored-data rules live in
 * {@link InventoryRules}.
 */
final class InventoryRowParser {

    /** A parsed row and the problems found in its cells. */
    record Parsed(InventoryRow row, RowCells cells) {}

    private final Catalog catalog;
    private final Header header;
    private final Map<String, AttributeDef> attributeColumns;

    private InventoryRowParser(Catalog catalog, Header header, Map<String, AttributeDef> attributeColumns) {
        this.catalog = catalog;
        this.header = header;
        this.attributeColumns = attributeColumns;
    }

    /**
     * Matches a header: standard columns case-insensitively, every other column against the
     * inventory attributes of the catalog (exactly). Problems go to {@code errors}.
     */
    static InventoryRowParser forHeader(List<String> names, Catalog catalog, List<ImportError> errors) {
        var header = Header.match(names, ALL, errors);
        if (!header.has(ID) && !header.has(PART_NUMBER)) {
            errors.add(ImportError.file(ErrorCode.REQUIRED, PART_NUMBER, "the header needs an id column (to update)"
                    + " or a part_number column (to create); it has neither"));
        }
        var attributes = new LinkedHashMap<String, AttributeDef>();
        for (var column : header.others().keySet()) {
            catalog.attribute(AttributeEntity.INVENTORY, column).ifPresentOrElse(
                    def -> attributes.put(column, def),
                    () -> errors.add(ImportError.file(ErrorCode.UNKNOWN_COLUMN, column, "column \"" + column
                            + "\" is neither a Part Inventory column nor a custom attribute configured for inventory"
                            + " (attribute keys match exactly, including case)")));
        }
        return new InventoryRowParser(catalog, header, attributes);
    }

    Parsed parse(CsvRow csv) {
        var cells = new RowCells(csv, header);
        boolean update = !cells.raw(ID).isEmpty();
        Long id = update ? cells.lookupId(ID) : null;
        Part part = update ? null : part(cells);
        var row = new InventoryRow(csv.row(), update, id, part,
                cells.text(SERIAL_NUMBER),
                cells.text(LOT_NUMBER),
                cells.quantity(QUANTITY),
                cells.quantity(QUANTITY_SCRAPPED),
                cells.reference(LOCATION, catalog.locations(), "location"),
                cells.reference(SUPPLIER, catalog.suppliers(), "supplier"),
                cells.reference(UNIT_OF_MEASURE, catalog.unitsOfMeasure(), "unit of measure"),
                cells.reference(INTENT_OPTION, catalog.intentOptions(), "intent option"),
                cells.flag(AUTOGENERATE_SERIAL).or(false),
                cells.flag(AUTOGENERATE_LOT).or(false),
                cells.attributes(attributeColumns));
        return new Parsed(row, cells);
    }

    /** The part a create row names; updates ignore part_number and revision entirely. */
    private Part part(RowCells cells) {
        var number = cells.raw(PART_NUMBER);
        var revision = cells.raw(REVISION);
        if (number.isEmpty()) {
            cells.fail(PART_NUMBER, null, ErrorCode.REQUIRED, "part_number is required to create inventory (the row has no id)");
            return null;
        }
        if (!catalog.parts().hasPartNumber(number)) {
            cells.fail(PART_NUMBER, number, ErrorCode.UNKNOWN_REFERENCE, "no part numbered \"" + number + "\" exists");
            return null;
        }
        var part = catalog.parts().find(number, revision);
        if (part.isEmpty()) {
            cells.fail(REVISION, revision, ErrorCode.UNKNOWN_REFERENCE,
                    "part \"" + number + "\" has no revision \"" + revision + "\"");
        }
        return part.orElse(null);
    }

}
