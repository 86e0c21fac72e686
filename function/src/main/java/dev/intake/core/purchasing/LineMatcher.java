package dev.intake.core.purchasing;

import dev.intake.core.catalog.Part;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches a PO's rows to its stored lines, which have no id column (SPEC §7): the k-th row for a
 * part revision updates the k-th stored line for it, in line order; rows without a part match by
 * description the same way; any other row creates a line numbered after the last one. So
 * importing the same file again matches every row to the line it created and changes nothing.
 */
final class LineMatcher {

    /** The stored line a row updates (null for a new line) and the row's line number. */
    record Match(PoLine existing, int line) {}

    private final Map<String, List<PoLine>> storedByKey = new HashMap<>();
    private final Map<String, Integer> rowsByKey = new HashMap<>();
    private int nextLine;

    LineMatcher(List<PoLine> stored) {
        for (var line : stored) {
            storedByKey.computeIfAbsent(key(line.partNumber(), line.revision(), line.description()), k -> new ArrayList<>()).add(line);
            nextLine = Math.max(nextLine, line.line());
        }
        nextLine++;
    }

    Match match(Part part, String description) {
        var key = part == null ? key(null, null, description) : key(part.partNumber(), part.revision(), null);
        int k = rowsByKey.merge(key, 1, Integer::sum) - 1;
        var candidates = storedByKey.getOrDefault(key, List.of());
        return k < candidates.size() ? new Match(candidates.get(k), candidates.get(k).line()) : new Match(null, nextLine++);
    }

    private static String key(String partNumber, String revision, String description) {
        return partNumber != null
                ? "part\u0000" + partNumber + "\u0000" + revision
                : "description\u0000" + (description == null ? "" : description);
    }
}
