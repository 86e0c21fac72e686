package dev.intake.core.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;

/**
 * A minimal JSON encoder for the values Intake writes: maps, collections, strings, numbers,
 * booleans, dates and null. It exists so the function jar needs no JSON library (cold start).
 */
public final class JsonText {

    private JsonText() {}

    /** Encodes a value; map entries keep their iteration order, so use ordered maps for stable output. */
    public static String encode(Object value) {
        var out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Boolean b -> out.append(b);
            case BigDecimal d -> out.append(d.stripTrailingZeros().toPlainString());
            case Number n -> out.append(n);
            case Instant i -> string(out, Timestamps.text(i));
            case LocalDate d -> string(out, d.toString());
            case Enum<?> e -> string(out, e.name());
            case Map<?, ?> map -> object(out, map);
            case Collection<?> items -> array(out, items);
            default -> throw new IllegalArgumentException("not JSON-encodable: " + value.getClass());
        }
    }

    private static void object(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        var first = true;
        for (var entry : map.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, String.valueOf(entry.getKey()));
            out.append(':');
            write(out, entry.getValue());
        }
        out.append('}');
    }

    private static void array(StringBuilder out, Collection<?> items) {
        out.append('[');
        var first = true;
        for (var item : items) {
            if (!first) {
                out.append(',');
            }
            first = false;
            write(out, item);
        }
        out.append(']');
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
