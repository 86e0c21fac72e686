package dev.intake.core.inventory;

import java.util.Objects;

/**
 * A serial number as uniqueness sees it: per part number, across all its revisions, matched
 * exactly (SPEC §6). Part numbers are the catalog's spelling.
 */
public record SerialKey(String partNumber, String serialNumber) {

    public SerialKey {
        Objects.requireNonNull(partNumber, "partNumber");
        Objects.requireNonNull(serialNumber, "serialNumber");
    }

    /** The key of a record's serial, or null when it has none. */
    public static SerialKey of(InventoryRecord record) {
        return record.serialNumber() == null ? null : new SerialKey(record.part().partNumber(), record.serialNumber());
    }

    @Override
    public String toString() {
        return "serial number " + serialNumber + " of part " + partNumber;
    }
}
