package dev.intake.core.purchasing;

import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.TrackingType;
import dev.intake.core.inventory.Assembly;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.Placement;
import dev.intake.core.inventory.Quantities;
import dev.intake.core.inventory.Tracking;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The On Order inventory of a PO line (SPEC §7): for a part that creates inventory, one record of
 * quantity 1 per unit of a serial-tracked part, else one record with the line quantity, in the
 * part's stock unit, linked to the line, placed at the PO's ship-to location, from its supplier.
 * Ids come from a block reserved per row, so a replayed commit gives each unit the same id.
 * Public because seeding a catalog's purchase orders must make the same records (infra's catalog
 * loader).
 */
public final class OnOrderInventory {

    /** More units than this on one line of a serial-tracked part is refused (one record per unit). */
    public static final int MAX_UNITS_PER_LINE = 10_000;

    /** What to write for a line: records to put, ids to delete (quantity went down), the line's ids. */
    public record Sync(List<InventoryRecord> puts, List<Long> deletes, List<Long> inventoryIds) {}

    private OnOrderInventory() {}

    /**
     * Ids a line row reserves: its unit count for a serial-tracked part, one otherwise, none for a
     * part that does not create inventory. Depends on the row alone, so every pass agrees.
     */
    public static int units(Part part, BigDecimal quantity) {
        if (part == null || !part.createsInventory()) {
            return 0;
        }
        if (part.trackingType() != TrackingType.SERIAL) {
            return 1;
        }
        return Math.max(0, wholeUnits(quantity));
    }

    /**
     * Why a line whose On Order {@code record} has a serial number cannot take a quantity other
     * than 0 or 1 (the importer's and the catalog's words).
     */
    public static String serialHoldsTheLine(InventoryRecord record) {
        return "On Order inventory " + record.id() + " of this line has serial number " + record.serialNumber()
                + ", so its quantity, and the line's, can only be 0 or 1";
    }

    /** Whether {@code quantity} is 0 or 1: all that a record with a serial number may hold (SPEC §6). */
    public static boolean zeroOrOne(BigDecimal quantity) {
        return quantity.signum() == 0 || quantity.compareTo(BigDecimal.ONE) == 0;
    }

    /**
     * Whether the importer takes a line of {@code quantity} of {@code part}: a serial-tracked
     * inventory part's line is a whole number of units, at most {@link #MAX_UNITS_PER_LINE}.
     */
    public static boolean takesQuantity(Part part, BigDecimal quantity) {
        return part == null || !part.createsInventory() || part.trackingType() != TrackingType.SERIAL || quantity == null
                || wholeUnits(quantity) >= 0;
    }

    /** The quantity as a unit count, or -1 when it is not a whole number within the per-line limit. */
    public static int wholeUnits(BigDecimal quantity) {
        if (quantity == null || quantity.signum() < 0 || quantity.stripTrailingZeros().scale() > 0
                || quantity.compareTo(BigDecimal.valueOf(MAX_UNITS_PER_LINE)) > 0) {
            return -1;
        }
        return quantity.intValueExact();
    }

    /**
     * Brings a line's On Order records in step with its quantity and its PO: the line's own ids
     * first, new ones {@code firstIdOfRow + unit} for the units beyond them, surplus ones to delete
     * ({@link #givenUp}: a serial line's records without a serial first).
     * {@code current} holds the records as they are now (a record keeps its serial, lot and
     * attributes, which users may set). New ids stay within the {@code unitsReserved} the row
     * reserved: a row without a quantity keeps its line's stored one and reserves nothing, and a
     * serial line short of records (its part became serial-tracked since) is not topped up by it.
     * Topped up past its block, it took ids of the next rows' blocks, and two lines shared a record.
     */
    public static Sync sync(PurchaseOrder po, PoLine line, Part part, Map<Long, InventoryRecord> current, long firstIdOfRow,
                            int unitsReserved) {
        int wanted = units(part, line.quantity());
        var ids = new ArrayList<>(line.inventoryIds());
        for (int unit = ids.size(); unit < Math.min(wanted, unitsReserved); unit++) {
            ids.add(firstIdOfRow + unit);
        }
        var given = givenUp(ids, wanted, part, current);
        // a line that gives up none (nearly every row) is copied, not looked through
        var keep = given.isEmpty() ? List.copyOf(ids) : ids.stream().filter(id -> !given.contains(id)).toList();
        var deletes = given.isEmpty() ? List.<Long>of() : ids.stream().filter(given::contains).toList();
        var quantity = part.trackingType() == TrackingType.SERIAL ? BigDecimal.ONE : line.quantity();
        var puts = keep.stream().map(id -> record(id, current.get(id), po, line, part, quantity)).toList();
        return new Sync(puts, deletes, keep);
    }

