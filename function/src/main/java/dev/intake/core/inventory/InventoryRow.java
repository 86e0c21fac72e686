package dev.intake.core.inventory;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.Part;
import dev.intake.core.columns.Cell;
import java.math.BigDecimal;
import java.util.Map;

/**
 * One Part Inventory row with its cells parsed and its names resolved. {@code update} rows carry
 * an {@code id} (null when the id cell was invalid); create rows carry their resolved {@code part}
 * (null when it could not be resolved). Attribute cells map a present column to its value, or to
 * null for a blank date (unset).
 */
record InventoryRow(
        int row,
        boolean update,
        Long id,
        Part part,
        Cell<String> serialNumber,
        Cell<String> lotNumber,
        Cell<BigDecimal> quantity,
        Cell<BigDecimal> quantityScrapped,
        Cell<String> location,
        Cell<String> supplier,
        Cell<String> unitOfMeasure,
        Cell<String> intentOption,
        boolean autogenerateSerial,
        boolean autogenerateLot,
        Map<String, Cell<CustomValue>> attributes) {

    boolean setsSerial() {
        return autogenerateSerial || serialNumber.or(null) != null;
    }
}
