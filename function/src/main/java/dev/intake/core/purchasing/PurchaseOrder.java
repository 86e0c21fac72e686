package dev.intake.core.purchasing;

import dev.intake.core.attributes.CustomValue;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A purchase order header. {@code poId} is a stable internal id: lines and On Order inventory
 * refer to it, so renaming a PO ({@code poNumber}) changes one item, not every reference.
 */
public record PurchaseOrder(
        long poId,
        String poNumber,
        PoStatus status,
        String description,
        String supplier,
        String shipToLocation,
        String billToLocation,
        String currency,
        LocalDate orderedAt,
        String assignedTo,
        String intentOption,
        List<String> labels,
        String termsAndConditions,
        List<Fee> fees,
        Map<String, CustomValue> attributes) {

    public PurchaseOrder {
        Objects.requireNonNull(poNumber, "poNumber");
        Objects.requireNonNull(status, "status");
        labels = List.copyOf(labels);
        fees = List.copyOf(fees);
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    public boolean editable() {
        return status == PoStatus.DRAFT;
    }
}
