package dev.intake.core.catalog;

import java.util.List;

/** Port: where a {@link PartIndex} read on demand finds an org's parts. */
public interface PartSource {

    /** Every revision of the part number (given lower case, as {@link NameIndex#key} spells it), in creation order; empty for none. */
    List<Part> revisions(String partNumberKey);

    /** Every part of the org, in creation order. */
    List<Part> all();
}
