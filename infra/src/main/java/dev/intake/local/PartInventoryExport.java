package dev.intake.local;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.columns.Column;
import dev.intake.core.inventory.InventoryColumns;
import dev.intake.core.inventory.InventoryRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * An org's inventory as a Part Inventory CSV (docs/export.md): the importer's own columns, read
 * from its column model ({@link InventoryColumns}): every standard column, then the org's inventory
 * attributes in the catalog's order, each cell in the form the importer reads back as the same
 * value. Each row carries its {@code id}, so the file imported back updates the items it lists;
 * the generate flags are left blank.
 */
final class PartInventoryExport {

    private PartInventoryExport() {}

    /** The template: every standard column and the org's inventory attribute columns. */
    static List<String> header(Catalog catalog) {
        return InventoryColumns.all(catalog).stream().map(Column::name).toList();
    }

    static CsvTable of(Catalog catalog, List<InventoryRecord> records) {
        var columns = InventoryColumns.all(catalog);
        var rows = new ArrayList<List<String>>(records.size());
        for (var record : records) {
            rows.add(columns.stream().map(column -> column.cellOf(record)).toList());
        }
        return new CsvTable(header(catalog), rows, List.of());
    }
}
