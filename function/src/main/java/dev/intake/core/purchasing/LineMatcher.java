package dev.intake.core.purchasing;

import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.commit.Stamped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a PO's rows to its stored lines, which have no id column (SPEC §7), in file order: a row
 * takes the first stored line of its part revision (in line order) that no earlier row took; a
 * row with a blank revision the first free line of its part number, whatever the revision (the
 * catalog may have gained a revision since the line was added); a row without a part the first
 * free line without a part with its description. Any other row adds a line numbered after the
 * last one. So importing the same file again matches every row to the line it created and changes
 * nothing.
 */
final class LineMatcher {

    /** The stored line a row updates (null for a new line) and the row's line number. */
    record Match(Stamped<PoLine> stored, int line) {
        PoLine existing() {
            return stored == null ? null : stored.item();
        }
    }

    private final List<Stamped<PoLine>> lines;
    private final boolean[] taken;
    private final Map<String, List<Integer>> byKey;
    private final Map<String, Integer> cursors;
    private int nextLine;

    LineMatcher(List<Stamped<PoLine>> stored) {
        this.lines = List.copyOf(stored);
        this.taken = new boolean[lines.size()];
        // A matcher lives as long as the file's pass, one per PO: a new PO's keeps no maps.
        this.byKey = lines.isEmpty() ? Map.of() : new HashMap<>();
        this.cursors = lines.isEmpty() ? Map.of() : new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i).item();
            if (line.part() != null) {
                index(revisionKey(line.partNumber(), line.revision()), i);
                index(partKey(line.partNumber()), i);
            } else {
                index(descriptionKey(line.description()), i);
            }
            nextLine = Math.max(nextLine, line.line());
        }
        nextLine++;
    }

    Match match(Part part, boolean revisionGiven, String description) {
        if (lines.isEmpty()) {
            return new Match(null, nextLine++);
        }
        String key;
        if (part == null) {
            key = descriptionKey(description);
        } else {
            key = revisionGiven ? revisionKey(part.partNumber(), part.revision()) : partKey(part.partNumber());
        }
        var candidates = byKey.getOrDefault(key, List.of());
        // Lines before the cursor are taken: a PO with many lines of one part is matched in linear time.
        int start = cursors.getOrDefault(key, 0);
        for (int c = start; c < candidates.size(); c++) {
            int i = candidates.get(c);
            if (!taken[i]) {
                taken[i] = true;
                cursors.put(key, c + 1);
                return new Match(lines.get(i), lines.get(i).item().line());
            }
        }
        cursors.put(key, candidates.size());
        return new Match(null, nextLine++);
    }

    private void index(String key, int i) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }

    /*
     * Part numbers and revisions as the catalog matches them (NameIndex.key, any case): a stored
     * line keeps the spelling it was added with, and a catalog load may re-spell the part, or add
     * a revision spelled in another case. Matched by spelling, the same file added a second line
     * (found by review).
     */
    private static String revisionKey(String partNumber, String revision) {
        return "part\u0000" + NameIndex.key(partNumber) + "\u0000" + (revision == null ? "" : NameIndex.key(revision));
    }

    private static String partKey(String partNumber) {
        return "number\u0000" + NameIndex.key(partNumber);
    }

    private static String descriptionKey(String description) {
        return "description\u0000" + (description == null ? "" : description);
    }
}
