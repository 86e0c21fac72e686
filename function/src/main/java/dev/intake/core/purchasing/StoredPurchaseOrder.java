package dev.intake.core.purchasing;

import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.Stamped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A purchase order as a store read it: its header and its lines in line order, each with the
 * stamp of that read (what the commit's conditional writes need); {@link #header()} and
 * {@link #lines()} are the records themselves.
 */
public record StoredPurchaseOrder(Stamped<PurchaseOrder> stampedHeader, List<Stamped<PoLine>> stampedLines) {

    public StoredPurchaseOrder {
        stampedLines = List.copyOf(stampedLines);
    }

    /** A PO as no store holds it (seeds, tests). */
    public static StoredPurchaseOrder unstored(PurchaseOrder header, List<PoLine> lines) {
        return new StoredPurchaseOrder(Stamped.unstored(header), lines.stream().map(Stamped::unstored).toList());
    }

    public PurchaseOrder header() {
        return stampedHeader.item();
    }

    public List<PoLine> lines() {
        return stampedLines.stream().map(Stamped::item).toList();
    }

    /**
     * The POs an import's journal holds the before-states of, keyed by their number then: the
     * POs as the import validated them, which a resumed commit works on.
     */
    @SuppressWarnings("unchecked")
    static Map<String, StoredPurchaseOrder> byNumber(List<JournalEntry> journal) {
        var headers = new TreeMap<Long, Stamped<PurchaseOrder>>();
        var lines = new TreeMap<Long, List<Stamped<PoLine>>>();
        for (var entry : journal) {
            if (!entry.existed()) {
                continue;
            }
            switch (entry.item()) {
                case PurchaseOrder header -> headers.putIfAbsent(header.poId(), (Stamped<PurchaseOrder>) entry.state());
                case PoLine line -> lines.computeIfAbsent(line.poId(), id -> new ArrayList<>()).add((Stamped<PoLine>) entry.state());
                default -> { }
            }
        }
        var byNumber = new LinkedHashMap<String, StoredPurchaseOrder>();
        headers.forEach((poId, header) -> {
            var poLines = new ArrayList<>(lines.getOrDefault(poId, List.of()));
            poLines.sort(Comparator.comparingInt(line -> line.item().line()));
            byNumber.put(header.item().poNumber(), new StoredPurchaseOrder(header, dedupe(poLines)));
        });
        return byNumber;
    }

    /** A line journaled twice (a resumed attempt journals again) appears once. */
    private static List<Stamped<PoLine>> dedupe(List<Stamped<PoLine>> sorted) {
        var byLine = new LinkedHashMap<Integer, Stamped<PoLine>>();
        sorted.forEach(line -> byLine.putIfAbsent(line.item().line(), line));
        return List.copyOf(byLine.values());
    }
}
