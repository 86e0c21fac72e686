package dev.intake.local;

import dev.intake.aws.ItemSize;
import dev.intake.core.values.CellValues;
import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What DynamoDB would refuse to store, found while a catalog is checked: a number it cannot hold
 * (more than 38 significant digits, or a magnitude outside 1E-130 to 1E+126) or an item over
 * 400 KB. Refused partway through the writes instead, a load left the org half loaded with
 * DynamoDB's own message naming no entry.
 */
final class StorableItems {

    private static final BigDecimal SMALLEST = new BigDecimal("1E-130");
    private static final BigDecimal TOO_LARGE = new BigDecimal("1E+126");

    private StorableItems() {}

    /** Adds a problem at {@code where} for each number and for the size of {@code item} that DynamoDB refuses. */
    static void check(String where, Map<String, AttributeValue> item, Problems problems) {
        item.forEach((name, value) -> checkNumbers(where, name, value, problems));
        long bytes = ItemSize.of(item);
        if (bytes > ItemSize.MAX_BYTES) {
            problems.add(where, "takes about " + bytes + " bytes as a DynamoDB item, which holds at most " + ItemSize.MAX_BYTES
                    + " (400 KB); shorten its longest values");
        }
    }

    private static void checkNumbers(String where, String name, AttributeValue value, Problems problems) {
        switch (value.type()) {
            case N -> {
                var number = new BigDecimal(value.n());
                if (!storable(number)) {
                    problems.add(where, name + " " + value.n() + " is a number DynamoDB cannot store: at most "
                            + CellValues.MAX_SIGNIFICANT_DIGITS
                            + " significant digits, and between 1E-130 and 1E+126 in size");
                }
            }
            case M -> value.m().forEach((key, inner) -> checkNumbers(where, name + "." + key, inner, problems));
            case L -> value.l().forEach(inner -> checkNumbers(where, name, inner, problems));
            default -> { }
        }
    }

    private static boolean storable(BigDecimal number) {
        if (number.signum() == 0) {
            return true;
        }
        var abs = number.abs();
        return number.stripTrailingZeros().precision() <= CellValues.MAX_SIGNIFICANT_DIGITS
                && abs.compareTo(SMALLEST) >= 0 && abs.compareTo(TOO_LARGE) < 0;
    }
}
