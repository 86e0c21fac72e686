package dev.intake.core.inventory;

import java.math.BigDecimal;
import java.util.Objects;

/** How much of the part an item is, in its unit of measure, and how much of that is scrapped. */
public record Quantities(BigDecimal quantity, BigDecimal scrapped) {

    public static final Quantities NONE = new Quantities(BigDecimal.ZERO, BigDecimal.ZERO);

    public Quantities {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(scrapped, "scrapped");
    }

    public static Quantities of(BigDecimal quantity) {
        return new Quantities(quantity, BigDecimal.ZERO);
    }

    public Quantities withQuantity(BigDecimal value) {
        return new Quantities(value, scrapped);
    }

    public Quantities withScrapped(BigDecimal value) {
        return new Quantities(quantity, value);
    }
}
