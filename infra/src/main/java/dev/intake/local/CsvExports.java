package dev.intake.local;

import dev.intake.core.csv.SpreadsheetCsv;
import dev.intake.aws.DynamoCatalogStore;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.DynamoPurchaseOrderStore;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * {@code ./intake export} and {@code ./intake template}: reads an org's catalog (for its attribute
 * columns) and records from wherever {@code aws} points, and hands them to the importer's export
 * ({@link PartInventoryExport}, {@link PurchaseOrderExport}), which owns the columns and cell forms.
 */
final class CsvExports {

    static final List<String> IMPORTERS = List.of("part-inventory", "purchase-orders");

    private CsvExports() {}

    /** The org's records as the importer's CSV, or with {@code withRecords} false its template (the header). */
    static CsvTable table(LocalAws aws, String importer, String org, boolean withRecords) {
        var catalog = new DynamoCatalogStore(aws.dynamo(), aws.config().catalogTable()).load(org);
        return switch (importer) {
            case "part-inventory" -> withRecords
                    ? PartInventoryExport.of(catalog, new DynamoInventoryStore(aws.dynamo(), aws.config().inventoryTable()).all(org))
                    : new CsvTable(PartInventoryExport.header(catalog), List.of(), List.of());
            case "purchase-orders" -> withRecords
                    ? PurchaseOrderExport.of(catalog, new DynamoPurchaseOrderStore(aws.dynamo(), aws.config().purchaseOrdersTable()).all(org))
                    : PurchaseOrderExport.template(catalog);
            default -> throw new IllegalArgumentException("no importer " + importer + "; there are " + IMPORTERS);
        };
    }

    /** Header and rows as a spreadsheet-safe CSV; a byte order mark first for a file a spreadsheet will open. */
    static void write(CsvTable table, Writer writer, boolean byteOrderMark) throws IOException {
        if (byteOrderMark) {
            writer.write(SpreadsheetCsv.BYTE_ORDER_MARK);
        }
        var csv = new SpreadsheetCsv(writer);
        csv.write(table.header());
        table.rows().forEach(csv::write);
        writer.flush();
    }
}
