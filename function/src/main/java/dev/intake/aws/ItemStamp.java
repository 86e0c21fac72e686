package dev.intake.aws;

import dev.intake.core.commit.StorageStamp;

/**
 * The storage stamp of a versioned item (inventory, PO header, page of PO lines): the version it
 * was read at and the import that wrote it last ({@code writtenBy}, null for seeded items). Writes
 * of the item are conditional on them (docs/lifecycle.md).
 */
record ItemStamp(long version, String writtenBy) implements StorageStamp {

    /** The version a stamp says (0 for an item never stored). */
    static long versionOf(StorageStamp stamp) {
        return stamp instanceof ItemStamp item ? item.version() : 0;
    }
}
