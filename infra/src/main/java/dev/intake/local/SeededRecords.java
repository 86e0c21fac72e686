package dev.intake.local;

import dev.intake.aws.InventorySeeding;
import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

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
    private final InventorySeeding inventory;
    private final String serialsTable;

    SeededRecords(String org, InventorySeeding inventory, String serialsTable) {
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
     * Records that depend on each other round a circle (two swapping serials) go in together, in
     * one transaction. Ordered in time linear in the records: a chain of records each taking the
     * next one's serial made as many waves, each rescanning every record left (a relabel of 40,000
     * took over a minute of CPU before a write).
     */
    void write(Map<Long, Stamped<InventoryRecord>> read, List<InventoryRecord> records) throws CatalogException {
        var givers = serialGivers(read, records);
        var order = new WriteOrder(records, record -> dependsOn(record, read, givers));
        var problems = new ArrayList<String>();
        var unwritten = new HashSet<Long>();
        for (var wave = order.firstWave(); !wave.isEmpty(); wave = order.nextWave(wave)) {
            seed(read, writable(wave, order, unwritten, problems), givers, unwritten, problems);
        }
        for (var circle : order.circles()) {
            var ids = circle.stream().map(InventoryRecord::id).toList();
            if (circle.size() == 1) { // waits on a circle, not in one
                seed(read, writable(circle, order, unwritten, problems), givers, unwritten, problems);
            } else if (writable(circle, order, unwritten, problems).size() < circle.size()) {
                unwritten.addAll(ids);
            } else if (circle.size() > MOST_IN_A_CIRCLE) {
                unwritten.addAll(ids);
                problems.add("inventory " + ids + " pass their serials round a circle of " + circle.size() + " records, more than"
                        + " one write can hold (" + MOST_IN_A_CIRCLE + "): load the file in two, one of them giving a"
                        + " record a serial no other record has; none of them was written");
            } else if (!inventory.seedTogether(org, read, circle, givers, serialsTable)) {
                unwritten.addAll(ids);
                problems.add("inventory " + ids + " pass their serials round a circle, and one was changed by an import"
                        + " after this load read it, or took a serial another record holds: none of them was written; load"
                        + " the catalog again");
            }
        }
        if (!problems.isEmpty()) {
            throw new CatalogException(String.join("\n", problems));
        }
    }

    /** Writes {@code records} (one wave: each on its own), noting those not written and why. */
    private void seed(Map<Long, Stamped<InventoryRecord>> read, List<InventoryRecord> records, Map<SerialKey, Long> givers,
                      Set<Long> unwritten, List<String> problems) {
        var seeded = inventory.seed(org, read, records, givers, serialsTable);
        seeded.changedSince().forEach(id -> problems.add("inventory " + id
                + " was changed by an import after this load read it, and was not written: load the catalog again"));
        seeded.heldElsewhere().forEach(claim -> problems.add(claim.key() + " of inventory " + claim.id()
                + " is held by another record (an import took it since this load read the claims): inventory "
                + claim.id() + " was not written"));
        unwritten.addAll(seeded.changedSince());
        seeded.heldElsewhere().forEach(claim -> unwritten.add(claim.id()));
    }

    /** The deletes of a record a reload drops, with its serial's claim, while it is as read ({@link InventorySeeding#deletesAsRead}). */
    List<TransactWriteItem> deletesAsRead(Stamped<InventoryRecord> read) {
        return inventory.deletesAsRead(org, read, serialsTable);
    }

    /** The most records one transaction writes round a circle: each takes up to three of its 100 actions. */
    private static final int MOST_IN_A_CIRCLE = 30;

    /** Those of {@code records} whose dependencies were all written; the others are noted as not written. */
    private static List<InventoryRecord> writable(List<InventoryRecord> records, WriteOrder order, Set<Long> unwritten,
                                                  List<String> problems) {
        var writable = new ArrayList<InventoryRecord>();
        for (var record : records) {
            var blocker = order.dependencies(record.id()).stream().filter(unwritten::contains).findFirst();
            if (blocker.isPresent()) {
                unwritten.add(record.id());
                problems.add("inventory " + record.id() + " was not written, since inventory " + blocker.get()
                        + " could not be: load the catalog again");
            } else {
                writable.add(record);
            }
        }
        return writable;
    }

    /** The records of this load {@code record} is written after: its former parent, and the giver of its serial. */
    private static List<Long> dependsOn(InventoryRecord record, Map<Long, Stamped<InventoryRecord>> read,
                                        Map<SerialKey, Long> givers) {
        var after = new ArrayList<Long>(2);
        var parent = formerParent(read, record);
        if (parent != null) {
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
