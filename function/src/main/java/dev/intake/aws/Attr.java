package dev.intake.aws;

import java.math.BigDecimal;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading and writing single DynamoDB attribute values, with absent attributes as null. */
final class Attr {

    private Attr() {}

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(Number value) {
        var text = value instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : value.toString();
        return AttributeValue.fromN(text);
    }

    /** Puts a string attribute only when it has a value: DynamoDB key attributes may not be empty. */
    static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }

    static String str(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null ? null : value.s();
    }

    static BigDecimal decimal(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value == null || value.n() == null ? null : new BigDecimal(value.n());
    }

    static Long longValue(Map<String, AttributeValue> item, String name) {
        var value = decimal(item, name);
        return value == null ? null : value.longValueExact();
    }
}
