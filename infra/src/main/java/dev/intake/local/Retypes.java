package dev.intake.local;

import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.purchasing.OnOrderInventory;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PoStatus;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a catalog reload gives another type while purchase orders use it, which the load refuses
 *. A PO line's On Order inventory follows its part: a part
 * made non-inventory lost an ORDERED PO's On Order items on the PO's next reload (serials and
 * attributes with them), and a tracking or unit change rebuilt a DRAFT line's items when its
 * unchanged export was imported back. A requirement retyped under a PO made that PO's export fail
 * UNKNOWN_REFERENCE. Checked only when the file retypes something: the check reads every PO of the org.
 */
final class Retypes {

    /** Where in the file, what it retypes (a part, or a requirement), and how. */
    private record Change(String at, String what, String change, boolean ofPart, Part after) {
    }

    private static final int NAMED_PER_CHANGE = 3;

    private final Map<String, Change> parts = new LinkedHashMap<>();
    private final Map<String, Change> requirements = new LinkedHashMap<>();

    /** A retype of {@code part}, {@code after} the part as the load makes it. */
    void part(String at, PartRef part, String change, Part after) {
        parts.put(partKey(part), new Change(at, part.toString(), change, true, after));
    }

    void requirement(String at, String title, String change) {
        requirements.put(NameIndex.key(title), new Change(at, "\"" + title + "\"", change, false, null));
    }

    boolean any() {
        return !parts.isEmpty() || !requirements.isEmpty();
    }

    /** Adds a problem for each retype that {@code orders}, the org's POs, use. */
    void checkAgainst(Stream<StoredPurchaseOrder> orders, Problems problems) {
        var users = new LinkedHashMap<Change, List<String>>();
        var unitsRefused = new LinkedHashMap<Change, List<String>>();
        orders.forEach(po -> {
            var number = "PO \"" + po.header().poNumber() + "\" (" + po.header().status() + ")";
            for (var line : po.lines()) {
                var part = line.part() == null ? null : parts.get(partKey(line.part()));
                if (part != null && onOrderFollows(po, line, part)) {
                    users.computeIfAbsent(part, c -> new ArrayList<>()).add("line " + line.line() + " of " + number);
                } else if (part != null && !OnOrderInventory.takesQuantity(part.after(), line.quantity())) {
                    // a line of 2.5 of a part made serial: its export no longer imported back, whatever the PO's status (review "own49b")
                    unitsRefused.computeIfAbsent(part, c -> new ArrayList<>())
                            .add("line " + line.line() + " of " + number + ", " + line.quantity().toPlainString());
                }
                line.terms().qualityClauses().stream().map(title -> requirements.get(NameIndex.key(title)))
                        .filter(java.util.Objects::nonNull).distinct()
                        .forEach(clause -> users.computeIfAbsent(clause, c -> new ArrayList<>())
                                .add("the quality_clauses of line " + line.line() + " of " + number));
            }
            var terms = po.header().terms().termsAndConditions();
            var requirement = terms == null ? null : requirements.get(NameIndex.key(terms));
            if (requirement != null) {
                users.computeIfAbsent(requirement, c -> new ArrayList<>()).add("the terms_and_conditions of " + number);
            }
        });
        users.forEach((change, usedBy) -> problems.add(change.at(), message(change, usedBy)));
        unitsRefused.forEach((change, lines) -> problems.add(change.at(), change.what() + ": a load does not make it"
                + " serial-tracked inventory while purchase orders have lines of it that are no whole number of units (or"
                + " more than " + OnOrderInventory.MAX_UNITS_PER_LINE + "), or their export would no longer import back: "
                + named(lines) + ". Change those lines first, or, where their POs no longer change, give the part a new revision"));
    }

    private static String named(List<String> usedBy) {
        return String.join("; ", usedBy.subList(0, Math.min(NAMED_PER_CHANGE, usedBy.size())))
                + (usedBy.size() > NAMED_PER_CHANGE ? "; and " + (usedBy.size() - NAMED_PER_CHANGE) + " more" : "");
    }

    private String message(Change change, List<String> usedBy) {
        var named = named(usedBy);
        if (change.ofPart()) {
            return change.what() + ": a load does not change its " + change.change() + " while purchase orders have it"
                    + " on order, since their On Order inventory follows it: " + named + ". Receive or cancel those POs"
                    + " first (load them as RECEIVED or CANCELED), or, on a DRAFT PO, remove the line";
        }
        return change.what() + ": a load does not change a requirement's type (" + change.change() + ") while purchase"
                + " orders name it, or their export would no longer import back: " + named
                + ". Give the new requirement another title";
    }

    /**
     * Whether the retype changes the On Order records of a line of a PO still open (a line's
     * records exist until its PO is received, when they stay, no longer On Order, or canceled,
     * when they go): those it has, or, on a DRAFT PO, whose lines an import brings in step with
     * their part, those it would have after the load. A DRAFT line with none yet (of a part that
     * made no inventory, or of 0 units of a serial part made untracked) gained them when its PO's
     * unchanged export was imported back after the load, which wrote the PO at its next version
     * (found by review "crossimporter" on 7 December 2026). A line past DRAFT gets no new records,
     * and one with none before and after has nothing to follow (review "own49").
     */
    private static boolean onOrderFollows(StoredPurchaseOrder po, PoLine line, Change retype) {
        var status = po.header().status();
        if (status == PoStatus.RECEIVED || status == PoStatus.CANCELED) {
            return false;
        }
        return !line.inventoryIds().isEmpty()
                || status == PoStatus.DRAFT && OnOrderInventory.units(retype.after(), line.quantity()) > 0;
    }

    private static String partKey(PartRef part) {
        return NameIndex.key(part.partNumber()) + "#" + NameIndex.key(part.revision());
    }
}
