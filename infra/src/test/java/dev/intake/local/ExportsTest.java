package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.AttributeDef;
import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.AttributeType;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.inventory.Assembly;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.Placement;
import dev.intake.core.inventory.Quantities;
import dev.intake.core.inventory.Tracking;
import dev.intake.core.purchasing.Fee;
import dev.intake.core.purchasing.LineAmounts;
import dev.intake.core.purchasing.LineDates;
import dev.intake.core.purchasing.LineItem;
import dev.intake.core.purchasing.LineTerms;
import dev.intake.core.purchasing.PoTerms;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PurchaseOrder;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The export classes' columns and cell forms, and the spreadsheet-safe CSV they are written as. */
class ExportsTest {

    private static final Catalog CATALOG = new Catalog("acme", null, null, null, null, null, Map.of(), null, Map.of(), null,
            List.of(new AttributeDef("BatchID", AttributeEntity.INVENTORY, AttributeType.TEXT),
                    new AttributeDef("Incoterm", AttributeEntity.PURCHASE_ORDER, AttributeType.TEXT),
                    new AttributeDef("Inspection", AttributeEntity.PURCHASE_ORDER_LINE, AttributeType.BOOLEAN),
                    new AttributeDef("Due", AttributeEntity.INVENTORY, AttributeType.DATE),
                    new AttributeDef("Code", AttributeEntity.PURCHASE_ORDER, AttributeType.TEXT),
                    new AttributeDef("Code", AttributeEntity.PURCHASE_ORDER_LINE, AttributeType.TEXT)),
            null);

    /**
     * Bus 9 holds card 3 (which holds chip 1) and bracket 5; 13 holds 11, which holds 12; 4, 7
     * and 10 are loose. Each installed item comes after every item it is installed in, shallower
     * first, so that an assembly's edited location moves it before its own row: that row's edited
     * location then applies, and an unchanged one leaves it where the move took it (found by review
     * on 5 December 2026). Item 6, which holds 2, is gone from the listing: 2 still gets its row,
     * at the end.
     */
    @Test
    void assembliesFirst_installedItems_eachAfterEveryItemItIsInstalledInShallowerFirst() {
        var installed = Map.of(9L, List.of(3L, 5L), 3L, List.of(1L), 6L, List.of(2L), 13L, List.of(11L), 11L, List.of(12L));
        var byId = Stream.of(1L, 2L, 3L, 4L, 5L, 7L, 9L, 10L, 11L, 12L, 13L).map(ExportsTest::item);

        var order = AssembliesFirst.order(byId, installed, ExportsTest::readAgain).map(InventoryRecord::id).toList();

        assertThat(order).containsExactly(4L, 7L, 9L, 3L, 5L, 1L, 10L, 13L, 11L, 12L, 2L);
    }

    /**
     * An assembly built after the 250 parts installed in it: they are held as ids and read again
     * a page at a time once the assembly is written, not kept as records until then (an export
     * reads the org as it writes). One of them, gone meanwhile, has no row.
     */
    @Test
    void assembliesFirst_itemsHeldForALaterAssembly_readAgainAPageAtATime() {
        var parts = LongStream.rangeClosed(1, 250).boxed().toList();
        var pages = new ArrayList<List<Long>>();

        var order = AssembliesFirst.order(Stream.concat(parts.stream(), Stream.of(251L)).map(ExportsTest::item),
                Map.of(251L, parts), ids -> {
                    pages.add(ids);
                    return readAgain(ids.stream().filter(id -> id != 7L).toList());
                }).map(InventoryRecord::id).toList();

        assertThat(order.getFirst()).isEqualTo(251L);
        assertThat(order.subList(1, order.size())).isEqualTo(parts.stream().filter(id -> id != 7L).toList());
        assertThat(pages).extracting(List::size).containsExactly(100, 100, 50);
    }

    private static Map<Long, InventoryRecord> readAgain(List<Long> ids) {
        var records = new HashMap<Long, InventoryRecord>();
        ids.forEach(id -> records.put(id, item(id)));
        return records;
    }

    private static InventoryRecord item(long id) {
        return new InventoryRecord(id, new PartRef("P-1", "B"), new Tracking(null, null),
                new Quantities(BigDecimal.ONE, BigDecimal.ZERO), new Placement("Dock", null, "each", null),
                Map.of(), Assembly.NONE, null);
    }

    @Test
    void partInventoryOf_record_writesEveryFieldInTheImportersForm() {
        var record = new InventoryRecord(7, new PartRef("P-1", "B"), new Tracking("SN-7", null),
                new Quantities(new BigDecimal("1E+3"), new BigDecimal("2.50")), new Placement("Dock", null, "each", null),
                Map.of("Due", new CustomValue.Day(LocalDate.of(2027, 1, 31))), Assembly.NONE, null);

        var table = PartInventoryExport.of(CATALOG, Stream.of(record));

        assertThat(table.header()).containsExactly("id", "part_number", "revision", "serial_number", "lot_number",
                "quantity", "quantity_scrapped", "location", "supplier", "unit_of_measure", "intent_option",
                "autogenerate_serial", "autogenerate_lot", "BatchID", "Due");
        assertThat(table.rows().toList()).containsExactly(
                List.of("7", "P-1", "B", "SN-7", "", "1000", "2.5", "Dock", "", "each", "", "", "", "", "2027-01-31")); // as DynamoDB gives 2.50 back
    }

