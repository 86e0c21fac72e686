package dev.intake.local;

import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.purchasing.Fee;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PurchaseOrder;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An org's purchase orders as a Purchase Orders CSV (docs/purchase-orders.md): one row per line in
 * line order, the PO's header columns repeated on each, and a header-only row for a PO without
 * lines. Imported back, each row matches the line it came from (by part revision, or description,
 * and order), so an unchanged file changes nothing. The column list and the value forms of this
 * export live here and nowhere else.
 *
 * <p>The importer refuses a blank header cell ({@code HEADER_BLANK}: header columns have no blank
 * form), so a header column that no exported PO has a value for is left out of the file, which
 * keeps every PO's value; an empty label or fee list is written {@code ;}, the list form of "none".
 */
final class PurchaseOrderExport {

    private record HeaderColumn(String name, Function<PurchaseOrder, String> cell, boolean emptyList) {}

    private record LineColumn(String name, Function<PoLine, String> cell) {}

    private static final String PO_NUMBER = "po_number";
    /** Blank means "no rename", so it may stay blank; it is how a user renames a PO in the file. */
    private static final String ORIGINAL_PO_NUMBER = "original_po_number";
    /** A list whose items are all blank: how a list header column says "none". */
    private static final String EMPTY_LIST = ";";

    private static final List<HeaderColumn> HEADER = List.of(
            new HeaderColumn(PO_NUMBER, PurchaseOrder::poNumber, false),
            new HeaderColumn(ORIGINAL_PO_NUMBER, po -> "", false),
            new HeaderColumn("po_description", po -> CsvValues.text(po.description()), false),
            new HeaderColumn("supplier", po -> CsvValues.text(po.supplier()), false),
            new HeaderColumn("ship_to_location", po -> CsvValues.text(po.shipToLocation()), false),
            new HeaderColumn("bill_to_location", po -> CsvValues.text(po.billToLocation()), false),
            new HeaderColumn("currency", po -> CsvValues.text(po.currency()), false),
            new HeaderColumn("ordered_at", po -> CsvValues.date(po.orderedAt()), false),
            new HeaderColumn("assigned_to", po -> CsvValues.text(po.assignedTo()), false),
            new HeaderColumn("po_intent_option", po -> CsvValues.text(po.intentOption()), false),
            new HeaderColumn("po_labels", po -> CsvValues.list(po.labels()), true),
            new HeaderColumn("terms_and_conditions", po -> CsvValues.text(po.termsAndConditions()), false),
            new HeaderColumn("fees", po -> fees(po.fees()), true));

    private static final List<LineColumn> LINE = List.of(
            new LineColumn("part_number", line -> CsvValues.text(line.partNumber())),
            new LineColumn("revision", line -> CsvValues.text(line.revision())),
            new LineColumn("description", line -> CsvValues.text(line.description())),
            new LineColumn("quantity", line -> CsvValues.decimal(line.quantity())),
            new LineColumn("cost", line -> CsvValues.decimal(line.cost())),
            new LineColumn("need_date", line -> CsvValues.date(line.needDate())),
            new LineColumn("estimated_arrival_date", line -> CsvValues.date(line.estimatedArrivalDate())),
            new LineColumn("paid", line -> CsvValues.bool(line.paid())),
            new LineColumn("percentage_fee_exempt", line -> CsvValues.bool(line.percentageFeeExempt())),
            new LineColumn("labels", line -> CsvValues.list(line.labels())),
            new LineColumn("quality_clauses", line -> CsvValues.list(line.qualityClauses())),
            new LineColumn("intent_option", line -> CsvValues.text(line.intentOption())));

    private PurchaseOrderExport() {}

    /**
     * The template: every standard column, with the org's PO attributes after the header columns
     * and its line attributes after the line columns.
     */
    static CsvTable template(Catalog catalog) {
        return new CsvTable(names(headerColumns(catalog), lineColumns(catalog)), List.of(), notes(catalog));
    }

