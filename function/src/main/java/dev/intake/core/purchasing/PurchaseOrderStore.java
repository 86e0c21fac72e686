package dev.intake.core.purchasing;

import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.PoNumbers;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Port: reading an org's purchase orders. Every method is scoped to one org. Writes go through
 * the commit ({@link dev.intake.core.commit.CommitStore}).
 */
public interface PurchaseOrderStore extends PoNumbers {

    /** The stored POs with these numbers (exact match), keyed by number; missing numbers are absent. */
    default Map<String, StoredPurchaseOrder> findByNumbers(String org, Collection<String> poNumbers) {
        return findByNumbers(org, poNumbers, read -> true);
    }

    /**
     * As {@link #findByNumbers(String, Collection)}, giving {@code readOn} the POs read, on the
     * calling thread, every few dozen: a file naming thousands of stored POs reads for a while, and
     * the import must still report progress, stop before its deadline, and count what it holds.
     * Where {@code readOn} answers false the look-up stops and returns what it read so far, which
     * the caller must not take for all.
     */
    Map<String, StoredPurchaseOrder> findByNumbers(String org, Collection<String> poNumbers,
                                                   Predicate<List<StoredPurchaseOrder>> readOn);

    /**
     * The claims on these numbers as stored now, keyed by number, each stamped with the import
     * that wrote it; missing numbers are absent. What a look-up by number went through, read again
     * to see that it still stands.
     */
    Map<String, Stamped<NumberClaim>> numberClaims(String org, Collection<String> poNumbers);

    /**
     * Of {@code poNumbers}, those no PO holds that an import gave up, each stamped with that
     * import: a file taking one builds on that import's rename, which may yet be undone.
     */
    List<Stamped<GivenUpNumber>> givenUpNumbers(String org, Collection<String> poNumbers);

    /**
     * Of {@code poNumbers}, numbers {@link #findByNumbers} found no PO by, the items imports wrote
     * for them, each stamped with its import: the trace of a number given up, and a claim whose PO
     * was never written (its import died between the two). A file taking one builds on that
     * import: its undo may want a given-up number back, and a claim is the import's until it
     * finishes or is undone.
     */
    List<Stamped<?>> unheldNumbers(String org, Collection<String> poNumbers);

    /**
     * The numbers the org's POs hold that begin with {@code prefix}: what a number given back with
     * "?" for characters (a legacy-encoded save) is compared with, for a file that would otherwise
     * make a second PO of it.
     */
    List<String> numbersStartingWith(String org, String prefix);
}
