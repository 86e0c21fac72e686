package dev.intake.core.purchasing;

import java.util.List;

/** A purchase order as stored: its header and its lines in line order. */
public record StoredPurchaseOrder(PurchaseOrder header, List<PoLine> lines) {

    public StoredPurchaseOrder {
        lines = List.copyOf(lines);
    }
}
