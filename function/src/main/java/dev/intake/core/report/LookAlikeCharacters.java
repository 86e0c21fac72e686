package dev.intake.core.report;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Characters that pass for others in a quoted value: a no-break space, a Unicode minus, a
 * full-width letter, an invisible one. Pasted from web pages, Word or a locale's number format,
 * they make a cell fail while the message quotes what looks like a valid value ("got "−5"";
 * two "Rush order" that conflict): found by review on 5 December 2026. The message names them.
 */
final class LookAlikeCharacters {

    private static final int MAX_NAMED = 3;

    private LookAlikeCharacters() {}

    /**
     * {@code " (U+00A0 NO-BREAK SPACE is not a plain space)"} for the look-alike characters of
     * {@code text} that {@code named} accepts, or "" when it has none.
     */
    static String note(String text, IntPredicate named) {
        if (text == null) {
            return "";
        }
        var notes = new LinkedHashSet<String>();
        text.codePoints().filter(c -> passesFor(c) != null && named.test(c)).distinct().limit(MAX_NAMED)
                .forEach(c -> notes.add("U+%04X %s %s".formatted(c, Character.getName(c), passesFor(c))));
        return notes.isEmpty() ? "" : " (" + String.join("; ", notes) + ")";
    }

    /** The look-alike characters every one of {@code texts} has. */
    static Set<Integer> sharedBy(List<String> texts) {
        Set<Integer> shared = null;
        for (var text : texts) {
            var found = new HashSet<Integer>();
            text.codePoints().filter(c -> passesFor(c) != null).forEach(found::add);
            if (shared == null) {
                shared = found;
            } else {
                shared.retainAll(found);
            }
        }
        return shared == null ? Set.of() : shared;
    }

    /**
     * {@code text} as it looks: each look-alike character as what it passes for (a no-break space
     * as a space, a Unicode minus as "-", a full-width letter as its ASCII one), an invisible one
     * gone. Two values that differ only there look the same.
     */
    static String asItLooks(String text) {
        var plain = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (passesFor(c) == null) {
                plain.appendCodePoint(c);
            } else if (Character.getType(c) == Character.SPACE_SEPARATOR) {
                plain.append(' ');
            } else if (c >= 0xFF01 && c <= 0xFF5E) {
                plain.append((char) (c - 0xFEE0));
            } else if (Character.getType(c) != Character.FORMAT) {
                plain.append('-'); // a dash or a minus
            }
        });
        return plain.toString();
    }

    /** What {@code c} is taken for, or null for a character that looks like what it is. */
    private static String passesFor(int c) {
        if (c < 0xA0) { // ASCII and its control characters: what a keyboard types
            return null;
        }
        return switch (Character.getType(c)) {
            case Character.SPACE_SEPARATOR -> "is not a plain space";
            case Character.FORMAT -> "is an invisible character"; // zero-width space, byte order mark, soft hyphen
            case Character.DASH_PUNCTUATION -> "is not a plain \"-\"";
            default -> c == 0x2212 ? "is not a plain \"-\""
                    : c >= 0xFF01 && c <= 0xFF5E ? "is not a plain \"" + (char) (c - 0xFEE0) + "\"" // full-width ASCII
                    : null;
        };
    }
}
