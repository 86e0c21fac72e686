package dev.intake.core.values;

import java.nio.charset.StandardCharsets;

/**
 * Values that become part of a DynamoDB key: a PO number, a serial number, a new label's name.
 * DynamoDB refuses a sort key past 1,024 bytes and a partition key past 2,048, and it refuses
 * the read of such a key as well as its write, so a longer value would stop the import with no
 * report. Such a value may take at most {@link #MAX_BYTES} of UTF-8: the key's prefix (and, for a
 * serial, the org and part number) take the rest.
 */
public final class KeyText {

    public static final int MAX_BYTES = 1_000;

    private KeyText() {}

    public static boolean fits(String text) {
        // a char takes at most 3 bytes (a pair of surrogates, 4): most values pass by their length alone
        return text.length() * 3 <= MAX_BYTES || bytes(text) <= MAX_BYTES;
    }

    public static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
