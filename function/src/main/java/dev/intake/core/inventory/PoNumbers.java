package dev.intake.core.inventory;

import java.util.Collection;
import java.util.Map;

/**
 * Port: the numbers of an org's purchase orders by their internal id, which is what On Order
 * inventory refers to. Used to name the PO that owns an item in an error message, and to say
 * whether that PO may still change what it sets.
 */
@FunctionalInterface
public interface PoNumbers {

    /** The number and status of each PO of {@code poIds} that exists in the org; missing ones are absent. */
    Map<Long, NumberedPo> byIds(String org, Collection<Long> poIds);

    /** A PO as users know it: its number, and its status by name ({@code DRAFT}, {@code ORDERED}, ...). */
    record NumberedPo(String number, String status) {

        /** Whether a Purchase Orders file may still change its header and lines. */
        public boolean draft() {
            return "DRAFT".equals(status);
        }
    }
}