    static CsvTable of(Catalog catalog, List<StoredPurchaseOrder> orders) {
        var headerColumns = headerColumns(catalog).stream()
                .filter(column -> keptFor(column, orders))
                .toList();
        var lineColumns = lineColumns(catalog);
        var rows = new ArrayList<List<String>>();
        for (var po : orders) {
            var header = headerColumns.stream().map(column -> headerCell(column, po.header())).toList();
            if (po.lines().isEmpty()) {
                rows.add(concat(header, lineColumns.stream().map(column -> "").toList()));
            }
            for (var line : po.lines()) {
                rows.add(concat(header, lineColumns.stream().map(column -> column.cell().apply(line)).toList()));
            }
        }
        return new CsvTable(names(headerColumns, lineColumns), rows, notes(catalog));
    }

    /** A header column goes in the file unless every PO would leave it blank (see the class comment). */
    private static boolean keptFor(HeaderColumn column, List<StoredPurchaseOrder> orders) {
        return column.name().equals(PO_NUMBER) || column.name().equals(ORIGINAL_PO_NUMBER)
                || orders.stream().anyMatch(po -> !column.cell().apply(po.header()).isEmpty());
    }

    private static String headerCell(HeaderColumn column, PurchaseOrder po) {
        var cell = column.cell().apply(po);
        return cell.isEmpty() && column.emptyList() ? EMPTY_LIST : cell;
    }

    private static List<HeaderColumn> headerColumns(Catalog catalog) {
        var columns = new ArrayList<>(HEADER);
        for (var key : attributeKeys(catalog, AttributeEntity.PURCHASE_ORDER)) {
            columns.add(new HeaderColumn(key, po -> CsvValues.attribute(po.attributes().get(key)), false));
        }
        return columns;
    }

    private static List<LineColumn> lineColumns(Catalog catalog) {
        var columns = new ArrayList<>(LINE);
        for (var key : attributeKeys(catalog, AttributeEntity.PURCHASE_ORDER_LINE)) {
            columns.add(new LineColumn(key, line -> CsvValues.attribute(line.attributes().get(key))));
        }
        return columns;
    }

    /** Keys of one entity's attributes, in the catalog's order, without those no file can use (see {@link #ambiguous}). */
    private static List<String> attributeKeys(Catalog catalog, AttributeEntity entity) {
        var ambiguous = ambiguous(catalog);
        return catalog.attributes().stream()
                .filter(a -> a.entity() == entity && !ambiguous.contains(a.key()))
                .map(a -> a.key())
                .toList();
    }

    /** Keys configured for both POs and lines: any file with such a column fails (AMBIGUOUS_COLUMN). */
    private static Set<String> ambiguous(Catalog catalog) {
        var po = new HashSet<String>();
        var line = new HashSet<String>();
        for (var attribute : catalog.attributes()) {
            switch (attribute.entity()) {
                case PURCHASE_ORDER -> po.add(attribute.key());
                case PURCHASE_ORDER_LINE -> line.add(attribute.key());
                case INVENTORY -> { }
            }
        }
        po.retainAll(line);
        return new TreeSet<>(po);
    }

    private static List<String> notes(Catalog catalog) {
        return ambiguous(catalog).stream()
                .map(key -> "left out the attribute \"" + key + "\": it is configured for both purchase_order and"
                        + " purchase_order_line, so a file with that column fails (AMBIGUOUS_COLUMN); rename one in the catalog")
                .toList();
    }

    /** {@code Name[value][type]} items, as the fees column reads them. */
    private static String fees(List<Fee> fees) {
        return fees.stream()
                .map(fee -> fee.name() + "[" + CsvValues.decimal(fee.value()) + "][" + fee.type().name().toLowerCase(Locale.ROOT) + "]")
                .collect(Collectors.joining(";"));
    }

    private static List<String> names(List<HeaderColumn> header, List<LineColumn> line) {
        var names = new ArrayList<String>();
        header.forEach(column -> names.add(column.name()));
        line.forEach(column -> names.add(column.name()));
        return names;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<String>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }
}
