package dev.intake.core.inventory;

import dev.intake.core.attributes.Attributed;
import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.commit.Stored;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inventory item of an org: a physical instance of a part revision. Its status is derived
 * from its fields ({@link #status()}), never stored independently of them. {@code
 * purchaseOrderLine} links On Order inventory to the PO line that owns it ({@code <poId>#<line>}).
 * How the item is stored (its version, its last writer) is the store's business: reads come as
 * {@link dev.intake.core.commit.Stamped} records.
 */
public record InventoryRecord(
        long id,
        PartRef part,
        Tracking tracking,
        Quantities quantities,
        Placement placement,
        Map<String, CustomValue> attributes,
        Assembly assembly,
        String purchaseOrderLine) implements Stored, Attributed<InventoryRecord> {

    public InventoryRecord {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(tracking, "tracking");
        Objects.requireNonNull(quantities, "quantities");
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(assembly, "assembly");
        attributes = Attributed.copyOf(attributes);
    }

    @Override
    public String identity() {
        return "inventory#" + id;
    }

    @Override
    public String describe() {
        return "inventory " + id;
    }

    public InventoryStatus status() {
        if (purchaseOrderLine != null) {
            return InventoryStatus.ON_ORDER;
        }
        if (installedIn() != null) {
            return InventoryStatus.INSTALLED;
        }
        if (quantity().signum() > 0 && quantityScrapped().compareTo(quantity()) >= 0) {
            return InventoryStatus.SCRAPPED;
        }
        return quantity().signum() == 0 ? InventoryStatus.UNAVAILABLE : InventoryStatus.AVAILABLE;
    }

    public String serialNumber() {
        return tracking.serialNumber();
    }

    public String lotNumber() {
        return tracking.lotNumber();
    }

    public BigDecimal quantity() {
        return quantities.quantity();
    }

    public BigDecimal quantityScrapped() {
        return quantities.scrapped();
    }

    public String location() {
        return placement.location();
    }

    public String supplier() {
        return placement.supplier();
    }

    public String unitOfMeasure() {
        return placement.unitOfMeasure();
    }

    public String intentOption() {
        return placement.intentOption();
    }

    public Long installedIn() {
        return assembly.installedIn();
    }

    public List<AbomSlot> abom() {
        return assembly.abom();
    }

    public InventoryRecord withTracking(Tracking value) {
        return new InventoryRecord(id, part, value, quantities, placement, attributes, assembly, purchaseOrderLine);
    }

    public InventoryRecord withQuantities(Quantities value) {
        return new InventoryRecord(id, part, tracking, value, placement, attributes, assembly, purchaseOrderLine);
    }

    public InventoryRecord withPlacement(Placement value) {
        return new InventoryRecord(id, part, tracking, quantities, value, attributes, assembly, purchaseOrderLine);
    }

    public InventoryRecord withLocation(String value) {
        return withPlacement(placement.withLocation(value));
    }

    @Override
    public InventoryRecord withAttributes(Map<String, CustomValue> value) {
        return new InventoryRecord(id, part, tracking, quantities, placement, value, assembly, purchaseOrderLine);
    }

    /** The record On Order for another line ({@code <poId>#<line>}): a catalog reload moves a line's records with it. */
    public InventoryRecord onOrderFor(String line) {
        return new InventoryRecord(id, part, tracking, quantities, placement, attributes, assembly, line);
    }

    /** The record once its PO line's goods have arrived: no longer On Order, everything else as it is. */
    public InventoryRecord received() {
        return new InventoryRecord(id, part, tracking, quantities, placement, attributes, assembly, null);
    }

    public InventoryRecord withAssembly(Assembly value) {
        return new InventoryRecord(id, part, tracking, quantities, placement, attributes, value, purchaseOrderLine);
    }
}
