package dev.intake.core.purchasing;

import dev.intake.core.catalog.PartRef;

/** What a PO line orders: a part revision (null for a line without a part) and a description. */
public record LineItem(PartRef part, String description) {

    public static final LineItem NONE = new LineItem(null, null);

    public LineItem withDescription(String value) {
        return new LineItem(part, value);
    }
}
