package dev.intake.local;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A DynamoDB item as plain JSON values (strings, numbers, booleans, lists, maps), for {@code dump}. */
final class ItemJson {

    private ItemJson() {}

    /** The leading attributes in the given order, then the rest alphabetically, so lines line up. */
    static Map<String, Object> of(Map<String, AttributeValue> item, List<String> leading) {
        var json = new LinkedHashMap<String, Object>();
        for (var name : leading) {
            if (item.containsKey(name)) {
                json.put(name, value(item.get(name)));
            }
        }
        new TreeMap<>(item).forEach((name, value) -> json.putIfAbsent(name, value(value)));
        return json;
    }

    static Object value(AttributeValue value) {
        return switch (value.type()) {
            case S -> value.s();
            case N -> new BigDecimal(value.n());
            case BOOL -> value.bool();
            case NUL -> null;
            case L -> {
                var list = new ArrayList<>();
                value.l().forEach(v -> list.add(value(v)));
                yield list;
            }
            case M -> {
                var map = new LinkedHashMap<String, Object>();
                new TreeMap<>(value.m()).forEach((k, v) -> map.put(k, value(v)));
                yield map;
            }
            case SS -> List.copyOf(value.ss());
            case NS -> value.ns().stream().map(BigDecimal::new).toList();
            default -> String.valueOf(value);
        };
    }
}
