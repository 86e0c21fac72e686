package dev.intake.core.purchasing;

import dev.intake.core.commit.JournalEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A purchase order as stored: its header and its lines in line order. */
public record StoredPurchaseOrder(PurchaseOrder header, List<PoLine> lines) {

    public StoredPurchaseOrder {
        lines = List.copyOf(lines);
    }

    /**
     * The POs an import's journal holds the before-states of, keyed by their number then: the
     * POs as the import validated them, which a resumed commit works on.
     */
    static Map<String, StoredPurchaseOrder> byNumber(List<JournalEntry> journal) {
        var headers = new TreeMap<Long, PurchaseOrder>();
        var lines = new TreeMap<Long, List<PoLine>>();
        for (var entry : journal) {
            if (!entry.existed()) {
                continue;
            }
            switch (entry.item()) {
                case PurchaseOrder header -> headers.putIfAbsent(header.poId(), header);
                case PoLine line -> lines.computeIfAbsent(line.poId(), id -> new ArrayList<>()).add(line);
                default -> { }
            }
        }
        var byNumber = new LinkedHashMap<String, StoredPurchaseOrder>();
        headers.forEach((poId, header) -> {
            var poLines = new ArrayList<>(lines.getOrDefault(poId, List.of()));
            poLines.sort(Comparator.comparingInt(PoLine::line));
            byNumber.put(header.poNumber(), new StoredPurchaseOrder(header, dedupe(poLines)));
        });
        return byNumber;
    }

    /** A line journaled twice (a resumed attempt journals again) appears once. */
    private static List<PoLine> dedupe(List<PoLine> sorted) {
        var byLine = new LinkedHashMap<Integer, PoLine>();
        sorted.forEach(line -> byLine.putIfAbsent(line.line(), line));
        return List.copyOf(byLine.values());
    }
}