    /**
     * The ids of {@code ids} a line of {@code wanted} units gives up: its last ones. A serial-tracked
     * part's line gives up its last records without a serial first, and only then, from the last,
     * those a Part Inventory file gave one (so the supplier could label the goods). The commit
     * deleted the last records, the one unit the user had labelled among them, and kept those
     * without (found by review "quantities" on 7 December 2026). A record already gone counts as
     * one without, so a resumed commit chooses the same. A line of another part keeps its first
     * record, as LineRules judges it. A set: a line of 10,000 units is not looked through per id.
     */
    private static Set<Long> givenUp(List<Long> ids, int wanted, Part part, Map<Long, InventoryRecord> current) {
        int surplus = ids.size() - Math.min(wanted, ids.size());
        if (surplus == 0) {
            return Set.of();
        }
        if (part.trackingType() != TrackingType.SERIAL) {
            return new HashSet<>(ids.subList(ids.size() - surplus, ids.size()));
        }
        var given = new HashSet<Long>();
        for (boolean serialled : new boolean[] {false, true}) {
            for (int at = ids.size() - 1; at >= 0 && given.size() < surplus; at--) {
                var record = current.get(ids.get(at));
                if ((record != null && record.serialNumber() != null) == serialled) {
                    given.add(ids.get(at));
                }
            }
        }
        return given;
    }

    /**
     * An On Order record following its PO's header (ship-to location, supplier, intent), its
     * quantity as it is: what a DRAFT PO's new header does to the records of lines the file does
     * not name.
     */
    public static InventoryRecord follow(InventoryRecord record, PurchaseOrder po, PoLine line, Part part) {
        return record.withPlacement(placement(po, line, part, record));
    }

    private static InventoryRecord record(long id, InventoryRecord current, PurchaseOrder po, PoLine line, Part part,
                                          BigDecimal quantity) {
        if (current != null) {
            // the line's own reference: a reload that lists the lines in another order moves the records with their
            // line, and records naming their old one sent Part Inventory's messages to the wrong line
            return current.withQuantities(current.quantities().withQuantity(quantity)).withPlacement(placement(po, line, part, current))
                    .onOrderFor(line.reference());
        }
        return new InventoryRecord(id, part.ref(), Tracking.NONE, Quantities.of(quantity), placement(po, line, part, null), Map.of(),
                Assembly.newOf(part), line.reference()); // an assembly bought gets its as-built BOM, as one created does
    }

    /**
     * Where On Order inventory is: the PO's ship-to location and supplier, the part's unit, the
     * line's intent or else the PO's. A {@code current} record keeps its spelling of the part's
     * unit (names match in any case): a reload that wrote "each" as "EACH" had the same line,
     * imported again, rewrite its records and its PO at their next versions (found by review
     * "crossimporter" on 7 December 2026), as the PO's names, stored as written, do not.
     */
    private static Placement placement(PurchaseOrder po, PoLine line, Part part, InventoryRecord current) {
        var intent = line.intentOption() != null ? line.intentOption() : po.intentOption();
        var unit = part.unitOfMeasure();
        var stored = current == null ? null : current.placement().unitOfMeasure();
        // spelt alike nearly always: keyed only where the spellings differ (a record put per unit on the commit path)
        if (stored != null && unit != null && !stored.equals(unit) && NameIndex.key(stored).equals(NameIndex.key(unit))) {
            unit = stored;
        }
        return new Placement(po.shipToLocation(), po.supplier(), unit, intent);
    }
}
