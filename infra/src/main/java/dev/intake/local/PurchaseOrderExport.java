package dev.intake.local;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.columns.Column;
import dev.intake.core.purchasing.PoColumns;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PurchaseOrder;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An org's purchase orders as a Purchase Orders CSV (docs/export.md), in the importer's own
 * columns, read from its column model ({@link PoColumns}): one row per line in line order, the
 * PO's header cells repeated on each, and a header-only row for a PO without lines. Imported back,
 * each row matches the line it came from (by part revision, or description, and order), and a
 * header field a PO does not have is blank on all its rows, which the importer reads as "not
 * given": an unchanged file changes nothing.
 */
final class PurchaseOrderExport {

    private PurchaseOrderExport() {}

    /**
     * The template: every standard column, with the org's PO attributes after the header columns
     * and its line attributes after the line columns.
     */
    static CsvTable template(Catalog catalog) {
        return CsvTable.template(names(catalog), notes(catalog));
    }

    /** The POs' rows, made as {@code orders} is consumed. */
    static CsvTable of(Catalog catalog, Stream<StoredPurchaseOrder> orders) {
        var headerColumns = PoColumns.header(catalog);
        var lineColumns = PoColumns.line(catalog);
        return new CsvTable(names(catalog), orders.flatMap(po -> rows(po, headerColumns, lineColumns)), notes(catalog));
    }

    private static Stream<List<String>> rows(StoredPurchaseOrder po, List<Column<PurchaseOrder, ?>> headerColumns,
                                             List<Column<PoLine, ?>> lineColumns) {
        var header = cells(headerColumns, po.header());
        if (po.lines().isEmpty()) {
            return Stream.of(concat(header, lineColumns.stream().map(column -> "").toList()));
        }
        return po.lines().stream().map(line -> concat(header, cells(lineColumns, line)));
    }

    private static <R> List<String> cells(List<Column<R, ?>> columns, R record) {
        return columns.stream().map(column -> column.cellOf(record)).toList();
    }

    private static List<String> notes(Catalog catalog) {
        return PoColumns.ambiguous(catalog).stream()
                .map(key -> "left out the attribute \"" + key + "\": it is configured for both purchase_order and"
                        + " purchase_order_line, so a file with that column fails (AMBIGUOUS_COLUMN); rename one in the catalog")
                .toList();
    }

    private static List<String> names(Catalog catalog) {
        var names = new ArrayList<String>();
        PoColumns.header(catalog).forEach(column -> names.add(column.name()));
        PoColumns.line(catalog).forEach(column -> names.add(column.name()));
        return names;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<String>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }
}
