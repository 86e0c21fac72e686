package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.ORIGINAL_PO_NUMBER;
import static dev.intake.core.purchasing.PoColumns.PO_NUMBER;

import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.columns.AttributeColumns;
import dev.intake.core.columns.Column;
import dev.intake.core.columns.Layout;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.Header;
import dev.intake.core.inventory.InventoryColumns;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A Purchase Orders header resolved against the column model ({@link PoColumns}): standard
 * columns, and custom attribute columns routed to the PO or to its lines by the catalog (exact key
 * match). A key defined for both is ambiguous, for neither unknown.
 *
 * @param headerFields the PO fields the file has (standard and attributes)
 * @param lineFields the line fields the file has (standard and attributes)
 * @param consistentColumns the header columns the file has that must agree across a PO's rows: all
 *     but po_number, which groups them
 */
record PoLayout(Layout layout, List<Column<PurchaseOrder, ?>> headerFields, List<Column<PoLine, ?>> lineFields,
                List<Column<?, ?>> consistentColumns) {

    static PoLayout of(List<String> names, Catalog catalog, List<ImportError> errors) {
        var header = Header.match(names, PoColumns.NAMES, errors);
        if (!header.has(PO_NUMBER.name())) {
            errors.add(ImportError.file(ErrorCode.REQUIRED, PO_NUMBER.name(), "the header needs a po_number column: rows are grouped by it"
                    + partInventoryColumns(header, catalog).map(found -> "; " + found + " Part Inventory's: a Part Inventory"
                            + " file goes in the org's part-inventory/ folder, not in purchase-orders/")
                    .orElse(" (the header is the file's first line that is not blank: delete any title lines above it)")));
        }
        var poAttributes = new ArrayList<Column<PurchaseOrder, ?>>();
        var lineAttributes = new ArrayList<Column<PoLine, ?>>();
        for (var column : header.others().keySet()) {
            var onPo = catalog.attribute(AttributeEntity.PURCHASE_ORDER, column);
            var onLine = catalog.attribute(AttributeEntity.PURCHASE_ORDER_LINE, column);
            if (onPo.isPresent() && onLine.isPresent()) {
                errors.add(ImportError.file(ErrorCode.AMBIGUOUS_COLUMN, column, "column \"" + column
                        + "\" is a custom attribute of both purchase orders and purchase order lines; rename one of them"));
            } else if (onPo.isPresent()) {
                poAttributes.add(AttributeColumns.of(onPo.get(), Column.Level.PO));
            } else if (onLine.isPresent()) {
                lineAttributes.add(AttributeColumns.of(onLine.get(), Column.Level.LINE));
            } else {
                errors.add(Header.unknownColumn(column, PoColumns.NAMES,
                        "a Purchase Orders column nor a custom attribute of purchase orders or their lines"));
            }
        }
        var layout = Layout.of(header, Stream.concat(PoColumns.HEADER.stream(), PoColumns.LINE.stream()).toList(),
                Stream.concat(poAttributes.stream(), lineAttributes.stream()).toList());
        var headerFields = new ArrayList<Column<PurchaseOrder, ?>>();
        PoColumns.HEADER.stream().filter(c -> c.isField() && layout.has(c)).forEach(headerFields::add);
        headerFields.addAll(poAttributes);
        var lineFields = new ArrayList<Column<PoLine, ?>>();
        PoColumns.LINE.stream().filter(c -> c.isField() && layout.has(c)).forEach(lineFields::add);
        lineFields.addAll(lineAttributes);
        var consistent = layout.columns(Column.Level.PO).stream().filter(column -> column != PO_NUMBER).toList();
        return new PoLayout(layout, List.copyOf(headerFields), List.copyOf(lineFields), consistent);
    }

    /**
     * The header's Part Inventory columns that Purchase Orders does not have (id, location,
     * serial_number...), for a header without po_number: a Part Inventory file dropped in the
     * purchase-orders/ folder was told only to delete title lines (found by review "errorsdoc" on 7
     * December 2026). Not a column the catalog makes an attribute of POs or their lines: an org's
     * line attribute "Location" sent its PO file with a misspelt po_number there (review "own49").
     */
    private static Optional<String> partInventoryColumns(Header header, Catalog catalog) {
        var found = header.others().keySet().stream()
                .filter(name -> InventoryColumns.NAMES.contains(name.toLowerCase(Locale.ROOT)))
                .filter(name -> catalog.attribute(AttributeEntity.PURCHASE_ORDER, name).isEmpty()
                        && catalog.attribute(AttributeEntity.PURCHASE_ORDER_LINE, name).isEmpty())
                .limit(3).toList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(found.size() == 1 ? "its column " + found.getFirst() + " is" : "its columns " + String.join(", ", found) + " are");
    }

    /** The cells of {@link #consistentColumns()} on a row, in that order. */
    List<String> consistentCells(CsvRow row) {
        var cells = new ArrayList<String>(consistentColumns.size());
        for (var column : consistentColumns) {
            cells.add(row.cell(layout.indexOf(column)));
        }
        return cells;
    }

    /** Whether any line column (standard or line attribute) has a value on this row: asked of every row, so it allocates nothing. */
    boolean hasLine(CsvRow row) {
        for (var column : layout.columns(Column.Level.LINE)) {
            if (!row.cell(layout.indexOf(column)).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The row's filled line cells in the file's order: each column's name and its cell. */
    List<Map.Entry<String, String>> lineCells(CsvRow row) {
        return layout.columns(Column.Level.LINE).stream().sorted(java.util.Comparator.comparingInt(layout::indexOf))
                .filter(column -> !row.cell(layout.indexOf(column)).isEmpty())
                .map(column -> Map.entry(column.name(), row.cell(layout.indexOf(column)))).toList();
    }

    String poNumber(CsvRow row) {
        return cell(row, PO_NUMBER);
    }

    String originalPoNumber(CsvRow row) {
        return cell(row, ORIGINAL_PO_NUMBER);
    }

    /**
     * Whether the file has a column whose change moves a DRAFT PO's On Order records, every
     * line's: supplier, ship-to location, intent ({@code PoCommitPass.movesOnOrder}).
     */
    boolean movesOnOrder() {
        return layout.has(PoColumns.SUPPLIER) || layout.has(PoColumns.SHIP_TO_LOCATION) || layout.has(PoColumns.PO_INTENT_OPTION);
    }

    /** A cell of the row, "" when the file does not have the column. */
    String cell(CsvRow row, Column<?, ?> column) {
        return layout.has(column) ? row.cell(layout.indexOf(column)) : "";
    }
}
