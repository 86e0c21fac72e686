package dev.intake.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.AttributeType;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.values.CellValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the values of seeded records against the merged catalog: names in the catalog's spelling,
 * ISO dates, custom attributes of the right entity and type. Problems go to {@link Problems}.
 * Values are held to what the importers read, too (numbers, years, trimmed text): an export writes
 * what was seeded, and must import back unchanged (SPEC §10; found by review on 4 December 2026).
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
        if (CatalogText.blank(value)) {
            return null;
        }
        var found = names.find(CatalogText.trimmed(value));
        if (found.isEmpty()) {
            problems.add(at, "unknown " + field + " \"" + value + "\"");
        }
        return found.orElse(null);
    }

    /** Seed files are written by hand or by tools, so dates are ISO only: no guessing day from month. */
    LocalDate date(String value, String field, String at) {
        if (CatalogText.blank(value)) {
            return null;
        }
        var date = isoDate(CatalogText.trimmed(value));
        if (date == null) {
            problems.add(at, field + " must be a date as YYYY-MM-DD of the years 1 to 9999, got \"" + value + "\"");
        }
        return date;
    }

    /** Whether {@code number} is one the importers read back as written out; else a problem. */
    boolean readable(BigDecimal number, String field, String at) {
        var unreadable = unreadable(number, field);
        unreadable.ifPresent(problem -> problems.add(at, problem));
        return unreadable.isEmpty();
    }

    /**
     * What is wrong with {@code number} where the importers could not read it back as it is
     * stored and written out: without trailing zeros, which DynamoDB does not keep (2.5000…0 of
     * more than 40 characters was refused as too long: found by review on 5 December 2026).
     */
    static Optional<String> unreadable(BigDecimal number, String field) {
        if (number == null) {
            return Optional.empty();
        }
        var stripped = number.stripTrailingZeros();
        var unreadable = field + " " + number + " is no number the importers read: written out it ";
        if (Math.abs((long) stripped.scale()) > 2L * CellValues.MAX_NUMBER_LENGTH) { // 1E+999999999 is a gigabyte written out
            return Optional.of(unreadable + "is longer than " + CellValues.MAX_NUMBER_LENGTH + " characters");
        }
        var written = CellValues.plain(stripped);
        if (CellValues.decimal(written).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(unreadable + CellValues.numberLimitBroken(written).orElse("is not a plain decimal"));
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
            var type = definition.get().type();
            if (type == AttributeType.NUMBER && value.isNumber() && !readable(value.decimalValue(), "the number", where)) {
                return;
            }
            CustomValue typed = switch (type) {
                // trimmed as the importers trim a cell
                case TEXT -> value.isTextual() ? new CustomValue.Text(CatalogText.trimmed(value.textValue())) : null;
                case NUMBER -> value.isNumber() ? new CustomValue.Number(value.decimalValue()) : null;
                case BOOLEAN -> value.isBoolean() ? new CustomValue.Flag(value.booleanValue()) : null;
                case DATE -> value.isTextual() ? day(value.textValue()) : null;
            };
            if (typed == null) {
                var name = type.name().toLowerCase(Locale.ROOT);
                problems.add(where, "expected a " + name + (type == AttributeType.DATE ? " as YYYY-MM-DD of the years 1 to 9999" : "")
                        + ", got " + value);
                return;
            }
            // under the definition's key: in another Unicode form the record kept a value no column showed,
            // and an import setting the attribute left it holding both (found by review "attrs" on 6 December 2026)
            if (attributes.put(definition.get().key(), typed) != null) {
                problems.add(where, "is given twice, in two Unicode forms of its key");
            } // a text no cell could carry back is refused with every text (CatalogText)
        });
        return attributes;
    }

    private static CustomValue day(String text) {
        var date = isoDate(text);
        return date == null ? null : new CustomValue.Day(date);
    }

    /** An ISO date of the years the importers read (1 to 9999), or null. */
    private static LocalDate isoDate(String text) {
        try {
            var date = LocalDate.parse(text);
            return date.getYear() >= 1 && date.getYear() <= 9999 ? date : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
