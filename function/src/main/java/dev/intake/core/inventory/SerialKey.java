package dev.intake.core.inventory;

import java.util.Locale;
import java.util.Objects;

/**
 * A serial number as uniqueness sees it: per part number, across all its revisions, the serial
 * matched exactly (SPEC §6). The part number is held in one canonical spelling, upper case: part
 * numbers match case-insensitively, as the catalog matches them (SPEC §5), and a catalog may
 * spell one part number differently in two revisions, or re-spell it when reloaded, while stored
 * records keep the spelling they were created with. Matched exactly, {@code WIDGET-A} and
 * {@code Widget-A} could each hold SN-1 (found by review on 4 December 2026).
 */
public record SerialKey(String partNumber, String serialNumber) {

    public SerialKey {
        Objects.requireNonNull(partNumber, "partNumber");
        Objects.requireNonNull(serialNumber, "serialNumber");
        partNumber = canonical(partNumber);
    }

    /**
     * Upper case of the catalog's lower case ({@code NameIndex.key}), so that any two spellings
     * the catalog takes for one part number are one here; a part number already in plain upper
     * case (most are) is returned as it is.
     */
    static String canonical(String partNumber) {
        for (int i = 0; i < partNumber.length(); i++) {
            char c = partNumber.charAt(i);
            if (c >= 0x80 || c >= 'a' && c <= 'z') {
                return partNumber.toLowerCase(Locale.ROOT).toUpperCase(Locale.ROOT);
            }
        }
        return partNumber;
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
