package dev.intake.local;

import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.DynamoSerialRegistry;
import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
    private final DynamoSerialRegistry serials;
    private final String serialsTable;

    SeededRecords(String org, DynamoInventoryStore inventory, DynamoSerialRegistry serials, String serialsTable) {
        this.org = org;
        this.inventory = inventory;
        this.serials = serials;
        this.serialsTable = serialsTable;
    }

    /**
     * Writes {@code records} over {@code read} (by id; none for a new record); each serial a
     * written record no longer holds is let go with its write, and each it holds is claimed once
     * all are in (so that a serial one record of the file gives another is free by then).
     */
    void write(Map<Long, Stamped<InventoryRecord>> read, List<InventoryRecord> records) throws CatalogException {
        // A child moved out of a parent this load writes too goes in after that parent, and not
        // where the parent's write failed: the child still names its old parent then, through
        // which loading again finds the slot to empty. Written first, the child named nothing,
        // and a reload, which reads only what the file touches, never found that slot again.
        var writing = records.stream().map(InventoryRecord::id).collect(Collectors.toSet());
        var movedOut = records.stream().collect(Collectors.partitioningBy(record -> writing.contains(formerParent(read, record))));
        var changedSince = new LinkedHashSet<>(inventory.seed(org, read, movedOut.get(false), serialsTable));
        var parentUnwritten = new HashSet<Long>();
        var children = new ArrayList<InventoryRecord>();
        for (var child : movedOut.get(true)) {
            if (changedSince.contains(formerParent(read, child))) {
                parentUnwritten.add(child.id());
            } else {
                children.add(child);
            }
        }
        changedSince.addAll(inventory.seed(org, read, children, serialsTable));
        changedSince.addAll(parentUnwritten);
        var written = records.stream().filter(record -> !changedSince.contains(record.id())).toList();
        var heldElsewhere = serials.seed(org, written.stream().filter(record -> record.serialNumber() != null)
                .map(record -> new SerialClaim(SerialKey.of(record), record.id())).toList());
        var problems = new ArrayList<String>();
        changedSince.forEach(id -> problems.add(parentUnwritten.contains(id)
                ? "inventory " + id + " was not written, since its former parent could not be: load the catalog again"
                : "inventory " + id + " was changed by an import after this load read it, and was not written: load the catalog again"));
        heldElsewhere.forEach(claim -> problems.add(claim.key() + " of inventory " + claim.id()
                + " is held by another record: the record was written without its claim"));
        if (!problems.isEmpty()) {
            throw new CatalogException(String.join("\n", problems));
        }
    }

    /** The parent a record leaves, as read; null where it stays or is new. */
    private static Long formerParent(Map<Long, Stamped<InventoryRecord>> read, InventoryRecord record) {
        var before = read.get(record.id());
        var parent = before == null ? null : before.item().installedIn();
        return parent == null || parent.equals(record.installedIn()) ? null : parent;
    }
}
