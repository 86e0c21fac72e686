package dev.intake.core.purchasing;

import java.math.BigDecimal;

/** A PO fee: a fixed amount in the PO's currency, or a percentage of the (non-exempt) line total. */
public record Fee(String name, BigDecimal value, Type type) {

    public enum Type {
        CURRENCY,
        PERCENTAGE
    }
}
