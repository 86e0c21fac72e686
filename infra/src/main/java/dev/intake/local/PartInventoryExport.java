package dev.intake.local;

import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.inventory.InventoryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An org's inventory as a Part Inventory CSV (docs/part-inventory.md): every standard column, then
 * the org's inventory attributes in the catalog's order (the stored catalog keeps them sorted by
 * key). Each row carries its {@code id}, so the file imported back updates the items it lists; the
 * generate flags are left blank, which an update accepts and a row added for a new item (without
 * an id) can fill in. The column list and the value forms of this export live here and nowhere else.
 */
final class PartInventoryExport {

    private record Column(String name, Function<InventoryRecord, String> cell) {}

    private static final List<Column> STANDARD = List.of(
            new Column("id", r -> Long.toString(r.id())),
            new Column("part_number", r -> r.part().partNumber()),
            new Column("revision", r -> r.part().revision()),
            new Column("serial_number", r -> CsvValues.text(r.serialNumber())),
            new Column("lot_number", r -> CsvValues.text(r.lotNumber())),
            new Column("quantity", r -> CsvValues.decimal(r.quantity())),
            new Column("quantity_scrapped", r -> CsvValues.decimal(r.quantityScrapped())),
            new Column("location", r -> CsvValues.text(r.location())),
            new Column("supplier", r -> CsvValues.text(r.supplier())),
            new Column("unit_of_measure", r -> CsvValues.text(r.unitOfMeasure())),
            new Column("intent_option", r -> CsvValues.text(r.intentOption())),
            new Column("autogenerate_serial", r -> ""),
            new Column("autogenerate_lot", r -> ""));

    private PartInventoryExport() {}

    /** The template: every standard column and the org's inventory attribute columns. */
    static List<String> header(Catalog catalog) {
        return columns(catalog).stream().map(Column::name).toList();
    }

    static CsvTable of(Catalog catalog, List<InventoryRecord> records) {
        var columns = columns(catalog);
        var rows = new ArrayList<List<String>>(records.size());
        for (var record : records) {
            rows.add(columns.stream().map(column -> column.cell().apply(record)).toList());
        }
        return new CsvTable(header(catalog), rows, List.of());
    }

    private static List<Column> columns(Catalog catalog) {
        var columns = new ArrayList<>(STANDARD);
        for (var attribute : catalog.attributes()) {
            if (attribute.entity() == AttributeEntity.INVENTORY) {
                var key = attribute.key();
                columns.add(new Column(key, r -> CsvValues.attribute(r.attributes().get(key))));
            }
        }
        return columns;
    }
}
