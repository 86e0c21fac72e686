package dev.intake.core.inventory;

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
}
