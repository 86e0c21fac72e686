package dev.intake.core.values;

/**
 * A text a spreadsheet saved in a legacy encoding, as Excel's plain "CSV (Comma delimited)" save
 * does: each character its code page lacks (Ω, ≤, →, Greek, Cyrillic, CJK) becomes "?". Where
 * every other character of the file is ASCII the file is still valid UTF-8, and the "?" looked
 * like a change: an export edited in one cell and saved so overwrote "R 10 kΩ 0603" with
 * "R 10 k? 0603" in every row that had such a character.
 */
public final class LegacyEncoding {

    private static final java.nio.charset.Charset WINDOWS_1252 = java.nio.charset.Charset.forName("windows-1252");

    private LegacyEncoding() {}

    /**
     * Whether {@code written} is {@code stored} with its characters beyond ASCII each turned into
     * "?", where none of them is one Windows-1252 has: a character it has is saved as its byte,
     * which is no UTF-8 and fails the file, so an en dash edited to "?" is an edit.
     */
    public static boolean lostCharacters(String stored, String written) {
        if (stored == null || written == null || stored.equals(written) || stored.chars().allMatch(c -> c < 128)) {
            return false;
        }
        var encoder = WINDOWS_1252.newEncoder(); // not shared: an encoder is not safe across threads
        if (stored.codePoints().anyMatch(c -> c >= 128 && encoder.canEncode(Character.toString(c)))) {
            return false;
        }
        return written.equals(questionMarked(stored.codePoints())) || written.equals(questionMarked(stored.chars()));
    }

    private static String questionMarked(java.util.stream.IntStream characters) {
        var marked = new StringBuilder();
        characters.forEach(c -> marked.appendCodePoint(c < 128 ? c : '?'));
        return marked.toString();
    }
}
