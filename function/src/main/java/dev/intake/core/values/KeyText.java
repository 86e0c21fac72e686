package dev.intake.core.values;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
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
     * Whether a name fits that the catalog keys case-insensitively, by its key form
     * ({@code NameIndex.key}: lower case, composed): a few letters take more bytes so ('İ', 2
     * bytes, becomes "i̇", 3; Devanagari 'क़', 3, composes to two characters of 6), so both the
     * name and that form must fit (the composed form found by review on 5 December 2026).
     */
    public static boolean fitsLowercased(String name) {
        return fits(name) && fits(keyForm(name));
    }

    public static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The bytes a case-insensitive name takes in its key: the larger of itself and its key form. */
    public static int lowercasedBytes(String name) {
        return Math.max(bytes(name), bytes(keyForm(name)));
    }

    /** Lower case and composed (NFC), as the name's key holds it; trimming and plain spaces only shorten it. */
    private static String keyForm(String name) {
        return composed(name.toLowerCase(Locale.ROOT));
    }

    /**
     * " (written in decomposed form: …)" where {@code text} is not composed, or "": a name copied
     * from macOS, a letter and a combining accent, looks the same in every message as the composed
     * name it does not match exactly.
     */
    public static String decomposedNote(String text) {
        return text == null || composed(text).equals(text) ? ""
                : " (written in decomposed form, a letter and a combining accent apart, as macOS writes names;"
                + " it matches only a name written so: type it again, or save the file in composed form, NFC)";
    }

    /** {@code text} in decomposed form (NFD), or itself where it has no letter beyond ASCII, most numbers. */
    public static String decomposed(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= '\u00C0') {
                return Normalizer.normalize(text, Normalizer.Form.NFD);
            }
        }
        return text;
    }

    /**
     * {@code text} in composed form (NFC). Below U+0300, where the combining marks begin, every
     * text is composed already: most names and labels (one of every line of a file is checked), so
     * they are told apart cheaply.
     */
    public static String composed(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= '\u0300') {
                return Normalizer.isNormalized(text, Normalizer.Form.NFC) ? text : Normalizer.normalize(text, Normalizer.Form.NFC);
            }
        }
        return text;
    }
}
