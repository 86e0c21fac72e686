package dev.intake.core.inventory;

import dev.intake.core.catalog.Part;
import java.util.List;

/**
 * Where an item sits in an installation tree: the item it is installed in (null when loose) and
 * its as-built BOM, the slots its own children fill.
 */
public record Assembly(Long installedIn, List<AbomSlot> abom) {

    public static final Assembly NONE = new Assembly(null, List.of());

    public Assembly {
        abom = List.copyOf(abom);
    }

    /** A new item's: installed in nothing, one empty slot per line of its part's BOM (SPEC §6). */
    public static Assembly newOf(Part part) {
        return new Assembly(null, part.bom().stream()
                .map(line -> new AbomSlot(line.partNumber(), line.revision(), line.quantity(), null)).toList());
    }
}
