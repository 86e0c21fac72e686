package dev.intake.core.columns;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cells of one pass over a file look names up in: the org's catalog, and the labels the
 * file uses that the catalog does not have yet (ION creates labels inline), in the spelling first
 * seen; and what an earlier pass learnt of the file's numbers ({@link DecimalCommas}).
 */
public final class Lookups {

    private final Catalog catalog;
    private final DecimalCommas.Sighting decimalComma;
    private final Map<String, String> newLabels = new LinkedHashMap<>();

    public Lookups(Catalog catalog) {
        this(catalog, null);
    }

    /** {@code decimalComma}: the file's first, which an earlier pass found; null where none, or unknown yet. */
    public Lookups(Catalog catalog, DecimalCommas.Sighting decimalComma) {
        this.catalog = catalog;
        this.decimalComma = decimalComma;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** The file's first number written with a decimal comma, as an earlier pass found it; null where none. */
    public DecimalCommas.Sighting decimalComma() {
        return decimalComma;
    }

    /** The catalog's spelling of a label, or, for a label it does not have, the spelling first seen in the file. */
    String label(String name) {
        return catalog.labels().find(name).orElseGet(() -> newLabels.computeIfAbsent(NameIndex.key(name), key -> name));
    }

    /** Labels this file uses that the catalog does not have, in the order first seen. */
    public List<String> newLabels() {
        return List.copyOf(newLabels.values());
    }
}
