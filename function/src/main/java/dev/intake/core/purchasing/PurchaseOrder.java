package dev.intake.core.purchasing;

import dev.intake.core.attributes.Attributed;
import dev.intake.core.attributes.CustomValue;
import dev.intake.core.commit.Stored;
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
        PoParties parties,
        PoTerms terms,
        List<String> labels,
        Map<String, CustomValue> attributes) implements Stored, Attributed<PurchaseOrder> {

    public PurchaseOrder {
        Objects.requireNonNull(poNumber, "poNumber");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(parties, "parties");
        Objects.requireNonNull(terms, "terms");
        labels = List.copyOf(labels);
        attributes = Attributed.copyOf(attributes);
    }

    /** A new PO: a draft with nothing set. */
    public static PurchaseOrder draft(long poId, String poNumber) {
        return new PurchaseOrder(poId, poNumber, PoStatus.DRAFT, null, PoParties.NONE, PoTerms.NONE, List.of(), Map.of());
    }

    @Override
    public String identity() {
        return "po#" + poId;
    }

    @Override
    public String describe() {
        return "PO " + poNumber;
    }

    public boolean editable() {
        return status == PoStatus.DRAFT;
    }

    public String supplier() {
        return parties.supplier();
    }

    public String shipToLocation() {
        return parties.shipToLocation();
    }

    public String intentOption() {
        return terms.intentOption();
    }

    public PurchaseOrder withIdentity(long newPoId, String newPoNumber) {
        return new PurchaseOrder(newPoId, newPoNumber, status, description, parties, terms, labels, attributes);
    }

    public PurchaseOrder withDescription(String value) {
        return new PurchaseOrder(poId, poNumber, status, value, parties, terms, labels, attributes);
    }

    public PurchaseOrder withParties(PoParties value) {
        return new PurchaseOrder(poId, poNumber, status, description, value, terms, labels, attributes);
    }

    public PurchaseOrder withTerms(PoTerms value) {
        return new PurchaseOrder(poId, poNumber, status, description, parties, value, labels, attributes);
    }

    public PurchaseOrder withLabels(List<String> value) {
        return new PurchaseOrder(poId, poNumber, status, description, parties, terms, value, attributes);
    }

    @Override
    public PurchaseOrder withAttributes(Map<String, CustomValue> value) {
        return new PurchaseOrder(poId, poNumber, status, description, parties, terms, labels, value);
    }
}
