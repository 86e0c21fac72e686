package dev.intake.aws;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against its 400 KB limit and a transaction's 4 MB
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html):
 * to name the item of a refused request that is too large, and to keep a transaction under its
 * limit with room to spare ({@code CommitStore.TRANSACTION_BYTES}), so near enough is enough.
 * Public for the end-to-end benchmark, which prices transactions with it (DynamoDB Local
 * misreports their capacity).
 */
public final class ItemSize {

    /** DynamoDB's limit on one item: names and values. */
    public static final int MAX_BYTES = 400 * 1024;

    private ItemSize() {}

    public static long of(Map<String, AttributeValue> item) {
        long bytes = 0;
        for (var attribute : item.entrySet()) {
            bytes += utf8(attribute.getKey()) + of(attribute.getValue());
        }
        return bytes;
    }

    private static long of(AttributeValue value) {
        return switch (value.type()) {
            case S -> utf8(value.s());
            case N -> number(value.n());
            case B -> binary(value.b());
            case BOOL, NUL -> 1;
            case SS -> value.ss().stream().mapToLong(ItemSize::utf8).sum();
            case NS -> value.ns().stream().mapToLong(ItemSize::number).sum();
            case BS -> value.bs().stream().mapToLong(ItemSize::binary).sum();
            case L -> 3 + value.l().stream().mapToLong(element -> 1 + of(element)).sum();
            case M -> 3 + value.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + of(e.getValue())).sum();
            case UNKNOWN_TO_SDK_VERSION -> 0;
        };
    }

    /** About one byte per two significant digits, plus one. */
    private static long number(String text) {
        return (new BigDecimal(text).stripTrailingZeros().unscaledValue().abs().toString().length() + 1) / 2 + 1;
    }

    private static long binary(SdkBytes bytes) {
        return bytes.asByteArrayUnsafe().length;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
