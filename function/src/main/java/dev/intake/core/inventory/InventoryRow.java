package dev.intake.core.inventory;

import static dev.intake.core.inventory.InventoryColumns.LOT_NUMBER;
import static dev.intake.core.inventory.InventoryColumns.SERIAL_NUMBER;

import dev.intake.core.catalog.Part;
import dev.intake.core.columns.RowValues;

/**
 * One Part Inventory row with its cells read and its names resolved. {@code update} rows carry an
 * {@code id} (null when the id cell was invalid); create rows carry their resolved {@code part}
 * (null when it could not be resolved). {@code values} holds what the row gives the item's fields.
 */
record InventoryRow(int row, boolean update, Long id, Part part, boolean autogenerateSerial, boolean autogenerateLot,
                    RowValues<InventoryRecord> values) {

    /** The serial number the row types, or null (blank, or no such column). */
    String serialNumber() {
        return values.get(SERIAL_NUMBER).or(null);
    }

    String lotNumber() {
        return values.get(LOT_NUMBER).or(null);
    }
}
