package dev.intake.core.attributes;

import java.util.Map;

/** A record with custom attributes (inventory, a PO, a PO line), keyed by their exact catalog key. */
public interface Attributed<R> {

    Map<String, CustomValue> attributes();

    /** This record with {@code attributes} instead of its own. */
    R withAttributes(Map<String, CustomValue> attributes);
}