    @Test
    void purchaseOrderOf_orders_repeatsTheHeaderOnEveryLineAndGivesALinelessPoOneRow() {
        var withLines = po(1, "PO-1", "Parts", List.of("urgent", "q4"), List.of(new Fee("Ship", new BigDecimal("50.00"), Fee.Type.CURRENCY)));
        var lineless = po(2, "PO-2", "Later", List.of(), List.of());
        var line = new PoLine(1, 1, new LineItem(new PartRef("P-1", "A"), null),
                new LineAmounts(new BigDecimal("3"), new BigDecimal("0.5"), true, false), new LineDates(LocalDate.of(2026, 12, 1), null),
                new LineTerms(List.of(), List.of("CoC", "FAI"), null), Map.of("Inspection", new CustomValue.Flag(true)),
                List.of(11L));

        var table = PurchaseOrderExport.of(CATALOG, Stream.of(StoredPurchaseOrder.unstored(withLines, List.of(line)),
                StoredPurchaseOrder.unstored(lineless, List.of())));

        assertThat(table.header()).as("every column but the ambiguous Code")
                .containsExactly("po_number", "original_po_number", "po_description", "supplier", "ship_to_location",
                        "bill_to_location", "currency", "ordered_at", "assigned_to", "po_intent_option", "po_labels",
                        "terms_and_conditions", "fees", "Incoterm", "part_number", "revision", "description", "quantity",
                        "cost", "need_date", "estimated_arrival_date", "paid", "percentage_fee_exempt", "labels",
                        "quality_clauses", "intent_option", "Inspection");
        assertThat(table.rows().toList()).as("a field a PO does not have is blank on all its rows: not given, when imported back")
                .containsExactly(
                        List.of("PO-1", "", "Parts", "", "", "", "", "", "", "", "urgent; q4", "", "Ship[50][currency]", "",
                                "P-1", "A", "", "3", "0.5", "2026-12-01", "", "true", "false", "", "CoC; FAI", "", "true"),
                        List.of("PO-2", "", "Later", "", "", "", "", "", "", "", "", "", "", "",
                                "", "", "", "", "", "", "", "", "", "", "", "", ""));
        assertThat(table.notes()).singleElement().asString().contains("\"Code\"").contains("AMBIGUOUS_COLUMN");
    }

    @Test
    void purchaseOrderTemplate_catalog_hasEveryStandardColumnAndTheAttributesAfterTheirGroup() {
        var template = PurchaseOrderExport.template(CATALOG);

        assertThat(template.header()).startsWith("po_number", "original_po_number", "po_description", "supplier")
                .containsSubsequence("fees", "Incoterm", "part_number")
                .endsWith("intent_option", "Inspection")
                .doesNotContain("Code", "BatchID");
        assertThat(template.rows().toList()).isEmpty();
    }

    @Test
    void write_cellsAFormulaOrQuotesOrBreaks_quotesAsRfc4180AndDisarmsFormulas() throws Exception {
        var text = new StringWriter();
        var table = new CsvTable(List.of("a", "b", "c", "d", "e"),
                Stream.of(List.of("=SUM(A1:A9)", "-2", "say \"hi\", then", "two\nlines", "@cmd"),
                        List.of("+1 555", "-", "-0.5", "plain", "\tx")),
                List.of());

        CsvExports.write(table, text, false, note -> { });

        assertThat(text.toString()).isEqualTo("a,b,c,d,e\r\n"
                + "'=SUM(A1:A9),-2,\"say \"\"hi\"\", then\",\"two\nlines\",'@cmd\r\n"
                + "'+1 555,'-,-0.5,plain,'\tx\r\n");
    }

    /**
     * Found by review (6 Dec 2026): a look-alike value stored before imports trimmed invisible
     * characters (a PO number with a zero-width space after it) is exported as stored; imported
     * back, it is read without it and names the real PO, whose rows it then changes. The export
     * says so, naming the first such cell; a character inside a value is no such case.
     */
    @Test
    void write_valuesAnImportWouldReadTrimmed_notedWithTheFirstCell() throws Exception {
        var notes = new ArrayList<String>();
        var table = new CsvTable(List.of("po_number", "part_number"),
                Stream.of(List.of("PO-1", "BOLT"), List.of("PO-2\u200B", "BOLT"), List.of("PO-3", "BO\u200BLT ")), List.of());

        CsvExports.write(table, new StringWriter(), false, notes::add);

        assertThat(notes).singleElement().asString().startsWith("2 value(s) of this export (the first at row 3, column po_number)"
                + " begin or end with a space or an invisible character");
    }

    @Test
    void write_noValueAnImportWouldReadOtherwise_notesNothing() throws Exception {
        var notes = new ArrayList<String>();
        var table = new CsvTable(List.of("a"), Stream.of(List.of("SN\u200B-1"), List.of("")), List.of());

        CsvExports.write(table, new StringWriter(), false, notes::add);

        assertThat(notes).isEmpty();
    }

    private static PurchaseOrder po(long id, String number, String description, List<String> labels, List<Fee> fees) {
        return PurchaseOrder.draft(id, number).withDescription(description).withLabels(labels)
                .withTerms(PoTerms.NONE.withFees(fees));
    }
}
