package dev.intake.core.attributes;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A typed custom attribute value, as configured in the catalog (text, number, boolean, date). */
public sealed interface CustomValue {

    /** The value as JSON-encodable Java: String, BigDecimal, Boolean or an ISO date string. */
    Object plain();

    record Text(String value) implements CustomValue {
        public Object plain() {
            return value;
        }
    }

    record Number(BigDecimal value) implements CustomValue {
        public Object plain() {
            return value;
        }
    }

    record Flag(boolean value) implements CustomValue {
        public Object plain() {
            return value;
        }
    }

    record Day(LocalDate value) implements CustomValue {
        public Object plain() {
            return value.toString();
        }
    }
}
