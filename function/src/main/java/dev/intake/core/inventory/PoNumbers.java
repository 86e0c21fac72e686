package dev.intake.core.inventory;

import java.util.Collection;
import java.util.Map;

/**
 * Port: the numbers of an org's purchase orders by their internal id, which is what On Order
 * inventory refers to. Used to name the PO that owns an item in an error message.
 */
@FunctionalInterface
public interface PoNumbers {

    /** The number of each PO of {@code poIds} that exists in the org; missing ones are absent. */
    Map<Long, String> byIds(String org, Collection<Long> poIds);
}
