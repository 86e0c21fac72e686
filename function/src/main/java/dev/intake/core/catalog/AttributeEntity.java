package dev.intake.core.catalog;

/** The kind of record a custom attribute belongs to, as spelled in catalog files. */
public enum AttributeEntity {
    INVENTORY("inventory"),
    PURCHASE_ORDER("purchase_order"),
    PURCHASE_ORDER_LINE("purchase_order_line");

    private final String label;

    AttributeEntity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static AttributeEntity fromLabel(String label) {
        for (var entity : values()) {
            if (entity.label.equals(label)) {
                return entity;
            }
        }
        throw new IllegalArgumentException("unknown attribute entity: " + label);
    }
}
