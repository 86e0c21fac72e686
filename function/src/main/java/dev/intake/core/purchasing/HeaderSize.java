package dev.intake.core.purchasing;

import dev.intake.core.columns.Column;
import dev.intake.core.columns.RowCells;
import dev.intake.core.columns.RowValues;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The size of one PO's header as its rows build it: what is stored, with the file's header cells
 * applied. Each row passes the row check ({@link RowCells#checkStoredSize()}) alone; the stored
 * values and the file's together can still pass what DynamoDB holds in one item, which it would
 * refuse mid-commit. Cheap for an ordinary PO: it adds up the lengths of the rows' header cells,
 * and measures the header itself only once those could pass the limit.
 */
final class HeaderSize {

    private final List<Column<PurchaseOrder, ?>> columns;
    private final String po;
    private PurchaseOrder header;
    /** At least the header's length in chars: the stored header's, plus every row's header cells. */
    private long charsBound;
    private boolean reported;

    /** {@code start}: the stored header, or a new PO's draft. */
    HeaderSize(List<Column<PurchaseOrder, ?>> columns, String po, PurchaseOrder start) {
        this.columns = columns;
        this.po = po;
        this.header = start;
        this.charsBound = columns.stream().mapToLong(column -> column.cellOf(start).length()).sum();
    }

    /**
     * Applies a row's header values; the first row with which the header would hold more than
     * {@link RowCells#MAX_ROW_BYTES} of text fails, on its longest cell (later rows do not).
     */
    void add(RowValues<PurchaseOrder> values, RowCells cells, List<? extends Column<PurchaseOrder, ?>> rowColumns) {
        if (reported) {
            return;
        }
        header = values.applyTo(header);
        for (var column : rowColumns) {
            charsBound += cells.raw(column).length();
        }
        if (charsBound * 3 <= RowCells.MAX_ROW_BYTES) {
            return;
        }
        long chars = 0;
        long bytes = 0;
        for (var column : columns) {
            var cell = column.cellOf(header);
            chars += cell.length();
            bytes += cell.getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes > RowCells.MAX_ROW_BYTES) {
            cells.checkUpdatedSize("PO " + po, bytes);
            reported = true;
        }
        // Rows repeat their PO's header: start counting again from what it holds, not what the rows gave.
        charsBound = chars;
    }
}
