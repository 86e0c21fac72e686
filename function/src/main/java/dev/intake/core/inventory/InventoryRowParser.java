package dev.intake.core.inventory;

import static dev.intake.core.inventory.InventoryColumns.AUTOGENERATE_LOT;
import static dev.intake.core.inventory.InventoryColumns.AUTOGENERATE_SERIAL;
import static dev.intake.core.inventory.InventoryColumns.ID;
import static dev.intake.core.inventory.InventoryColumns.PART_NUMBER;
import static dev.intake.core.inventory.InventoryColumns.REVISION;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.Part;
import dev.intake.core.columns.Column;
import dev.intake.core.columns.Layout;
import dev.intake.core.columns.FileTraits;
import dev.intake.core.columns.Lookups;
import dev.intake.core.columns.RowCells;
import dev.intake.core.columns.RowValues;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.List;

/**
 * Turns CSV rows into {@link InventoryRow}s through the column model ({@link InventoryColumns}):
 * value forms, empty-cell defaults, catalog lookups. Stateless across rows; cross-row and
 * stored-data rules live in {@link InventoryRules}.
 */
final class InventoryRowParser {

    /** A parsed row and the problems found in its cells. */
    record Parsed(InventoryRow row, RowCells cells) {}

    private final Layout layout;
    private final Lookups lookups;
    private final List<Column<InventoryRecord, ?>> fields;

    /** The standard name (or custom key) of the header's column at {@code index}, or null. */
    String columnName(int index) {
        var column = layout.columnAt(index);
        return column == null ? null : column.name();
    }

    private InventoryRowParser(Catalog catalog, Layout layout, FileTraits traits) {
        this.layout = layout;
        this.lookups = new Lookups(catalog, traits);
        this.fields = InventoryColumns.fields(layout);
    }

    /**
     * Resolves a header against the column model; problems go to {@code errors}. {@code
     * traits}: what the scan learnt of how the file was saved ({@link FileTraits#UNKNOWN} in the scan).
     */
    static InventoryRowParser forHeader(List<String> names, Catalog catalog, FileTraits traits,
                                        List<ImportError> errors) {
        return new InventoryRowParser(catalog, InventoryColumns.layout(names, catalog, errors), traits);
    }

    Layout layout() {
        return layout;
    }

    Parsed parse(CsvRow csv) {
        var cells = new RowCells(csv, layout, lookups);
        boolean update = !cells.raw(ID).isEmpty();
        var row = new InventoryRow(csv.row(), update,
                update ? cells.cell(ID).or(null) : null,
                update ? null : part(cells),
                cells.cell(AUTOGENERATE_SERIAL).or(false),
                cells.cell(AUTOGENERATE_LOT).or(false),
                RowValues.read(cells, fields));
        return new Parsed(row, cells);
    }

    /** The part a create row names; updates ignore part_number and revision entirely. */
    private Part part(RowCells cells) {
        if (cells.raw(PART_NUMBER).isEmpty()) {
            cells.fail(PART_NUMBER.name(), null, ErrorCode.REQUIRED, "part_number is required to create inventory (the row has no id)");
            return null;
        }
        return cells.part(PART_NUMBER, REVISION);
    }
}
