package dev.intake.core.inventory;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.commit.Stored;
import dev.intake.core.catalog.PartRef;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One inventory item of an org: a physical instance of a part revision. Its status is derived
 * from its fields ({@link #status()}), never stored independently of them. {@code version} and
 * {@code writtenBy} say which stored state the record was read from (0 and null for a record
 * that was never stored): writes are conditional on that state, so two imports never silently
 * overwrite each other (optimistic concurrency).
 */
public record InventoryRecord(
        long id,
        PartRef part,
        String serialNumber,
        String lotNumber,
        BigDecimal quantity,
        BigDecimal quantityScrapped,
        String location,
        String supplier,
        String unitOfMeasure,
        String intentOption,
        Map<String, CustomValue> attributes,
        Long installedIn,
        List<AbomSlot> abom,
        String purchaseOrderLine,
        long version,
        String writtenBy) implements Stored {

    /** A record not read from the store (a new one, or one built by a test). */
    public InventoryRecord(long id, PartRef part, String serialNumber, String lotNumber, BigDecimal quantity,
                           BigDecimal quantityScrapped, String location, String supplier, String unitOfMeasure,
                           String intentOption, Map<String, CustomValue> attributes, Long installedIn,
                           List<AbomSlot> abom, String purchaseOrderLine) {
        this(id, part, serialNumber, lotNumber, quantity, quantityScrapped, location, supplier, unitOfMeasure,
                intentOption, attributes, installedIn, abom, purchaseOrderLine, 0, null);
    }

    public InventoryRecord {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(quantityScrapped, "quantityScrapped");
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        abom = List.copyOf(abom);
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
        if (installedIn != null) {
            return InventoryStatus.INSTALLED;
        }
        if (quantity.signum() > 0 && quantityScrapped.compareTo(quantity) >= 0) {
            return InventoryStatus.SCRAPPED;
        }
        return quantity.signum() == 0 ? InventoryStatus.UNAVAILABLE : InventoryStatus.AVAILABLE;
    }

    /** This record as stored by {@code importId}, at {@code newVersion}. */
    public InventoryRecord stored(long newVersion, String importId) {
        return new InventoryRecord(id, part, serialNumber, lotNumber, quantity, quantityScrapped, location, supplier,
                unitOfMeasure, intentOption, attributes, installedIn, abom, purchaseOrderLine, newVersion, importId);
    }

    public InventoryRecord withLocation(String newLocation) {
        return new InventoryRecord(id, part, serialNumber, lotNumber, quantity, quantityScrapped, newLocation, supplier,
                unitOfMeasure, intentOption, attributes, installedIn, abom, purchaseOrderLine, version, writtenBy);
    }
}
