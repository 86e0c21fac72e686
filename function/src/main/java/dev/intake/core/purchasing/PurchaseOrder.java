package dev.intake.core.purchasing;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.commit.Stored;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A purchase order header. {@code poId} is a stable internal id: lines and On Order inventory
 * refer to it, so renaming a PO ({@code poNumber}) changes one item, not every reference.
 * {@code version} and {@code writtenBy} say which stored state it was read from (0 and null when
 * never stored): writes are conditional on that state (optimistic concurrency), like inventory's.
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
        Map<String, CustomValue> attributes,
        long version,
        String writtenBy) implements Stored {

    /** A header not read from the store (a new PO, or one built by a test). */
    public PurchaseOrder(long poId, String poNumber, PoStatus status, String description, String supplier,
                         String shipToLocation, String billToLocation, String currency, LocalDate orderedAt,
                         String assignedTo, String intentOption, List<String> labels, String termsAndConditions,
                         List<Fee> fees, Map<String, CustomValue> attributes) {
        this(poId, poNumber, status, description, supplier, shipToLocation, billToLocation, currency, orderedAt,
                assignedTo, intentOption, labels, termsAndConditions, fees, attributes, 0, null);
    }

    public PurchaseOrder {
        Objects.requireNonNull(poNumber, "poNumber");
        Objects.requireNonNull(status, "status");
        labels = List.copyOf(labels);
        fees = List.copyOf(fees);
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    @Override
    public String identity() {
        return "po#" + poId;
    }

    @Override
    public String describe() {
        return "PO " + poNumber;
    }

    /** This header as stored by {@code importId}, at {@code newVersion}. */
    public PurchaseOrder stored(long newVersion, String importId) {
        return new PurchaseOrder(poId, poNumber, status, description, supplier, shipToLocation, billToLocation, currency,
                orderedAt, assignedTo, intentOption, labels, termsAndConditions, fees, attributes, newVersion, importId);
    }

    public boolean editable() {
        return status == PoStatus.DRAFT;
    }
}
