package dev.intake.testing;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.inventory.AbomSlot;
import dev.intake.core.inventory.Assembly;
import dev.intake.core.inventory.Placement;
import dev.intake.core.inventory.Quantities;
import dev.intake.core.inventory.Tracking;
import dev.intake.core.inventory.InventoryRecord;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds stored inventory records for tests; unset fields are null, quantities 1 and 0. */
public final class TestInventory {

    private final long id;
    private final PartRef part;
    private String serial;
    private String lot;
    private BigDecimal quantity = BigDecimal.ONE;
    private BigDecimal scrapped = BigDecimal.ZERO;
    private String location;
    private String supplier;
    private String unit = "each";
    private String intent;
    private final Map<String, CustomValue> attributes = new LinkedHashMap<>();
    private Long installedIn;
    private List<AbomSlot> abom = List.of();

    private TestInventory(long id, PartRef part) {
        this.id = id;
        this.part = part;
    }

    public static TestInventory item(long id, PartRef part) {
        return new TestInventory(id, part);
    }

    public TestInventory serial(String value) {
        serial = value;
        return this;
    }

    public TestInventory lot(String value) {
        lot = value;
        return this;
    }

    public TestInventory quantity(String value) {
        quantity = new BigDecimal(value);
        return this;
    }

    public TestInventory scrapped(String value) {
        scrapped = new BigDecimal(value);
        return this;
    }

    public TestInventory location(String value) {
        location = value;
        return this;
    }

    public TestInventory supplier(String value) {
        supplier = value;
        return this;
    }

    public TestInventory unit(String value) {
        unit = value;
        return this;
    }

    public TestInventory intent(String value) {
        intent = value;
        return this;
    }

    public TestInventory attribute(String key, CustomValue value) {
        attributes.put(key, value);
        return this;
    }

    public TestInventory installedIn(long parentId) {
        installedIn = parentId;
        return this;
    }

    public TestInventory abom(AbomSlot... slots) {
        abom = List.of(slots);
        return this;
    }

    public InventoryRecord build() {
        return new InventoryRecord(id, part, new Tracking(serial, lot), new Quantities(quantity, scrapped),
                new Placement(location, supplier, unit, intent), attributes, new Assembly(installedIn, abom), null);
    }
}
