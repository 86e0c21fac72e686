package dev.intake.core.purchasing;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * What the scan (pass 1) found: whether it read every row ({@code complete}; if not, the job holds
 * the file-level error), the PO numbers in order of first appearance (their index gives a new PO
 * its id), the row each first appears on (where its number claim is reported) and the row it last
 * appears on (after which the later passes forget it), the number each renames, the header
 * fingerprints, the rows and the On Order ids the file reserves. The maps are the scan's own,
 * unmodifiable, not copies: an import holds them for the whole file.
 */
record PoScan(boolean complete, int rows, int units, Map<String, Integer> poIndex, Map<String, Integer> firstRows,
              Map<String, Integer> lastRows, Map<String, String> originals, HeaderConsistency.Result prints) {

    PoScan {
        poIndex = Collections.unmodifiableMap(poIndex);
        firstRows = Collections.unmodifiableMap(firstRows);
        lastRows = Collections.unmodifiableMap(lastRows);
        originals = Collections.unmodifiableMap(originals);
    }

    /** Whether {@code row} is the last of its PO's rows: a pass may then drop what it keeps for that PO. */
    boolean isLastRowOf(String po, int row) {
        var last = lastRows.get(po);
        return last != null && last == row;
    }

    /** The scan without the header fingerprints, which only validation reads. */
    PoScan withoutPrints() {
        return new PoScan(complete, rows, units, poIndex, firstRows, lastRows, originals, HeaderConsistency.Result.NONE);
    }

    /** The POs to read: every number the file uses, and every number it renames. */
    List<String> numbersToLoad() {
        var numbers = new HashSet<>(poIndex.keySet());
        numbers.addAll(originals.values());
        return List.copyOf(numbers);
    }
}
