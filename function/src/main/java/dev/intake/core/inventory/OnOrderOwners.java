package dev.intake.core.inventory;

import dev.intake.core.report.ImportError;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The PO lines that own the On Order items a file updates, named as users know them: by PO
 * number. An item's {@code purchaseOrderLine} is {@code <poId>#<line>} (stable across renames).
 */
record OnOrderOwners(Map<Long, PoNumbers.NumberedPo> poNumbers) {

    static final OnOrderOwners NONE = new OnOrderOwners(Map.of());

    OnOrderOwners {
        poNumbers = Map.copyOf(poNumbers);
    }

    /** Looks up the POs owning the On Order items among {@code records}. */
    static OnOrderOwners of(String org, Collection<InventoryRecord> records, PoNumbers numbers) {
        Set<Long> poIds = records.stream().map(InventoryRecord::purchaseOrderLine).filter(Objects::nonNull)
                .map(OnOrderOwners::poId).collect(Collectors.toSet());
        return poIds.isEmpty() ? NONE : new OnOrderOwners(numbers.byIds(org, poIds));
    }

    /** "line 2 of PO "PO-1001"" for a {@code purchaseOrderLine} reference. */
    String describe(String purchaseOrderLine) {
        var line = purchaseOrderLine.substring(purchaseOrderLine.indexOf('#') + 1);
        return "line " + line + " of " + po(purchaseOrderLine);
    }

    /** "PO "PO-1001"" (or "PO id 7", gone since it was read). */
    String po(String purchaseOrderLine) {
        long poId = poId(purchaseOrderLine);
        var po = poNumbers.get(poId);
        return "PO " + (po == null ? "id " + poId : ImportError.inQuotes(po.number())); // shortened: a long number left no room for what to do (review "own49")
    }

    /**
     * The status of the PO owning the line, when a file may no longer change it (not DRAFT); null
     * for a DRAFT PO or one not found.
     */
    String fixedStatus(String purchaseOrderLine) {
        var po = poNumbers.get(poId(purchaseOrderLine));
        return po == null || po.draft() ? null : po.status();
    }

    private static long poId(String purchaseOrderLine) {
        return Long.parseLong(purchaseOrderLine.substring(0, purchaseOrderLine.indexOf('#')));
    }
}
