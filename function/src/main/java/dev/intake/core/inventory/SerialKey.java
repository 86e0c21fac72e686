package dev.intake.core.inventory;

import dev.intake.core.catalog.NameIndex;
import dev.intake.core.values.KeyText;
import java.text.Normalizer;
import java.util.Locale;
import java.util.Objects;

/**
 * A serial number as uniqueness sees it: per part number, across all its revisions, the serial
 * matched exactly (SPEC §6). The part number is held in one canonical spelling: part numbers
 * match case-insensitively, as the catalog matches them (SPEC §5, {@code NameIndex.key}: their
 * lower case), and a catalog may spell one part number differently in two revisions, or re-spell
 * it when reloaded, while stored records keep the spelling they were created with. Matched
 * exactly, {@code WIDGET-A} and {@code Widget-A} could each hold SN-1 (found by review on 4
 * December 2026). The serial is as stored: a file's serials are read composed (NFC, {@link
 * dev.intake.core.columns.CellTypes#SERIAL}); composed here instead, a claim's key no longer
 * matched its record's decomposed serial, and the claim was dropped (review "own55d").
 */
public record SerialKey(String partNumber, String serialNumber) {

    public SerialKey {
        Objects.requireNonNull(partNumber, "partNumber");
        Objects.requireNonNull(serialNumber, "serialNumber");
        partNumber = canonical(partNumber);
    }

    /**
     * The lower case the catalog matches part numbers by, with its ASCII letters put back in upper
     * case: one form for exactly the spellings the catalog takes as one part number (the ASCII
     * step cannot merge two: a lower case holds no upper-case ASCII), no longer in bytes than the
     * lower case the catalog keeps within a key, and a plain ASCII part number in upper case (most
     * are) as it is, so the claims stored before this form keep their keys. Upper case of the
     * whole merged more than the catalog does (ß became SS) and could triple a string's bytes.
     */
    static String canonical(String partNumber) {
        for (int i = 0; i < partNumber.length(); i++) {
            char c = partNumber.charAt(i);
            if (c >= 0x80 || c >= 'a' && c <= 'z') {
                // composed too (NFC), as the catalog matches names since 4 December 2026, and with any Unicode
                // space a plain one, as since 5 December 2026 (both found by review)
                return asciiUpperCase(Normalizer.normalize(NameIndex.plainSpaces(partNumber).toLowerCase(Locale.ROOT),
                        Normalizer.Form.NFC));
            }
        }
        return partNumber;
    }

    private static String asciiUpperCase(String lowerCase) {
        var chars = lowerCase.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'a' && chars[i] <= 'z') {
                chars[i] = (char) (chars[i] - 'a' + 'A');
            }
        }
        return new String(chars);
    }

    /**
     * The identity a commit knows the serial's item by ({@link dev.intake.core.commit.Stored#identity}):
     * its claim ({@link SerialClaim}) and the trace a release leaves ({@link GivenUpSerial}) are one
     * item of the serials table, so both have this identity.
     */
    public String identity() {
        return "serial#" + partNumber + "#" + serialNumber;
    }

    /** This key with its serial composed (NFC), as a file's serials are read; itself where it is so. */
    SerialKey composed() {
        return inForm(Normalizer.Form.NFC);
    }

    /** This key with its serial decomposed (NFD), as serials copied from macOS file names were stored; itself where it is so. */
    SerialKey decomposed() {
        return inForm(Normalizer.Form.NFD);
    }

    private SerialKey inForm(Normalizer.Form form) {
        if (serialNumber.chars().allMatch(c -> c < 0x80)) {
            return this; // most serials
        }
        var normalized = Normalizer.normalize(serialNumber, form);
        return normalized.equals(serialNumber) ? this : new SerialKey(partNumber, normalized);
    }

    /** DynamoDB's limit on a partition key, which a claim's key is. */
    static final int MAX_CLAIM_KEY_BYTES = 2_048;

    /**
     * Whether this serial's claim key ({@code <org>#<part number>#<serial>}, docs/dynamodb.md)
     * fits DynamoDB's partition key. The serial and the part number fit alone; with a long org
     * they did not together, the look-up was refused, and the file got no report (found by review
     * on 5 December 2026).
     */
    public boolean fitsClaimKeyOf(String org) {
        return KeyText.bytes(org) + KeyText.bytes(partNumber) + KeyText.bytes(serialNumber) + 2 <= MAX_CLAIM_KEY_BYTES;
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
