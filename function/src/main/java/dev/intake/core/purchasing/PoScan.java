package dev.intake.core.purchasing;

import dev.intake.core.columns.FileTraits;
import dev.intake.core.values.KeyText;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the scan (pass 1) found: the file's POs in order of first appearance with where their rows are,
 * the number each renames, the header fingerprints, the rows and the On Order ids the file
 * reserves, the part numbers its rows name (lower case: the commit's catalog fingerprint
 * covers their parts), and whether the file has a column that moves a DRAFT PO's On Order records
 * ({@link PoLayout#movesOnOrder}), and how the file was saved ({@link FileTraits}). The maps are the scan's own, unmodifiable, not copies: an import holds them for the
 * whole file, so a PO costs one entry.
 */
record PoScan(int rows, int units, Map<String, Span> pos, Map<String, String> originals,
              HeaderConsistency.Result prints, Set<String> partNumbers, boolean movesOnOrder,
              FileTraits traits) {

    /**
     * Where a PO's rows are: its index among the file's POs (which gives a new PO its id), its
     * first row (where its number claim is reported) and its last (after which the later passes
     * forget it). Only the scan sets {@code lastRow}, row by row.
     */
    static final class Span {
        private final int index;
        private final int firstRow;
        private int lastRow;
        /**
         * The part (LineMatcher's key) the first row of this PO naming one with a blank revision
         * names, and any others after it (null while none): most POs have one part or none, and a
         * set for each cost some 200 bytes a PO for the whole import.
         */
        private String blankRevisionPart;
        private Set<String> moreBlankRevisionParts;
        /** Rows naming a revision of such a part after the first blank one, by LineMatcher's key; null while none has. */
        private Map<String, Integer> revisionRowsAfterABlank;

        Span(int index, int row) {
            this.index = index;
            this.firstRow = row;
            this.lastRow = row;
        }

        int index() {
            return index;
        }

        int firstRow() {
            return firstRow;
        }

        void extendTo(int row) {
            lastRow = row;
        }

        /**
         * A row of this PO names a part: counts the rows that name a revision of a part a row
         * before them named with a blank revision (the only case that needs counting, so a file
         * that always gives revisions, or has no revision column, keeps nothing; one that leaves
         * them blank keeps its PO's first such part).
         */
        void line(String partNumber, String revision) {
            if (revision.isEmpty()) {
                var part = LineMatcher.partKey(partNumber);
                if (blankRevisionPart == null) {
                    blankRevisionPart = part;
                } else if (!blankRevisionPart.equals(part)) {
                    if (moreBlankRevisionParts == null) {
                        moreBlankRevisionParts = new HashSet<>();
                    }
                    moreBlankRevisionParts.add(part);
                }
                return;
            }
            if (blankRevisionPart == null) {
                return; // no key built: a file that always gives revisions (an export) costs nothing here
            }
            var part = LineMatcher.partKey(partNumber);
            if (part.equals(blankRevisionPart) || moreBlankRevisionParts != null && moreBlankRevisionParts.contains(part)) {
                if (revisionRowsAfterABlank == null) {
                    revisionRowsAfterABlank = new HashMap<>();
                }
                revisionRowsAfterABlank.merge(LineMatcher.revisionKey(partNumber, revision), 1, Integer::sum);
            }
        }
    }

    PoScan {
        pos = Collections.unmodifiableMap(pos);
        originals = Collections.unmodifiableMap(originals);
        partNumbers = Collections.unmodifiableSet(partNumbers);
    }

    int poCount() {
        return pos.size();
    }

    boolean hasPo(String po) {
        return pos.containsKey(po);
    }

    /** The row a PO first appears on. */
    int firstRowOf(String po) {
        return pos.get(po).firstRow();
    }

    /**
     * The rows of {@code po} that name a revision of a part an earlier row of the PO named with a
     * blank revision, by {@link LineMatcher}'s key: the stored lines the blank row must leave them.
     */
    Map<String, Integer> revisionRowsAfterABlank(String po) {
        var span = pos.get(po);
        return span == null || span.revisionRowsAfterABlank == null ? Map.of() : span.revisionRowsAfterABlank;
    }

    /** The last row of any PO (0 for a file of none). */
    int lastRow() {
        return pos.values().stream().mapToInt(span -> span.lastRow).max().orElse(0);
    }

    /** Whether {@code row} is the last of its PO's rows: a pass may then drop what it keeps for that PO. */
    boolean isLastRowOf(String po, int row) {
        var span = pos.get(po);
        return span != null && span.lastRow == row;
    }

    /** The scan without the header fingerprints, which only validation reads. */
    PoScan withoutPrints() {
        return new PoScan(rows, units, pos, originals, HeaderConsistency.Result.NONE, partNumbers, movesOnOrder, traits);
    }

    /**
     * The POs to read: every number the file uses, and every number it renames, but not those too
     * long to be a key (their rows fail validation).
     */
    List<String> numbersToLoad() {
        var numbers = new HashSet<>(pos.keySet());
        numbers.addAll(originals.values());
        numbers.removeIf(number -> !KeyText.fits(number));
        return List.copyOf(numbers);
    }
}
