package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks the values of seeded records against the merged catalog: names in the catalog's spelling,
 * ISO dates, custom attributes of the right entity and type. Problems go to {@link Problems}.
 */
final class SeedValues {

    private final Catalog catalog;
    private final Problems problems;

    SeedValues(Catalog catalog, Problems problems) {
        this.catalog = catalog;
        this.problems = problems;
    }

    /** A catalog name in the catalog's spelling; null when the entry leaves it unset or it is unknown. */
    String name(String value, NameIndex names, String field, String at) {
        if (value == null || value.isBlank()) {
            return null;
        }
        var found = names.find(value);
        if (found.isEmpty()) {
            problems.add(at, "unknown " + field + " \"" + value + "\"");
        }
        return found.orElse(null);
    }

    /** Seed files are written by hand or by tools, so dates are ISO only: no guessing day from month. */
    LocalDate date(String value, String field, String at) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            problems.add(at, field + " must be a date as YYYY-MM-DD, got \"" + value + "\"");
            return null;
        }
    }

    Map<String, CustomValue> attributes(AttributeEntity entity, Map<String, JsonNode> values, String at) {
        var attributes = new LinkedHashMap<String, CustomValue>();
        values.forEach((key, value) -> {
            var where = at + ".attributes." + key;
            var definition = catalog.attribute(entity, key);
            if (definition.isEmpty()) {
                problems.add(where, "no " + entity.label() + " attribute has this key (keys match exactly)");
                return;
            }
            if (value == null || value.isNull()) {
                return;
            }
            CustomValue typed = switch (definition.get().type()) {
                case TEXT -> value.isTextual() ? new CustomValue.Text(value.textValue()) : null;
                case NUMBER -> value.isNumber() ? new CustomValue.Number(value.decimalValue()) : null;
                case BOOLEAN -> value.isBoolean() ? new CustomValue.Flag(value.booleanValue()) : null;
                case DATE -> value.isTextual() ? isoDate(value.textValue()) : null;
            };
            if (typed == null) {
                var type = definition.get().type().name().toLowerCase(Locale.ROOT);
                problems.add(where, "expected a " + type + (type.equals("date") ? " as YYYY-MM-DD" : "") + ", got " + value);
            } else {
                attributes.put(key, typed);
            }
        });
        return attributes;
    }

    private static CustomValue isoDate(String text) {
        try {
            return new CustomValue.Day(LocalDate.parse(text));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
