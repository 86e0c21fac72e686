package dev.intake.local;

import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.PartRef;
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
    private record Change(String at, String what, String change, boolean ofPart) {
    }

    private static final int NAMED_PER_CHANGE = 3;

    private final Map<String, Change> parts = new LinkedHashMap<>();
    private final Map<String, Change> requirements = new LinkedHashMap<>();

    void part(String at, PartRef part, String change) {
        parts.put(partKey(part), new Change(at, part.toString(), change, true));
    }

    void requirement(String at, String title, String change) {
        requirements.put(NameIndex.key(title), new Change(at, "\"" + title + "\"", change, false));
    }

    boolean any() {
        return !parts.isEmpty() || !requirements.isEmpty();
    }

    /** Adds a problem for each retype that {@code orders}, the org's POs, use. */
    void checkAgainst(Stream<StoredPurchaseOrder> orders, Problems problems) {
        var users = new LinkedHashMap<Change, List<String>>();
        orders.forEach(po -> {
            var number = "PO \"" + po.header().poNumber() + "\" (" + po.header().status() + ")";
            for (var line : po.lines()) {
                var part = line.part() == null ? null : parts.get(partKey(line.part()));
                if (part != null && hasOnOrderInventory(po, line)) {
                    users.computeIfAbsent(part, c -> new ArrayList<>()).add("line " + line.line() + " of " + number);
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
    }

    private String message(Change change, List<String> usedBy) {
        var named = String.join("; ", usedBy.subList(0, Math.min(NAMED_PER_CHANGE, usedBy.size())))
                + (usedBy.size() > NAMED_PER_CHANGE ? "; and " + (usedBy.size() - NAMED_PER_CHANGE) + " more" : "");
        if (change.ofPart()) {
            return change.what() + ": a load does not change its " + change.change() + " while purchase orders have it"
                    + " on order, since their On Order inventory follows it: " + named + ". Receive or cancel those POs"
                    + " first (load them as RECEIVED or CANCELED), or, on a DRAFT PO, remove the line";
        }
        return change.what() + ": a load does not change a requirement's type (" + change.change() + ") while purchase"
                + " orders name it, or their export would no longer import back: " + named
                + ". Give the new requirement another title";
    }

    /** A line's On Order records exist until its PO is received (they stay, no longer On Order) or canceled (deleted). */
    private static boolean hasOnOrderInventory(StoredPurchaseOrder po, PoLine line) {
        var status = po.header().status();
        return status != PoStatus.RECEIVED && status != PoStatus.CANCELED && !line.inventoryIds().isEmpty();
    }

    private static String partKey(PartRef part) {
        return NameIndex.key(part.partNumber()) + "#" + NameIndex.key(part.revision());
    }
}
