package dev.intake.core.catalog;

import dev.intake.core.values.KeyText;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Names of one kind of reference record (locations, suppliers, …), matched case-insensitively. */
public record NameIndex(Map<String, String> byLowerCase) {

    public static final NameIndex EMPTY = new NameIndex(Map.of());

    public NameIndex {
        byLowerCase = Map.copyOf(byLowerCase);
    }

    public static NameIndex of(Collection<String> names) {
        var map = new LinkedHashMap<String, String>();
        names.forEach(name -> map.put(key(name), name));
        return new NameIndex(map);
    }

    /** The stored spelling of {@code name}, matched case-insensitively. */
    public Optional<String> find(String name) {
        return Optional.ofNullable(byLowerCase.get(key(name)));
    }

    /** Names as they are matched ({@link #key}), each once. */
    public static Set<String> keys(Collection<String> names) {
        var keys = new HashSet<String>();
        names.forEach(name -> keys.add(key(name)));
        return keys;
    }

    /**
     * A name as names are matched: trimmed, in any case, and in one Unicode form (NFC). Text from
     * macOS file names is often decomposed ({@code u} and a combining diaeresis for {@code ü}),
     * typed text and catalogs composed: the two look the same in every error and spreadsheet, and
     * did not match.
     */
    public static String key(String name) {
        var lower = plainSpaces(name).trim().toLowerCase(Locale.ROOT);
        return KeyText.composed(lower);
    }

    /**
     * Every Unicode space (a no-break space from a web page or a Word table, a thin space) as a
     * plain one: "Stockroom A" with a no-break space inside failed as "no location named
     * "Stockroom A" exists".
     */
    public static String plainSpaces(String name) {
        char[] chars = null;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c >= '\u00A0' && Character.getType(c) == Character.SPACE_SEPARATOR) {
                if (chars == null) {
                    chars = name.toCharArray();
                }
                chars[i] = ' ';
            }
        }
        return chars == null ? name : new String(chars);
    }

}
