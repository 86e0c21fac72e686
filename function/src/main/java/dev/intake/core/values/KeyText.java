package dev.intake.core.values;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Values that become part of a DynamoDB key: a PO number, a serial number, a new label's name.
 * DynamoDB refuses a sort key past 1,024 bytes and a partition key past 2,048, and it refuses
 * the read of such a key as well as its write, so a longer value would stop the import with no
 * report. Such a value may take at most {@link #MAX_BYTES} of UTF-8: the key's prefix (and, for a
 * serial, the org and part number) take the rest.
 */
public final class KeyText {

    public static final int MAX_BYTES = 1_000;

    /** DynamoDB's limit on a sort key, prefix and all. */
    public static final int MAX_SORT_KEY_BYTES = 1_024;

    private KeyText() {}

    public static boolean fits(String text) {
        // a char takes at most 3 bytes (a pair of surrogates, 4): most values pass by their length alone
        return text.length() * 3 <= MAX_BYTES || bytes(text) <= MAX_BYTES;
    }

    /**
     * Whether a name fits that the catalog keys case-insensitively, by its lowercase form
     * ({@code NameIndex.key}): a few letters take more bytes in lower case ('İ', 2 bytes, becomes
     * "i̇", 3), so both forms must fit.
     */
    public static boolean fitsLowercased(String name) {
        return fits(name) && fits(name.toLowerCase(Locale.ROOT));
    }

    public static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The bytes a case-insensitive name takes in its key: the larger of itself and its lowercase form. */
    public static int lowercasedBytes(String name) {
        return Math.max(bytes(name), bytes(name.toLowerCase(Locale.ROOT)));
    }
}
