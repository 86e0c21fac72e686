package dev.intake.local;

import dev.intake.aws.DynamoInventoryStore;
import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a catalog load's inventory records (seeded items, On Order items of seeded POs) over
 * what the load read of them, and moves their serial claims with them. Imports see a load as
 * they see another import: each changed record goes in at its next version, so an import that
 * read it before is refused, and a record an import changed after the load read it is not
 * written over (the load says which, and loading it again finishes the job). A reload once put
 * records back at version 0 and left the claims of the serials it took off them: imports then
 * wrote over it from stale copies, and the serials could never be used again (found by review
 * on 4 December 2026).
 */
final class SeededRecords {

    private final String org;
    private final DynamoInventoryStore inventory;
    private final String serialsTable;

    SeededRecords(String org, DynamoInventoryStore inventory, String serialsTable) {
        this.org = org;
        this.inventory = inventory;
        this.serialsTable = serialsTable;
    }

    /**
     * Writes {@code records} over {@code read} (by id; none for a new record), each with its
     * serial's claim, in waves: a record after the records it depends on, which are its former
     * parent where this load writes that parent too, and the record of the load that gives its
     * serial up. Where one of those could not be written, neither is the record: a child still
     * names its old parent then, through which loading again finds the slot to empty (written
     * first, the child named nothing, and a reload, which reads only what the file touches, never
     * found that slot again); a record taking a serial another still holds would hold it twice.
     * Records that depend on each other round a circle (two swapping serials) go in together.
     */
    void write(Map<Long, Stamped<InventoryRecord>> read, List<InventoryRecord> records) throws CatalogException {
        var givers = serialGivers(read, records);
        var writing = records.stream().map(InventoryRecord::id).collect(Collectors.toSet());
        var problems = new ArrayList<String>();
        var unwritten = new HashSet<Long>();
        var pending = new LinkedHashMap<Long, InventoryRecord>();
        records.forEach(record -> pending.put(record.id(), record));
        while (!pending.isEmpty()) {
            var ready = pending.values().stream().filter(record -> dependsOn(record, read, givers, writing).stream()
                    .noneMatch(pending::containsKey)).toList();
            var wave = ready.isEmpty() ? List.copyOf(pending.values()) : ready; // a circle: together
            wave.forEach(record -> pending.remove(record.id()));
            var toWrite = new ArrayList<InventoryRecord>();
            for (var record : wave) {
                var blocker = dependsOn(record, read, givers, writing).stream().filter(unwritten::contains).findFirst();
                if (blocker.isPresent()) {
                    unwritten.add(record.id());
                    problems.add("inventory " + record.id() + " was not written, since inventory " + blocker.get()
                            + " could not be: load the catalog again");
                } else {
                    toWrite.add(record);
                }
            }
            var seeded = inventory.seed(org, read, toWrite, givers, serialsTable);
            seeded.changedSince().forEach(id -> problems.add("inventory " + id
                    + " was changed by an import after this load read it, and was not written: load the catalog again"));
            seeded.heldElsewhere().forEach(claim -> problems.add(claim.key() + " of inventory " + claim.id()
                    + " is held by another record (an import took it since this load read the claims): inventory "
                    + claim.id() + " was not written"));
            unwritten.addAll(seeded.changedSince());
            seeded.heldElsewhere().forEach(claim -> unwritten.add(claim.id()));
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(String.join("\n", problems));
        }
    }

    /** The records of this load {@code record} is written after: its former parent, and the giver of its serial. */
    private static List<Long> dependsOn(InventoryRecord record, Map<Long, Stamped<InventoryRecord>> read,
                                        Map<SerialKey, Long> givers, Set<Long> writing) {
        var after = new ArrayList<Long>(2);
        var parent = formerParent(read, record);
        if (parent != null && writing.contains(parent)) {
            after.add(parent);
        }
        var giver = SerialKey.of(record) == null ? null : givers.get(SerialKey.of(record));
        if (giver != null && giver != record.id()) {
            after.add(giver);
        }
        return after;
    }

    /** The serials records of this load give up, each with the record that held it as read. */
    private static Map<SerialKey, Long> serialGivers(Map<Long, Stamped<InventoryRecord>> read, List<InventoryRecord> records) {
        var givers = new HashMap<SerialKey, Long>();
        for (var record : records) {
            var before = read.get(record.id());
            var old = before == null ? null : SerialKey.of(before.item());
            if (old != null && !old.equals(SerialKey.of(record))) {
                givers.put(old, record.id());
            }
        }
        return givers;
    }

    /** The parent a record leaves, as read; null where it stays or is new. */
    private static Long formerParent(Map<Long, Stamped<InventoryRecord>> read, InventoryRecord record) {
        var before = read.get(record.id());
        var parent = before == null ? null : before.item().installedIn();
        return parent == null || parent.equals(record.installedIn()) ? null : parent;
    }
}
