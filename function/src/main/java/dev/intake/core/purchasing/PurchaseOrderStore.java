package dev.intake.core.purchasing;

import java.util.Collection;
import java.util.Map;

/**
 * Port: reading an org's purchase orders. Every method is scoped to one org. Writes go through
 * the commit ({@link dev.intake.core.commit.CommitStore}).
 */
public interface PurchaseOrderStore {

    /** The stored POs with these numbers (exact match), keyed by number; missing numbers are absent. */
    Map<String, StoredPurchaseOrder> findByNumbers(String org, Collection<String> poNumbers);
}
