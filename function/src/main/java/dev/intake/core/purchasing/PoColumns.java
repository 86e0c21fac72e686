package dev.intake.core.purchasing;

import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.columns.AttributeColumns;
import dev.intake.core.columns.CellTypes;
import dev.intake.core.columns.Column;
import dev.intake.core.columns.Column.Level;
import dev.intake.core.values.KeyText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every column of a Purchase Orders file (SPEC §7, docs/purchase-orders.md), in the order an
 * export writes them. Header columns ({@code PO} level) describe the PO and are repeated on each
 * of its rows: the rows must agree, and a column blank on every row of a PO is not given for it.
 * Line columns describe the row's line. Each column declares its cell type (value form, blank
 * default, catalog lookup), the field it reads and sets, and whether a PO that is no longer DRAFT
 * still accepts a change to it ({@code PO_NOT_EDITABLE} when frozen). A new column is a new
 * constant here, in {@link #HEADER} or {@link #LINE}, and its field in the record and the store's
 * mapping.
 */
public final class PoColumns {

    static final String TERMS = "TERMS_AND_CONDITIONS";
    static final String QUALITY_CLAUSE = "QUALITY_CLAUSE";

    /** Groups the rows into POs; required on every row. Matched exactly, after trimming. */
    public static final Column<PurchaseOrder, String> PO_NUMBER = Column.<PurchaseOrder, String>of("po_number", Level.PO, CellTypes.TEXT)
            .shown(PurchaseOrder::poNumber);
    /** Renames: the PO's current number, while po_number holds the new one. Exported blank. A rename of a non-DRAFT PO is refused. */
    public static final Column<PurchaseOrder, String> ORIGINAL_PO_NUMBER = Column.<PurchaseOrder, String>of("original_po_number", Level.PO, CellTypes.TEXT)
            .frozenWhenSettled();
    public static final Column<PurchaseOrder, String> PO_DESCRIPTION = Column.<PurchaseOrder, String>of("po_description", Level.PO, CellTypes.TEXT)
            .field(PurchaseOrder::description, PurchaseOrder::withDescription)
            .frozenWhenSettled();
    /** On a DRAFT PO, a new supplier moves to every On Order record of the PO. */
    public static final Column<PurchaseOrder, String> SUPPLIER = Column.<PurchaseOrder, String>of("supplier", Level.PO,
                    CellTypes.reference(Catalog::suppliers, "supplier"))
            .field(po -> po.parties().supplier(), (po, value) -> po.withParties(po.parties().withSupplier(value)))
            .frozenWhenSettled();
    /** Where On Order inventory is placed: on a DRAFT PO a new one moves every On Order record of the PO. */
    public static final Column<PurchaseOrder, String> SHIP_TO_LOCATION = Column.<PurchaseOrder, String>of("ship_to_location", Level.PO,
                    CellTypes.reference(Catalog::locations, "location"))
            .field(po -> po.parties().shipToLocation(), (po, value) -> po.withParties(po.parties().withShipToLocation(value)))
            .frozenWhenSettled();
    public static final Column<PurchaseOrder, String> BILL_TO_LOCATION = Column.<PurchaseOrder, String>of("bill_to_location", Level.PO,
                    CellTypes.reference(Catalog::locations, "location"))
            .field(po -> po.parties().billToLocation(), (po, value) -> po.withParties(po.parties().withBillToLocation(value)))
            .frozenWhenSettled();
    public static final Column<PurchaseOrder, String> CURRENCY = Column.<PurchaseOrder, String>of("currency", Level.PO,
                    CellTypes.reference(Catalog::currencies, "currency"))
            .field(po -> po.terms().currency(), (po, value) -> po.withTerms(po.terms().withCurrency(value)))
            .frozenWhenSettled();
    public static final Column<PurchaseOrder, LocalDate> ORDERED_AT = Column.<PurchaseOrder, LocalDate>of("ordered_at", Level.PO, CellTypes.DATE)
            .field(po -> po.terms().orderedAt(), (po, value) -> po.withTerms(po.terms().withOrderedAt(value)))
            .frozenWhenSettled();
    /** A catalog user's e-mail. */
    public static final Column<PurchaseOrder, String> ASSIGNED_TO = Column.<PurchaseOrder, String>of("assigned_to", Level.PO, CellTypes.USER)
            .field(po -> po.parties().assignedTo(), (po, value) -> po.withParties(po.parties().withAssignedTo(value)))
            .frozenWhenSettled();
    /** The intent of On Order records whose line has none: on a DRAFT PO a new one reaches every such record. */
    public static final Column<PurchaseOrder, String> PO_INTENT_OPTION = Column.<PurchaseOrder, String>of("po_intent_option", Level.PO,
                    CellTypes.reference(Catalog::intentOptions, "intent option"))
            .field(po -> po.terms().intentOption(), (po, value) -> po.withTerms(po.terms().withIntentOption(value)))
            .frozenWhenSettled();
    /** Labels unknown to the catalog are created; the one header column a non-DRAFT PO still accepts, with attributes. */
    public static final Column<PurchaseOrder, List<String>> PO_LABELS = Column.<PurchaseOrder, List<String>>of("po_labels", Level.PO, CellTypes.LABELS)
            .field(PurchaseOrder::labels, PurchaseOrder::withLabels);
    /** Not given on a new PO: the org's default terms. */
    public static final Column<PurchaseOrder, String> TERMS_AND_CONDITIONS = Column.<PurchaseOrder, String>of("terms_and_conditions", Level.PO,
                    CellTypes.requirement(TERMS))
            .field(po -> po.terms().termsAndConditions(), (po, value) -> po.withTerms(po.terms().withTermsAndConditions(value)))
            .frozenWhenSettled();
    public static final Column<PurchaseOrder, List<Fee>> FEES = Column.<PurchaseOrder, List<Fee>>of("fees", Level.PO, FeeList.TYPE)
            .field(po -> po.terms().fees(), (po, value) -> po.withTerms(po.terms().withFees(value)))
            .frozenWhenSettled();

    /** With revision, the line's part; a line never changes part, and a non-DRAFT PO takes no new line. */
    public static final Column<PoLine, String> PART_NUMBER = Column.<PoLine, String>of("part_number", Level.LINE, CellTypes.TEXT)
            .shown(PoLine::partNumber)
            .frozenWhenSettled();
    /** Blank: matches a line of the part number whatever its revision, else the latest revision. */
    public static final Column<PoLine, String> REVISION = Column.<PoLine, String>of("revision", Level.LINE, CellTypes.TEXT)
            .shown(PoLine::revision);
    /** Matches lines without a part; with part_number blank, required. */
    public static final Column<PoLine, String> DESCRIPTION = Column.<PoLine, String>of("description", Level.LINE, CellTypes.TEXT)
            .field(PoLine::description, (line, value) -> line.withItem(line.item().withDescription(value)))
            .frozenWhenSettled();
    /** In the part's unit; a serial-tracked part's On Order inventory is one record per unit. */
    public static final Column<PoLine, BigDecimal> QUANTITY = Column.<PoLine, BigDecimal>of("quantity", Level.LINE, CellTypes.QUANTITY)
            .field(PoLine::quantity, (line, value) -> line.withAmounts(line.amounts().withQuantity(value)))
            .frozenWhenSettled();
    public static final Column<PoLine, BigDecimal> COST = Column.<PoLine, BigDecimal>of("cost", Level.LINE, CellTypes.QUANTITY)
            .field(line -> line.amounts().cost(), (line, value) -> line.withAmounts(line.amounts().withCost(value)))
            .frozenWhenSettled();
    public static final Column<PoLine, LocalDate> NEED_DATE = Column.<PoLine, LocalDate>of("need_date", Level.LINE, CellTypes.DATE)
            .field(line -> line.dates().needDate(), (line, value) -> line.withDates(line.dates().withNeedDate(value)))
            .frozenWhenSettled();
    public static final Column<PoLine, LocalDate> ESTIMATED_ARRIVAL_DATE = Column.<PoLine, LocalDate>of("estimated_arrival_date", Level.LINE,
                    CellTypes.DATE)
            .field(line -> line.dates().estimatedArrivalDate(), (line, value) -> line.withDates(line.dates().withEstimatedArrivalDate(value)));
    public static final Column<PoLine, Boolean> PAID = Column.<PoLine, Boolean>of("paid", Level.LINE, CellTypes.FLAG)
            .field(line -> line.amounts().paid(), (line, value) -> line.withAmounts(line.amounts().withPaid(value)));
    public static final Column<PoLine, Boolean> PERCENTAGE_FEE_EXEMPT = Column.<PoLine, Boolean>of("percentage_fee_exempt", Level.LINE, CellTypes.FLAG)
            .field(line -> line.amounts().percentageFeeExempt(),
                    (line, value) -> line.withAmounts(line.amounts().withPercentageFeeExempt(value)))
            .frozenWhenSettled();
    public static final Column<PoLine, List<String>> LABELS = Column.<PoLine, List<String>>of("labels", Level.LINE, CellTypes.LABELS)
            .field(line -> line.terms().labels(), (line, value) -> line.withTerms(line.terms().withLabels(value)))
            .frozenWhenSettled();
    public static final Column<PoLine, List<String>> QUALITY_CLAUSES = Column.<PoLine, List<String>>of("quality_clauses", Level.LINE,
                    CellTypes.requirements(QUALITY_CLAUSE))
            .field(line -> line.terms().qualityClauses(), (line, value) -> line.withTerms(line.terms().withQualityClauses(value)))
            .frozenWhenSettled();
    /** The intent of the line's On Order records (else the PO's). */
    public static final Column<PoLine, String> INTENT_OPTION = Column.<PoLine, String>of("intent_option", Level.LINE,
                    CellTypes.reference(Catalog::intentOptions, "intent option"))
            .field(PoLine::intentOption, (line, value) -> line.withTerms(line.terms().withIntentOption(value)))
            .frozenWhenSettled();

    /** The header columns, in export order. */
    public static final List<Column<PurchaseOrder, ?>> HEADER = List.of(PO_NUMBER, ORIGINAL_PO_NUMBER, PO_DESCRIPTION, SUPPLIER,
            SHIP_TO_LOCATION, BILL_TO_LOCATION, CURRENCY, ORDERED_AT, ASSIGNED_TO, PO_INTENT_OPTION, PO_LABELS,
            TERMS_AND_CONDITIONS, FEES);

    /** The line columns, in export order. */
    public static final List<Column<PoLine, ?>> LINE = List.of(PART_NUMBER, REVISION, DESCRIPTION, QUANTITY, COST, NEED_DATE,
            ESTIMATED_ARRIVAL_DATE, PAID, PERCENTAGE_FEE_EXEMPT, LABELS, QUALITY_CLAUSES, INTENT_OPTION);

    /** The header and line columns' names, in lower case: a header cell that is one of them in any case is that column. */
    public static final Set<String> NAMES = Stream.concat(HEADER.stream(), LINE.stream()).map(Column::name)
            .collect(Collectors.toUnmodifiableSet());

    private PoColumns() {}

    /** The header columns of the org's files: the standard ones, then the PO attributes no file finds ambiguous. */
    public static List<Column<PurchaseOrder, ?>> header(Catalog catalog) {
        var columns = new ArrayList<Column<PurchaseOrder, ?>>(HEADER);
        attributes(catalog, AttributeEntity.PURCHASE_ORDER).forEach(key ->
                columns.add(AttributeColumns.of(catalog.attribute(AttributeEntity.PURCHASE_ORDER, key).orElseThrow(), Level.PO)));
        return columns;
    }

    /** The line columns of the org's files: the standard ones, then the line attributes no file finds ambiguous. */
    public static List<Column<PoLine, ?>> line(Catalog catalog) {
        var columns = new ArrayList<Column<PoLine, ?>>(LINE);
        attributes(catalog, AttributeEntity.PURCHASE_ORDER_LINE).forEach(key ->
                columns.add(AttributeColumns.of(catalog.attribute(AttributeEntity.PURCHASE_ORDER_LINE, key).orElseThrow(), Level.LINE)));
        return columns;
    }

    /**
     * Attribute keys configured for both purchase orders and their lines, in either Unicode form
     * (a header matches a key in its composed form): a file with such a column fails
     * (AMBIGUOUS_COLUMN), so no export or template has one. Compared exactly, a key composed for
     * one and decomposed for the other was written twice, and the export failed to import back
     * (found by review "attrs" on 6 December 2026).
     */
    public static Set<String> ambiguous(Catalog catalog) {
        var po = new HashSet<String>();
        var line = new HashSet<String>();
        for (var attribute : catalog.attributes()) {
            switch (attribute.entity()) {
                case PURCHASE_ORDER -> po.add(KeyText.composed(attribute.key()));
                case PURCHASE_ORDER_LINE -> line.add(KeyText.composed(attribute.key()));
                case INVENTORY -> { }
            }
        }
        po.retainAll(line);
        var spellings = new TreeSet<String>();
        for (var attribute : catalog.attributes()) {
            if (attribute.entity() != AttributeEntity.INVENTORY && po.contains(KeyText.composed(attribute.key()))) {
                spellings.add(attribute.key());
            }
        }
        return spellings;
    }

    /** Keys of one entity's attributes, in the catalog's order, without the ambiguous ones. */
    private static List<String> attributes(Catalog catalog, AttributeEntity entity) {
        var ambiguous = ambiguous(catalog);
        return catalog.attributes().stream()
                .filter(attribute -> attribute.entity() == entity && !ambiguous.contains(attribute.key()))
                .map(attribute -> attribute.key())
                .toList();
    }
}
