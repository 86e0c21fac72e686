package dev.intake.core.purchasing;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Port: an org's purchase orders. Every method is scoped to one org. */
public interface PurchaseOrderStore {

    /** The stored POs with these numbers (exact match), keyed by number; missing numbers are absent. */
    Map<String, StoredPurchaseOrder> findByNumbers(String org, Collection<String> poNumbers);

    /**
     * Claims {@code poNumber} for {@code poId}: succeeds when the number is free or already this
     * PO's (so a replay succeeds); when {@code previousNumber} is given, releases it in the same
     * transaction. Returns false when another PO holds the number.
     */
    boolean claimNumber(String org, long poId, String poNumber, String previousNumber);

    /** Gives back a number claimed by {@code poId} (undoing {@link #claimNumber} for a new PO). */
    void releaseNumber(String org, long poId, String poNumber);

    /** Writes headers and lines (full items, replacing any with the same key). */
    void putAll(String org, List<PurchaseOrder> headers, List<PoLine> lines);
}
