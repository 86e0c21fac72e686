package dev.intake.local;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.columns.Column;
import dev.intake.core.inventory.InventoryColumns;
import dev.intake.core.inventory.InventoryRecord;
import java.util.List;
import java.util.stream.Stream;

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

    /** The records' rows, made as {@code records} is consumed. */
    static CsvTable of(Catalog catalog, Stream<InventoryRecord> records) {
        var columns = InventoryColumns.all(catalog);
        return new CsvTable(header(catalog), records.map(record -> columns.stream().map(column -> column.cellOf(record)).toList()),
                List.of());
    }
}
