package dev.intake.core.inventory;

import static dev.intake.core.columns.Column.Level.ITEM;

import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.columns.AttributeColumns;
import dev.intake.core.columns.CellTypes;
import dev.intake.core.columns.Column;
import dev.intake.core.columns.Layout;
import dev.intake.core.csv.Header;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every column of a Part Inventory file (SPEC §6, docs/part-inventory.md), in the order an export
 * writes them: its cell type (value form, blank default, catalog lookup), the field of
 * {@link InventoryRecord} it reads and sets, and whether On Order inventory, which its PO line
 * owns, still lets a file change it ({@code ON_ORDER_MANAGED} when frozen). A new column is a new
 * constant here, in {@link #STANDARD}, and its field in the record and in the store's mapping.
 */
public final class InventoryColumns {

    /** Blank creates, a number updates that item. A lookup: blank is "not given", never 0. */
    public static final Column<InventoryRecord, Long> ID = Column.<InventoryRecord, Long>of("id", ITEM, CellTypes.ID)
            .shown(InventoryRecord::id);
    /** Required to create; an update ignores it (an item never changes part). */
    public static final Column<InventoryRecord, String> PART_NUMBER = Column.<InventoryRecord, String>of("part_number", ITEM, CellTypes.TEXT)
            .shown(record -> record.part().partNumber());
    /** Blank on a create: the part's latest revision. An update ignores it. */
    public static final Column<InventoryRecord, String> REVISION = Column.<InventoryRecord, String>of("revision", ITEM, CellTypes.TEXT)
            .shown(record -> record.part().revision());
    /** Unique per part number; users set it on On Order inventory to tell the supplier. */
    public static final Column<InventoryRecord, String> SERIAL_NUMBER = Column.<InventoryRecord, String>of("serial_number", ITEM, CellTypes.SERIAL)
            .field(InventoryRecord::serialNumber, (record, value) -> record.withTracking(record.tracking().withSerialNumber(value)));
    public static final Column<InventoryRecord, String> LOT_NUMBER = Column.<InventoryRecord, String>of("lot_number", ITEM, CellTypes.TEXT)
            .field(InventoryRecord::lotNumber, (record, value) -> record.withTracking(record.tracking().withLotNumber(value)));
    public static final Column<InventoryRecord, BigDecimal> QUANTITY = Column.<InventoryRecord, BigDecimal>of("quantity", ITEM, CellTypes.QUANTITY)
            .field(InventoryRecord::quantity, (record, value) -> record.withQuantities(record.quantities().withQuantity(value)))
            .frozenWhenSettled();
    /** At most {@code quantity}; scrapping part of an item does not split it. */
    public static final Column<InventoryRecord, BigDecimal> QUANTITY_SCRAPPED = Column.<InventoryRecord, BigDecimal>of("quantity_scrapped", ITEM, CellTypes.QUANTITY)
            .field(InventoryRecord::quantityScrapped, (record, value) -> record.withQuantities(record.quantities().withScrapped(value)))
            .frozenWhenSettled();
    /** Moving an item moves everything installed in it. */
    public static final Column<InventoryRecord, String> LOCATION = Column.<InventoryRecord, String>of("location", ITEM,
                    CellTypes.reference(Catalog::locations, "location"))
            .field(InventoryRecord::location, (record, value) -> record.withPlacement(record.placement().withLocation(value)))
            .frozenWhenSettled();
    public static final Column<InventoryRecord, String> SUPPLIER = Column.<InventoryRecord, String>of("supplier", ITEM,
                    CellTypes.reference(Catalog::suppliers, "supplier"))
            .field(InventoryRecord::supplier, (record, value) -> record.withPlacement(record.placement().withSupplier(value)))
            .frozenWhenSettled();
    /** Blank means the part's own unit (InventoryRecords), so an item always has one. */
    public static final Column<InventoryRecord, String> UNIT_OF_MEASURE = Column.<InventoryRecord, String>of("unit_of_measure", ITEM,
                    CellTypes.reference(Catalog::unitsOfMeasure, "unit of measure"))
            .field(InventoryRecord::unitOfMeasure, (record, value) -> record.withPlacement(record.placement().withUnitOfMeasure(value)))
            .frozenWhenSettled();
    public static final Column<InventoryRecord, String> INTENT_OPTION = Column.<InventoryRecord, String>of("intent_option", ITEM,
                    CellTypes.reference(Catalog::intentOptions, "intent option"))
            .field(InventoryRecord::intentOption, (record, value) -> record.withPlacement(record.placement().withIntentOption(value)))
            .frozenWhenSettled();
    /** Create only: the serial is SN-&lt;id&gt;. No field; exported blank. */
    public static final Column<InventoryRecord, Boolean> AUTOGENERATE_SERIAL = Column.of("autogenerate_serial", ITEM, CellTypes.FLAG);
    /** Create only: the lot is LOT-&lt;id&gt;. */
    public static final Column<InventoryRecord, Boolean> AUTOGENERATE_LOT = Column.of("autogenerate_lot", ITEM, CellTypes.FLAG);

    /** Every standard column, in export order. */
    public static final List<Column<InventoryRecord, ?>> STANDARD = List.of(ID, PART_NUMBER, REVISION, SERIAL_NUMBER, LOT_NUMBER,
            QUANTITY, QUANTITY_SCRAPPED, LOCATION, SUPPLIER, UNIT_OF_MEASURE, INTENT_OPTION, AUTOGENERATE_SERIAL, AUTOGENERATE_LOT);

    /** The standard columns' names, in lower case: a header cell that is one of them in any case is that column. */
    public static final Set<String> NAMES = STANDARD.stream().map(Column::name).collect(Collectors.toUnmodifiableSet());

    private InventoryColumns() {}

    /** Every column of the org's files: the standard ones, then the inventory attributes in the catalog's order. */
    public static List<Column<InventoryRecord, ?>> all(Catalog catalog) {
        var columns = new ArrayList<Column<InventoryRecord, ?>>(STANDARD);
        catalog.attributes().stream().filter(attribute -> attribute.entity() == AttributeEntity.INVENTORY)
                .forEach(attribute -> columns.add(AttributeColumns.of(attribute, ITEM)));
        return columns;
    }

    /**
     * A Purchase Orders file dropped in the part-inventory/ folder failed with an unknown column
     * for each of its PO columns and nothing saying where it goes (found by review "errorsdoc" on 7
     * December 2026): its po_number column, the one every PO file has, says so.
     */
    private static final String PO_NUMBER_COLUMN = "po_number";
    private static final String IN_THE_PO_FOLDER = "a Purchase Orders file goes in the org's purchase-orders/ folder,"
            + " not in part-inventory/";

    /**
     * Resolves a header: standard columns in any case, every other column against the inventory
     * attributes of the catalog (exactly). Problems go to {@code errors}.
     */
    static Layout layout(List<String> names, Catalog catalog, List<ImportError> errors) {
        var header = Header.match(names, NAMES, errors);
        if (!header.has(ID.name()) && !header.has(PART_NUMBER.name())) {
            errors.add(ImportError.file(ErrorCode.REQUIRED, PART_NUMBER.name(), "the header needs an id column (to update)"
                    + " or a part_number column (to create); it has neither (the header is the file's first line that is not blank:"
                    + " delete any title lines above it)"));
        }
        var attributes = new ArrayList<Column<InventoryRecord, ?>>();
        for (var column : header.others().keySet()) {
            catalog.attribute(AttributeEntity.INVENTORY, column).ifPresentOrElse(
                    attribute -> attributes.add(AttributeColumns.of(attribute, ITEM)),
                    () -> errors.add(Header.unknownColumn(column, NAMES,
                            "a Part Inventory column nor a custom attribute configured for inventory",
                            column.equalsIgnoreCase(PO_NUMBER_COLUMN) ? IN_THE_PO_FOLDER : null)));
        }
        return Layout.of(header, STANDARD, attributes);
    }

    /** The columns of a layout that set a field of the item (standard fields and attributes). */
    @SuppressWarnings("unchecked")
    static List<Column<InventoryRecord, ?>> fields(Layout layout) {
        var fields = new ArrayList<Column<InventoryRecord, ?>>();
        for (var column : layout.columns()) {
            if (column.isField()) {
                fields.add((Column<InventoryRecord, ?>) column);
            }
        }
        return fields;
    }
}
