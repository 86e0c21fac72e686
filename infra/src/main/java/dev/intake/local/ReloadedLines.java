package dev.intake.local;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.purchasing.LineItem;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A planned PO set against its stored self, line by line: for each of the file's lines, the stored
 * line it continues (whose On Order items it keeps), or none.
 *
 * <p>First among stored lines of the same quantity, then among any; each time lines that name
 * their revision first, then those that leave it blank (which may take any of their part
 * number's): a line continues the stored line in its place where that is of its part, so the same file loaded again
 * changes nothing, or else the first free stored line of its part revision (a blank one: of the
 * latest revision, or else of any). Not looking at quantities, two lines of one part swapped
 * (4 boards, then 2) cut the first to 2, its serials deleted (found by review "own48c"). Matched
 * by place alone, a RECEIVED load of a PO listing its two lines in the other order deleted the
 * goods it received; a line whose revision the file leaves blank keeps the revision of the line it
 * continues, where resolved anew to the latest, a reload after a new revision moved the line to
 * it and replaced its On Order items, a serial a file gave one with them (both found by review
 * "untried" on 6 December 2026). A part on two lines, one blank, swapped their records on every
 * reload of the same file where named revisions went first without looking in place (found by
 * review "own48"), and lost one line's where blank ones took their place first ("own48b").
 */
final class ReloadedLines {

    private final SeedPurchaseOrders.Planned planned;
    private final StoredPurchaseOrder before;
    private final int[] stored;

    private ReloadedLines(SeedPurchaseOrders.Planned planned, StoredPurchaseOrder before, int[] stored) {
        this.planned = planned;
        this.before = before;
        this.stored = stored;
    }

    /** {@code before} null: a new PO, whose lines continue none. */
    static ReloadedLines of(SeedPurchaseOrders.Planned planned, StoredPurchaseOrder before, Catalog catalog) {
        var stored = new int[planned.lines().size()];
        Arrays.fill(stored, -1);
        if (before == null) {
            return new ReloadedLines(planned, null, stored);
        }
        var free = new FreeLines(before);
        // first where the quantity is the same too; named revisions before blank ones, which may take any
        for (boolean sameQuantity : new boolean[] {true, false}) {
            for (boolean blank : new boolean[] {false, true}) {
                for (int j = 0; j < stored.length; j++) {
                    if (stored[j] < 0 && ofRevision(planned, j, blank) && inItsPlace(planned, j, before, sameQuantity)
                            && free.takeAt(j)) {
                        stored[j] = j;
                    }
                }
                for (int j = 0; j < stored.length; j++) {
                    if (stored[j] < 0 && ofRevision(planned, j, blank)) {
                        var part = planned.parts().get(j).ref();
                        var quantity = sameQuantity ? planned.lines().get(j).quantity() : null;
                        int at = free.take(part, quantity, true);
                        stored[j] = at >= 0 || !blank ? at : free.take(part, quantity, false);
                    }
                }
            }
        }
        return new ReloadedLines(withStoredRevisions(planned, before, stored, catalog), before, stored);
    }

    /** A line of a part whose revision the file leaves {@code blank}, or names. */
    private static boolean ofRevision(SeedPurchaseOrders.Planned planned, int j, boolean blank) {
        return planned.parts().get(j) != null && planned.revisionsGiven().get(j) != blank;
    }

    /**
     * Whether the stored line in the place of the file's line {@code j} is of its part (any
     * revision where it names none), and of its quantity where {@code sameQuantity}.
     */
    private static boolean inItsPlace(SeedPurchaseOrders.Planned planned, int j, StoredPurchaseOrder before, boolean sameQuantity) {
        var part = planned.parts().get(j);
        var other = j < before.lines().size() ? before.lines().get(j) : null;
        var otherPart = other == null ? null : other.item().part();
        if (otherPart == null || !NameIndex.key(otherPart.partNumber()).equals(NameIndex.key(part.partNumber()))) {
            return false;
        }
        if (sameQuantity && !FreeLines.quantityKey(other.quantity()).equals(FreeLines.quantityKey(planned.lines().get(j).quantity()))) {
            return false;
        }
        return !planned.revisionsGiven().get(j) || NameIndex.key(otherPart.revision()).equals(NameIndex.key(part.revision()));
    }

    /**
     * The file's PO with each blank-revision line set to the revision of the stored line it
     * continues; one whose revision is gone from the catalog continues none, a new line of the latest.
     */
    private static SeedPurchaseOrders.Planned withStoredRevisions(SeedPurchaseOrders.Planned planned, StoredPurchaseOrder before,
                                                                 int[] stored, Catalog catalog) {
        var lines = new ArrayList<>(planned.lines());
        var parts = new ArrayList<>(planned.parts());
        for (int j = 0; j < stored.length; j++) {
            if (stored[j] < 0 || planned.revisionsGiven().get(j)) {
                continue;
            }
            var ref = before.lines().get(stored[j]).item().part();
            var part = catalog.parts().find(ref.partNumber(), ref.revision()).orElse(null);
            if (part == null) {
                stored[j] = -1;
                continue;
            }
            parts.set(j, part);
            lines.set(j, lines.get(j).withItem(new LineItem(part.ref(), lines.get(j).description())));
        }
        return new SeedPurchaseOrders.Planned(planned.header(), lines, parts, planned.revisionsGiven());
    }

    /**
     * The stored lines no line of the file continues yet, by part revision and by part number, each
     * in the PO's order: taking the first free one walks on from the last taken, so a PO of
     * thousands of lines of one part is matched in linear time, not quadratic.
     */
    private static final class FreeLines {
        private final boolean[] taken;
        /** By part revision or part number, each alone and with the line's quantity. */
        private final Map<Key, Queue> byKey = new HashMap<>();

        /**
         * A part number, with a revision or null for any, and a quantity or null for any. A record,
         * not a joined string: "X#2" was both revision 2 of X and any revision of X at 2 units, and
         * a line took another revision's records (found by review "own48d" on 6 December 2026).
         */
        private record Key(String partNumber, String revision, String quantity) {}

        /** A key's stored lines, in order, and how far taking has walked. */
        private static final class Queue {
            private final List<Integer> lines = new ArrayList<>();
            private int next;
        }

        FreeLines(StoredPurchaseOrder before) {
            taken = new boolean[before.lines().size()];
            for (int i = 0; i < taken.length; i++) {
                var line = before.lines().get(i);
                var part = line.item().part();
                if (part != null) {
                    for (boolean sameRevision : new boolean[] {true, false}) {
                        byKey.computeIfAbsent(key(part, null, sameRevision), key -> new Queue()).lines.add(i);
                        byKey.computeIfAbsent(key(part, line.quantity(), sameRevision), key -> new Queue()).lines.add(i);
                    }
                }
            }
        }

        /** Takes the stored line at {@code at}; false where another took it. */
        boolean takeAt(int at) {
            if (taken[at]) {
                return false;
            }
            taken[at] = true;
            return true;
        }

        /**
         * The first free stored line of {@code part}'s revision ({@code sameRevision}) or of any of
         * its part number's, of {@code quantity} where it is given; -1 where none.
         */
        int take(PartRef part, BigDecimal quantity, boolean sameRevision) {
            var queue = byKey.get(key(part, quantity, sameRevision));
            if (queue == null) {
                return -1;
            }
            while (queue.next < queue.lines.size() && taken[queue.lines.get(queue.next)]) {
                queue.next++; // taken through another key
            }
            if (queue.next == queue.lines.size()) {
                return -1;
            }
            int line = queue.lines.get(queue.next++);
            taken[line] = true;
            return line;
        }

        private static Key key(PartRef part, BigDecimal quantity, boolean sameRevision) {
            return new Key(NameIndex.key(part.partNumber()), sameRevision ? NameIndex.key(part.revision()) : null,
                    quantity == null ? null : quantityKey(quantity));
        }

        /** 4 and 4.0 are one quantity. */
        static String quantityKey(BigDecimal quantity) {
            return quantity == null ? "" : quantity.stripTrailingZeros().toPlainString();
        }
    }

    /** The file's PO, its blank revisions settled to the stored lines' they continue. */
    SeedPurchaseOrders.Planned planned() {
        return planned;
    }

    /** The On Order ids of the stored line the file's line {@code j} continues; none where it continues none. */
    List<Long> keptIds(int j) {
        return stored[j] < 0 ? List.of() : before.lines().get(stored[j]).inventoryIds();
    }

    /** The On Order ids of the stored lines no line of the file continues: they go. */
    List<Long> droppedIds() {
        if (before == null) {
            return List.of();
        }
        var continued = new boolean[before.lines().size()];
        for (int at : stored) {
            if (at >= 0) {
                continued[at] = true;
            }
        }
        var dropped = new ArrayList<Long>();
        for (int i = 0; i < continued.length; i++) {
            if (!continued[i]) {
                dropped.addAll(before.lines().get(i).inventoryIds());
            }
        }
        return dropped;
    }
}
