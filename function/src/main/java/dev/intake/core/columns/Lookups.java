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
    private Map<String, List<String>> partNumbersByAsciiPrefix;

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

    /**
     * The catalog's part numbers a legacy save could give back as {@code written} ("RES-10k?"):
     * those with a character beyond ASCII whose text before it is {@code written}'s before its
     * first "?", as PO numbers are matched. Indexed once per pass, where a row first needs it: a
     * file saved so fails on every row, and each looked through every part of the org (found by
     * review "own52b" on 7 December 2026: minutes for a file of an org of 50,000 parts).
     */
    synchronized List<String> partNumbersGivenBackAs(String written) {
        if (partNumbersByAsciiPrefix == null) {
            partNumbersByAsciiPrefix = catalog.parts().partNumbers().stream()
                    .filter(number -> number.chars().anyMatch(c -> c >= 0x80))
                    .collect(java.util.stream.Collectors.groupingBy(number -> asciiPrefix(NameIndex.key(number))));
        }
        return partNumbersByAsciiPrefix.getOrDefault(asciiPrefix(NameIndex.key(written)), List.of());
    }

    /** The text before the first "?" or character beyond ASCII. */
    private static String asciiPrefix(String key) {
        int end = 0;
        while (end < key.length() && key.charAt(end) != '?' && key.charAt(end) < 0x80) {
            end++;
        }
        return key.substring(0, end);
    }

    /** Labels this file uses that the catalog does not have, in the order first seen. */
    public List<String> newLabels() {
        return List.copyOf(newLabels.values());
    }
}
