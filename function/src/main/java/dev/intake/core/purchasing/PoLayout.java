package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.*;

import dev.intake.core.catalog.AttributeDef;
import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.Header;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Purchase Orders header: standard columns, and custom attribute columns routed to the PO or to
 * its lines by the catalog (exact key match). A key defined for both is ambiguous, for neither unknown.
 */
record PoLayout(Header header, Map<String, AttributeDef> poAttributes, Map<String, AttributeDef> lineAttributes) {

    static PoLayout of(List<String> names, Catalog catalog, List<ImportError> errors) {
        var header = Header.match(names, ALL, errors);
        if (!header.has(PO_NUMBER)) {
            errors.add(ImportError.file(ErrorCode.REQUIRED, PO_NUMBER, "the header needs a po_number column: rows are grouped by it"));
        }
        var po = new LinkedHashMap<String, AttributeDef>();
        var line = new LinkedHashMap<String, AttributeDef>();
        for (var column : header.others().keySet()) {
            var onPo = catalog.attribute(AttributeEntity.PURCHASE_ORDER, column);
            var onLine = catalog.attribute(AttributeEntity.PURCHASE_ORDER_LINE, column);
            if (onPo.isPresent() && onLine.isPresent()) {
                errors.add(ImportError.file(ErrorCode.AMBIGUOUS_COLUMN, column, "column \"" + column
                        + "\" is a custom attribute of both purchase orders and purchase order lines; rename one of them"));
            } else if (onPo.isPresent()) {
                po.put(column, onPo.get());
            } else if (onLine.isPresent()) {
                line.put(column, onLine.get());
            } else {
                errors.add(ImportError.file(ErrorCode.UNKNOWN_COLUMN, column, "column \"" + column
                        + "\" is neither a Purchase Orders column nor a custom attribute of purchase orders or their lines"
                        + " (attribute keys match exactly, including case)"));
            }
        }
        return new PoLayout(header, po, line);
    }

    /** The header-column cells of a row, in a fixed order: standard ones, then PO attributes. */
    List<String> headerCells(CsvRow row) {
        var cells = new ArrayList<String>();
        for (var column : HEADER) {
            cells.add(header.has(column) ? row.cell(header.indexOf(column)) : null);
        }
        poAttributes.keySet().forEach(column -> cells.add(row.cell(header.others().get(column))));
        return cells;
    }

    /** Names matching {@link #headerCells}, present or not. */
    List<String> headerColumns() {
        var columns = new ArrayList<>(HEADER);
        columns.addAll(poAttributes.keySet());
        return columns;
    }

    /** Whether any line column (standard or line attribute) has a value on this row. */
    boolean hasLine(CsvRow row) {
        for (var column : LINE) {
            if (header.has(column) && !row.cell(header.indexOf(column)).isEmpty()) {
                return true;
            }
        }
        return lineAttributes.keySet().stream().anyMatch(column -> !row.cell(header.others().get(column)).isEmpty());
    }

    String poNumber(CsvRow row) {
        return header.has(PO_NUMBER) ? row.cell(header.indexOf(PO_NUMBER)) : "";
    }
}
