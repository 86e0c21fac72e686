package dev.intake.core.purchasing;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the scan (pass 1) found: the PO numbers in order of first appearance (their index gives a
 * new PO its id), the row each first appears on (where its number claim is reported), the number
 * each renames, the header fingerprints, the rows and the On Order ids the file reserves.
 */
record PoScan(int rows, int units, Map<String, Integer> poIndex, Map<String, Integer> firstRows,
              Map<String, String> originals, HeaderConsistency.Result prints) {

    PoScan {
        poIndex = Collections.unmodifiableMap(new LinkedHashMap<>(poIndex));
        firstRows = Collections.unmodifiableMap(new LinkedHashMap<>(firstRows));
        originals = Collections.unmodifiableMap(new LinkedHashMap<>(originals));
    }

    /** The POs to read: every number the file uses, and every number it renames. */
    List<String> numbersToLoad() {
        var numbers = new HashSet<>(poIndex.keySet());
        numbers.addAll(originals.values());
        return List.copyOf(numbers);
    }
}
