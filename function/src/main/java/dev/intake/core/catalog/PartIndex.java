package dev.intake.core.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The catalog's parts, looked up case-insensitively by part number and revision. Revisions of a
 * part keep catalog order: the last one is the latest.
 *
 * <p>An index is whole (every part of the org, as {@link #of} builds it) or read on demand
 * ({@link #onDemand}): each part number the first time a lookup names it, and the rest of the
 * parts at once when a file names more than {@link #ON_DEMAND_NUMBERS} part numbers, or one that
 * its key does not find (a file that fails on an unknown part pays what every import did). A small
 * file in an org of 20,000 parts read the org's every part, 5 MB, on each import (measured by
 * review "orgsize" on 6 December 2026). Either way an import sees one answer per part number:
 * what it read first.
 */
public final class PartIndex {

    /** Part numbers read one at a time before an on-demand index reads the rest at once: a read each against a whole read. */
    public static final int ON_DEMAND_NUMBERS = 100;

    private final Map<String, List<Part>> revisionsByNumber;
    private final PartSource source; // null: whole
    private final boolean empty;
    private int numbersRead;
    private volatile boolean whole;

    private PartIndex(Map<String, List<Part>> revisionsByNumber, PartSource source, boolean empty) {
        this.revisionsByNumber = revisionsByNumber;
        this.source = source;
        this.empty = empty;
        this.whole = source == null;
    }

    /** Builds a whole index from parts in creation order. */
    public static PartIndex of(List<Part> parts) {
        var map = grouped(parts);
        return new PartIndex(Map.copyOf(map), null, map.isEmpty());
    }

    /** An index that reads parts from {@code source} as lookups name them; {@code empty}: the org has no parts. */
    public static PartIndex onDemand(PartSource source, boolean empty) {
        return new PartIndex(new ConcurrentHashMap<>(), source, empty);
    }

    /** Every revision of a part number, in catalog order (empty for an unknown part number). */
    public List<Part> revisions(String partNumber) {
        var key = NameIndex.key(partNumber);
        var revisions = revisionsByNumber.get(key);
        if (revisions != null || whole) {
            return revisions == null ? List.of() : revisions;
        }
        return read(key);
    }

    public boolean hasPartNumber(String partNumber) {
        return !revisions(partNumber).isEmpty();
    }

    /** Whether the org has no parts at all. */
    public boolean isEmpty() {
        return empty;
    }

    /**
     * The part numbers (lower case) and their revisions: every part of a whole index, those read
     * so far of one read on demand.
     */
    public Map<String, List<Part>> revisionsByNumber() {
        return Map.copyOf(revisionsByNumber);
    }

    /**
     * The part numbers, as the catalog spells them: every one of a whole index, and of one read on
     * demand once a lookup found none (which reads them all).
     */
    public List<String> partNumbers() {
        return revisionsByNumber.values().stream().map(revisions -> revisions.getFirst().partNumber()).toList();
    }

    /** The named revision, or the latest when {@code revision} is blank. */
    public Optional<Part> find(String partNumber, String revision) {
        var revisions = revisions(partNumber);
        if (revisions.isEmpty()) {
            return Optional.empty();
        }
        if (revision == null || revision.isBlank()) {
            return Optional.of(revisions.getLast());
        }
        for (var part : revisions) { // the catalog's spelling, as rows mostly give it, before any lower-casing
            if (part.revision().equals(revision)) {
                return Optional.of(part);
            }
        }
        var wanted = NameIndex.key(revision);
        return revisions.stream().filter(p -> NameIndex.key(p.revision()).equals(wanted)).findFirst();
    }

    public Optional<Part> find(PartRef ref) {
        return find(ref.partNumber(), ref.revision());
    }

    /** Reads one part number, or every part once the file has named enough (an import's passes may ask from several threads). */
    private synchronized List<Part> read(String key) {
        var known = revisionsByNumber.get(key);
        if (known != null || whole) {
            return known == null ? List.of() : known;
        }
        if (numbersRead < ON_DEMAND_NUMBERS) {
            numbersRead++;
            var revisions = List.copyOf(source.revisions(key));
            if (!revisions.isEmpty()) {
                revisionsByNumber.put(key, revisions);
                return revisions;
            }
            // Not under its key: a typo, or a part stored under an older form of the key (before 5
            // December 2026 a no-break space, or a decomposed letter, kept its own: found by review
            // "ondemand" on 6 December 2026). The whole read groups parts by their own part number.
        }
        // what was read first stays the answer: a catalog load in between must not change a part mid-import
        grouped(source.all()).forEach(revisionsByNumber::putIfAbsent);
        whole = true;
        return revisionsByNumber.getOrDefault(key, List.of());
    }

    private static Map<String, List<Part>> grouped(List<Part> parts) {
        var map = new LinkedHashMap<String, List<Part>>();
        for (var part : parts) {
            map.computeIfAbsent(NameIndex.key(part.partNumber()), k -> new ArrayList<>()).add(part);
        }
        map.replaceAll((k, revisions) -> List.copyOf(revisions));
        return map;
    }
}
