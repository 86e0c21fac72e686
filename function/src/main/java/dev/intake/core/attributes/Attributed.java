package dev.intake.core.attributes;

import java.util.Map;

/** A record with custom attributes (inventory, a PO, a PO line), keyed by their exact catalog key. */
public interface Attributed<R> {

    Map<String, CustomValue> attributes();

    /** This record with {@code attributes} instead of its own. */
    R withAttributes(Map<String, CustomValue> attributes);

    /**
     * An unmodifiable copy, in the given order, compact ({@link AttributeMap}); the one shared
     * empty map when there are none. An import holds a record per PO, per record in flight, and
     * per record a file of updates names; most have no custom attributes.
     */
    static Map<String, CustomValue> copyOf(Map<String, CustomValue> attributes) {
        if (attributes instanceof AttributeMap unmodifiable) {
            return unmodifiable;
        }
        return attributes.isEmpty() ? Map.of() : new AttributeMap(attributes);
    }
}
