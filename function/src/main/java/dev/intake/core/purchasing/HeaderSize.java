package dev.intake.core.purchasing;

import dev.intake.core.columns.Column;
import dev.intake.core.columns.RowCells;
import dev.intake.core.columns.RowValues;
import dev.intake.core.values.KeyText;
import java.util.List;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/**
 * The size of a PO's header: what is stored, with the file's header cells applied. Each row
 * passes the row check ({@link RowCells#checkStoredSize()}) alone; the stored values and the
 * file's together can still pass what DynamoDB holds in one item, which it would refuse
 * mid-commit. Checked on the PO's first row: the rows of a valid PO fill the same header cells
 * with the same values (HEADER_BLANK, HEADER_CONFLICT otherwise), so the first holds them all.
 */
final class HeaderSize {

    private HeaderSize() {}

    /**
     * Fails the row, on its longest header cell, when {@code stored} (the stored header, or a new PO's
     * draft) with the row's header {@code values} would hold more than {@link RowCells#MAX_ROW_BYTES}
     * of text. {@code columns}: every header column of the org; {@code rowColumns}: the file's.
     */
    static void check(List<Column<PurchaseOrder, ?>> columns, PurchaseOrder stored, RowValues<PurchaseOrder> values,
                      RowCells cells, List<? extends Column<PurchaseOrder, ?>> rowColumns) {
        var columnNames = columns.stream().map(Column::name).collect(Collectors.toSet());
        // Cheap bound first (3 bytes a char at most): an ordinary header is measured no further.
        long chars = size(columns, columnNames, stored, String::length);
        for (var column : rowColumns) {
            chars += cells.raw(column).length() + column.name().length(); // the name: an attribute's, stored
        }
        if (chars * 3 <= RowCells.MAX_ROW_BYTES) {
            return;
        }
        var header = values.applyTo(stored);
        long bytes = size(columns, columnNames, header, KeyText::bytes);
        cells.checkRecordSize("PO " + header.poNumber(), bytes, rowColumns); // a line's cell is not the header's
    }

    /**
     * The header's cells, and what its item holds beside them: its custom attributes' names, and
     * the values of attributes no column is for (their definitions deleted from the catalog:
     * catalog.md). Until 5 December 2026 neither was counted.
     */
    private static long size(List<Column<PurchaseOrder, ?>> columns, Set<String> columnNames, PurchaseOrder header,
                             ToLongFunction<String> size) {
        long total = 0;
        for (var column : columns) {
            total += size.applyAsLong(column.cellOf(header));
        }
        for (var attribute : header.attributes().entrySet()) {
            total += size.applyAsLong(attribute.getKey());
            if (!columnNames.contains(attribute.getKey())) {
                total += size.applyAsLong(attribute.getValue().plain().toString());
            }
        }
        return total;
    }
}
