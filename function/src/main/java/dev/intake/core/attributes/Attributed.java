package dev.intake.core.attributes;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A record with custom attributes (inventory, a PO, a PO line), keyed by their exact catalog key. */
public interface Attributed<R> {

    Map<String, CustomValue> attributes();

    /** This record with {@code attributes} instead of its own. */
    R withAttributes(Map<String, CustomValue> attributes);

    /**
     * An unmodifiable copy, in the given order; the one shared empty map when there are none. An
     * import holds a record per PO, or per record in flight, and most have no custom attributes.
     */
    static Map<String, CustomValue> copyOf(Map<String, CustomValue> attributes) {
        return attributes.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }
}
