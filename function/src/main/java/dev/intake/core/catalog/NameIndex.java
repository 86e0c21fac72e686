package dev.intake.core.catalog;

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

    public static String key(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
