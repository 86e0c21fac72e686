package dev.intake.core.inventory;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.report.CreatedRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Pass 3: applies the rows in file order to a working copy and writes in chunks. Every write
 * is a full item with a deterministic key, so replaying the pass after a crash rewrites the
 * same items. Moving an item moves everything installed in it, through the whole tree.
 */
final class InventoryCommitPass extends InventoryPass {
    private final Map<Long, InventoryRecord> working;
    private final Map<Long, InventoryRecord> pending = new LinkedHashMap<>();
    private final List<CreatedRecord> created = new ArrayList<>();
    private final Map<Long, List<Long>> children = new HashMap<>();
    /** Records as they were before this import: what the journal keeps for an undo. */
    private final Map<Long, InventoryRecord> originals;
    /**
     * Ids whose before-image is journaled: records that existed before this import, and, on a
     * resumed commit, everything the interrupted attempt journaled. Records this attempt creates
     * are journaled once, as made, and not kept here.
     */
    private final Set<Long> journaled = new HashSet<>();
    /** Records created in the pending chunk: written once and never read again, so kept nowhere else. */
    private final Set<Long> createdInChunk = new HashSet<>();
    private final Map<Long, Integer> rowOfId = new HashMap<>();
    private long nextId;
    private int updated;

    /** Records written per store call: a few DynamoDB transactions, and a natural point to renew the lease. */
    private static final int WRITE_CHUNK = 100;

    private final InventoryStore inventory;

    InventoryCommitPass(Catalog catalog, ImportJob job, InventoryStore inventory, Map<Long, InventoryRecord> existing,
                        long firstId) {
        super(catalog, job);
        this.inventory = inventory;
        this.working = new HashMap<>(existing);
        this.originals = new HashMap<>(existing);
        this.nextId = firstId;
        // Only an interrupted attempt can have journaled anything: their before-images are in the journal.
        if (job.resuming()) {
            job.journal().forEach(entry -> journaled.add(entry.id()));
        }
    }

    List<Integer> rowsOf(List<Long> ids) {
        return ids.stream().map(rowOfId::get).filter(Objects::nonNull).sorted().toList();
    }

    @Override
    public void row(CsvRow csv) {
        var row = parser.parse(csv).row();
        if (row.update()) {
            rowOfId.putIfAbsent(row.id(), row.row());
            var before = working.get(row.id());
            var after = InventoryRecords.update(before, row, InventoryRules.partUnit(catalog, before));
            stage(after);
            updated++;
            if (movesInstalled(row, before, after)) {
                moveInstalled(after.id(), after.location());
            }
        } else {
            // A new record is never read again by a later row, so it is not kept in the working copy:
            // the commit's memory grows with the records it updates, not with the file.
            var record = InventoryRecords.create(row, nextId++);
            pending.put(record.id(), record);
            createdInChunk.add(record.id());
            created.add(new CreatedRecord(row.row(), record.id()));
        }
        if (pending.size() >= WRITE_CHUNK) {
            flush();
        }
    }

    /**
     * A changed location moves the installation tree. On a resumed commit the parent may already
     * hold its new location from the interrupted attempt while its children do not, so there
     * every row that names a location walks the tree.
     */
    private boolean movesInstalled(InventoryRow row, InventoryRecord before, InventoryRecord after) {
        return !Objects.equals(before.location(), after.location()) || job.resuming() && row.location().present();
    }

    private void moveInstalled(long parentId, String location) {
        for (long childId : childrenOf(parentId)) {
            var child = working.get(childId);
            if (!Objects.equals(child.location(), location)) {
                stage(child.withLocation(location));
            }
            moveInstalled(childId, location);
        }
    }

    private List<Long> childrenOf(long parentId) {
        return children.computeIfAbsent(parentId, id -> {
            var found = inventory.installedIn(job.org(), id);
            found.forEach(child -> {
                working.putIfAbsent(child.id(), child);
                originals.putIfAbsent(child.id(), child);
            });
            return found.stream().map(InventoryRecord::id).toList();
        });
    }

    private void stage(InventoryRecord record) {
        working.put(record.id(), record);
        pending.put(record.id(), record);
    }

    /**
     * Journals what the chunk's records were before this import (first writes only; a created
     * record as "did not exist"), then writes the chunk.
     */
    void flush() {
        if (!pending.isEmpty()) {
            var firstWrites = pending.keySet().stream().filter(id -> !journaled.contains(id))
                    .map(id -> new JournalEntry(id, createdInChunk.contains(id) ? null : originals.get(id))).toList();
            if (!firstWrites.isEmpty()) {
                job.journal(firstWrites);
                firstWrites.stream().filter(entry -> entry.before() != null).forEach(entry -> journaled.add(entry.id()));
            }
            inventory.putAll(job.org(), List.copyOf(pending.values()), job.importId());
            pending.clear();
            createdInChunk.clear();
        }
        job.keepAlive();
    }

    int updated() {
        return updated;
    }

    List<CreatedRecord> created() {
        return List.copyOf(created);
    }
}
