package dev.intake.local;

import dev.intake.core.csv.SpreadsheetCsv;
import dev.intake.aws.OrgScans;
import dev.intake.aws.DynamoCatalogStore;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.DynamoPurchaseOrderStore;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.values.CellValues;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code ./intake export} and {@code ./intake template}: reads an org's catalog (for its attribute
 * columns) and records from wherever {@code aws} points, and hands them to the importer's export
 * ({@link PartInventoryExport}, {@link PurchaseOrderExport}), which owns the columns and cell forms.
 */
final class CsvExports {

    static final List<String> IMPORTERS = List.of("part-inventory", "purchase-orders");

    private CsvExports() {}

    /**
     * The org's records as the importer's CSV, or with {@code withRecords} false its template (the
     * header). The rows are read as they are written: write them before {@code aws} closes.
     */
    static CsvTable table(LocalAws aws, String importer, String org, boolean withRecords) {
        var catalog = new DynamoCatalogStore(aws.dynamo(), aws.config().catalogTable()).load(org);
        var table = withinColumnLimit(tableOf(aws, importer, org, withRecords, catalog), aws.config().limits().maxColumns());
        return withRecords ? withUnfinishedImports(table, aws, org) : table;
    }

    private static CsvTable withUnfinishedImports(CsvTable table, LocalAws aws, String org) {
        var unfinished = partlyWrittenImports(aws, org, "this file");
        if (unfinished.isEmpty()) {
            return table;
        }
        var notes = new ArrayList<>(table.notes());
        notes.addAll(unfinished);
        return new CsvTable(table.header(), table.rows(), notes);
    }

    /**
     * A note per import of the org that has written part of its changes and not finished
     * (stopped mid-commit, or being undone): what {@code reader} (an export, a dump) reads holds
     * what it wrote so far, which its retry completes or undoes. An export edited and imported
     * back would make the half state the org's; an operator exporting after a stopped command got
     * no word of it.
     */
    static List<String> partlyWrittenImports(LocalAws aws, String org, String reader) {
        return BucketImports.unfinishedOfOrg(aws.dynamo(), aws.config().importsTable(), org, BucketImports.OfOrg::partlyWritten, 10)
                .stream().map(left -> "import " + left.importId() + " of " + left.key() + " has not finished (" + left.status() + "): "
                        + reader + " may hold some of its changes and not the rest; " + (aws.realAws()
                        ? "Lambda's retry finishes it" : "the next ./intake import, invoke, catalog or serve finishes it")
                        + " (docs/lifecycle.md)")
                .toList();
    }

    private static CsvTable tableOf(LocalAws aws, String importer, String org, boolean withRecords, Catalog catalog) {
        return switch (importer) {
            case "part-inventory" -> withRecords
                    ? PartInventoryExport.of(catalog, inventory(aws, org))
                    : CsvTable.template(PartInventoryExport.header(catalog), List.of());
            case "purchase-orders" -> withRecords
                    ? PurchaseOrderExport.of(catalog, OrgScans.purchaseOrders(
                            new DynamoPurchaseOrderStore(aws.dynamo(), aws.config().purchaseOrdersTable()), org))
                    : PurchaseOrderExport.template(catalog);
            default -> throw new IllegalArgumentException("no importer " + importer + "; there are " + IMPORTERS);
        };
    }

    /** The org's inventory in the order an export writes it ({@link AssembliesFirst}). */
    private static Stream<InventoryRecord> inventory(LocalAws aws, String org) {
        var store = new DynamoInventoryStore(aws.dynamo(), aws.config().inventoryTable());
        return AssembliesFirst.order(OrgScans.inventory(store, org), store.installedIds(org), ids -> {
            var records = new HashMap<Long, InventoryRecord>();
            store.findByIds(org, ids).forEach((id, stamped) -> records.put(id, stamped.item()));
            return records;
        });
    }

    /**
     * The table with a note when it has more columns than an import reads: an org may define any
     * number of attributes, and a file of every column would then fail whole (LIMIT_EXCEEDED;
     * found by review on 4 December 2026). The user keeps the columns they change.
     */
    private static CsvTable withinColumnLimit(CsvTable table, int maxColumns) {
        if (table.header().size() <= maxColumns) {
            return table;
        }
        var notes = new ArrayList<>(table.notes());
        notes.add("this file has " + table.header().size() + " columns, more than the " + maxColumns + " an import reads"
                + " (INTAKE_MAX_COLUMNS): before importing it, delete the columns you do not change (keep id, or po_number)");
        return new CsvTable(table.header(), table.rows(), notes);
    }

    /**
     * Header and rows as a spreadsheet-safe CSV; a byte order mark first for a file a spreadsheet
     * will open. Returns the number of rows written. Values that an import would read otherwise
     * are told to {@code notes} (see {@link #untrimmed}).
     */
    static long write(CsvTable table, Writer writer, boolean byteOrderMark, Consumer<String> notes) throws IOException {
        if (byteOrderMark) {
            writer.write(SpreadsheetCsv.BYTE_ORDER_MARK);
        }
        var csv = new SpreadsheetCsv(writer);
        csv.write(table.header());
        long rows = 0;
        long untrimmed = 0;
        String first = null;
        for (var row : (Iterable<List<String>>) table.rows()::iterator) {
            csv.write(row);
            rows++;
            for (int i = 0; i < row.size(); i++) {
                if (!CellValues.trimmed(row.get(i)).equals(row.get(i)) && untrimmed++ == 0) {
                    first = "row " + (rows + 1) + ", column " + table.header().get(i);
                }
            }
        }
        writer.flush();
        if (untrimmed > 0) {
            notes.accept(untrimmed(untrimmed, first));
        }
        return rows;
    }

    /**
     * A value stored before 6 December 2026 may end in an invisible character (a zero-width space
     * pasted in with it), which imports trim since: a look-alike serial's row would then fail
     * DUPLICATE_SERIAL, and a look-alike PO's rows would change the real PO.
     */
    private static String untrimmed(long cells, String first) {
        return cells + " value(s) of this export (the first at " + first + ") begin or end with a space or an invisible"
                + " character, which an import reads without: imported back, such a value names another record (a look-alike"
                + " of the one it was exported from, stored before 6 December 2026). Correct them first: docs/csv-format.md";
    }
}
