package dev.intake.core.purchasing;

import java.math.BigDecimal;
import java.util.Objects;

/** How much a PO line orders, at what unit cost, whether it is paid, and whether percentage fees apply to it. */
public record LineAmounts(BigDecimal quantity, BigDecimal cost, boolean paid, boolean percentageFeeExempt) {

    public static final LineAmounts NONE = new LineAmounts(BigDecimal.ZERO, BigDecimal.ZERO, false, false);

    public LineAmounts {
        Objects.requireNonNull(quantity, "quantity");
        Objects.requireNonNull(cost, "cost");
    }

    public LineAmounts withQuantity(BigDecimal value) {
        return new LineAmounts(value, cost, paid, percentageFeeExempt);
    }

    public LineAmounts withCost(BigDecimal value) {
        return new LineAmounts(quantity, value, paid, percentageFeeExempt);
    }

    public LineAmounts withPaid(boolean value) {
        return new LineAmounts(quantity, cost, value, percentageFeeExempt);
    }

    public LineAmounts withPercentageFeeExempt(boolean value) {
        return new LineAmounts(quantity, cost, paid, value);
    }
}
