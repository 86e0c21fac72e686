package dev.intake.core.columns;

import dev.intake.core.attributes.CustomValue;
import java.util.LinkedHashMap;
import java.util.Map;

/** Applies a row's custom attribute cells to a record's attributes: a null value (blank date) unsets. */
public final class AttributeChanges {

    private AttributeChanges() {}

    public static Map<String, CustomValue> apply(Map<String, CustomValue> current, Map<String, Cell<CustomValue>> cells) {
        var merged = new LinkedHashMap<>(current);
        cells.forEach((key, cell) -> {
            if (cell.value() == null) {
                merged.remove(key);
            } else {
                merged.put(key, cell.value());
            }
        });
        return merged;
    }
}
