package dev.intake.core.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog's parts, looked up case-insensitively by part number and revision. Revisions of a
 * part keep catalog order: the last one is the latest.
 */
public record PartIndex(Map<String, List<Part>> revisionsByNumber) {

    public PartIndex {
        revisionsByNumber = Map.copyOf(revisionsByNumber);
    }

    /** Builds the index from parts in creation order. */
    public static PartIndex of(List<Part> parts) {
        var map = new LinkedHashMap<String, List<Part>>();
        for (var part : parts) {
            map.computeIfAbsent(NameIndex.key(part.partNumber()), k -> new ArrayList<>()).add(part);
        }
        map.replaceAll((k, revisions) -> List.copyOf(revisions));
        return new PartIndex(map);
    }

    /** Every revision of a part number, in catalog order (empty for an unknown part number). */
    public List<Part> revisions(String partNumber) {
        return revisionsByNumber.getOrDefault(NameIndex.key(partNumber), List.of());
    }

    public boolean hasPartNumber(String partNumber) {
        return revisionsByNumber.containsKey(NameIndex.key(partNumber));
    }

    /** The named revision, or the latest when {@code revision} is blank. */
    public Optional<Part> find(String partNumber, String revision) {
        var revisions = revisionsByNumber.getOrDefault(NameIndex.key(partNumber), List.of());
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
}
