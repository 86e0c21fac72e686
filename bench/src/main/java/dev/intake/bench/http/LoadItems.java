package dev.intake.bench.http;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items a load writes: about 300 bytes each (DynamoDB's item size: attribute names plus
 * values), shaped like an inventory record. Item {@code n} is the same in every run.
 */
final class LoadItems {

    /** An estimate of one item's size as DynamoDB counts it, printed with the results. */
    static final int APPROXIMATE_BYTES;

    private static final String NOTE = "x".repeat(150);

    static {
        APPROXIMATE_BYTES = size(item(1_234_567));
    }

    private LoadItems() {}

    /** Item {@code n}; built without String.format, whose cost would blur the HTTP clients' CPU time. */
    static Map<String, AttributeValue> item(long n) {
        return Map.of(
                "pk", s("bench#" + digits(n, 10)),
                "part", s("PN-" + digits(n % 1_000, 6)),
                "rev", s("B"),
                "location", s("WH1-AISLE-" + digits(n % 40, 2) + "-BIN-" + digits(n % 997, 3)),
                "serial", s("SN-" + digits(n, 12)),
                "qty", AttributeValue.fromN(Long.toString(1 + n % 100)),
                "status", s("AVAILABLE"),
                "version", AttributeValue.fromN("1"),
                "createdAt", s("2026-12-02T03:52:00.000Z"),
                "note", s(NOTE));
    }

    private static String digits(long value, int width) {
        String digits = Long.toString(value);
        return "0".repeat(Math.max(0, width - digits.length())) + digits;
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** Strings count their UTF-8 length; numbers about one byte per two digits, plus one. */
    private static int size(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToInt(e -> e.getKey().length()
                + (e.getValue().s() != null ? e.getValue().s().length() : e.getValue().n().length() / 2 + 1)).sum();
    }
}
