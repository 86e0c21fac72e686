package dev.intake.core.catalog;

import java.text.Normalizer;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /**
     * A name as names are matched: trimmed, in any case, and in one Unicode form (NFC). Text from
     * macOS file names is often decomposed ({@code u} and a combining diaeresis for {@code ü}),
     * typed text and catalogs composed: the two look the same in every error and spreadsheet, and
     * did not match (found by review on 4 December 2026).
     */
    public static String key(String name) {
        var lower = name.trim().toLowerCase(Locale.ROOT);
        return composed(lower) ? lower : Normalizer.normalize(lower, Normalizer.Form.NFC);
    }

    /** Below U+0300 (where the combining marks begin) every text is composed already: most names, checked cheaply. */
    private static boolean composed(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= '\u0300') {
                return Normalizer.isNormalized(text, Normalizer.Form.NFC);
            }
        }
        return true;
    }
}
