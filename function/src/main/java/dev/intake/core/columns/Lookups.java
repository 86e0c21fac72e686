package dev.intake.core.columns;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cells of one pass over a file look names up in: the org's catalog, and the labels the
 * file uses that the catalog does not have yet (ION creates labels inline), in the spelling first
 * seen; and what an earlier pass learnt of how the file was saved ({@link FileTraits}).
 */
public final class Lookups {

    private final Catalog catalog;
    private final FileTraits traits;
    private final Map<String, String> newLabels = new LinkedHashMap<>();

    public Lookups(Catalog catalog) {
        this(catalog, FileTraits.UNKNOWN);
    }

    /** {@code traits}: what an earlier pass learnt of the file; {@link FileTraits#UNKNOWN} where none came before. */
    public Lookups(Catalog catalog, FileTraits traits) {
        this.catalog = catalog;
        this.traits = traits;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** What an earlier pass learnt of how the file was saved. */
    public FileTraits traits() {
        return traits;
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
