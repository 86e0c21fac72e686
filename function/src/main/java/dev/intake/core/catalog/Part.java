package dev.intake.core.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A part revision of the catalog. {@code purchaseType} is one of {@code receivable_inventory}
 * (the default), {@code receivable_non_inventory}, {@code non_receivable_non_inventory}.
 */
public record Part(String partNumber, String revision, TrackingType trackingType, String unitOfMeasure,
                   String purchaseType, List<BomLine> bom) {

    public static final String CREATES_INVENTORY = "receivable_inventory";

    public Part {
        Objects.requireNonNull(partNumber, "partNumber");
        Objects.requireNonNull(revision, "revision");
        Objects.requireNonNull(trackingType, "trackingType");
        purchaseType = purchaseType == null ? CREATES_INVENTORY : purchaseType;
        bom = bom == null ? List.of() : List.copyOf(bom);
    }

    public PartRef ref() {
        return new PartRef(partNumber, revision);
    }

    public boolean createsInventory() {
        return CREATES_INVENTORY.equals(purchaseType);
    }
}
