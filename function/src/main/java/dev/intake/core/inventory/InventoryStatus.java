package dev.intake.core.inventory;

/**
 * Derived status of an inventory record; never imported. Precedence, first match wins:
 * ON_ORDER (linked to a purchase order line, not yet received), INSTALLED (installed in another
 * item), SCRAPPED (all of a positive quantity scrapped), UNAVAILABLE (quantity 0), AVAILABLE.
 */
public enum InventoryStatus {
    AVAILABLE,
    UNAVAILABLE,
    SCRAPPED,
    ON_ORDER,
    INSTALLED
}
