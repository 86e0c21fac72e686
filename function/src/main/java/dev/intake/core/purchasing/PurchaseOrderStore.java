package dev.intake.core.purchasing;

import dev.intake.core.inventory.PoNumbers;
import java.util.Collection;
import java.util.Map;

/**
 * Port: reading an org's purchase orders. Every method is scoped to one org. Writes go through
 * the commit ({@link dev.intake.core.commit.CommitStore}).
 */
public interface PurchaseOrderStore extends PoNumbers {

    /** The stored POs with these numbers (exact match), keyed by number; missing numbers are absent. */
    Map<String, StoredPurchaseOrder> findByNumbers(String org, Collection<String> poNumbers);
}
