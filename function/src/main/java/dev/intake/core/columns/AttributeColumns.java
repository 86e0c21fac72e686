package dev.intake.core.columns;

import dev.intake.core.attributes.Attributed;
import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.AttributeDef;
import java.util.LinkedHashMap;

/**
 * Custom attribute columns: a column per attribute the catalog configures, named by its exact key,
 * typed by its type. A record without the attribute reads as the type's empty default, so a blank
 * cell changes nothing on it (the attribute stays absent), while on a record that has a value a
 * blank cell applies the empty default. A blank date unsets the attribute.
 */
public final class AttributeColumns {

    private AttributeColumns() {}

    public static <R extends Attributed<R>> Column<R, CustomValue> of(AttributeDef attribute, Column.Level level) {
        var key = attribute.key();
        var type = CellTypes.attribute(attribute.type());
        var empty = type.blank();
        return Column.<R, CustomValue>of(key, level, type).field(
                record -> record.attributes().getOrDefault(key, empty),
                (record, value) -> {
                    var attributes = new LinkedHashMap<String, CustomValue>(record.attributes());
                    if (value == null) {
                        attributes.remove(key);
                    } else {
                        attributes.put(key, value);
                    }
                    return record.withAttributes(attributes);
                });
    }
}
