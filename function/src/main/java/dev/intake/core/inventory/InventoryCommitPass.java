package dev.intake.core.inventory;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.columns.FileTraits;
import dev.intake.core.columns.Column;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.Stored;
import dev.intake.core.commit.Write;
import dev.intake.core.commit.Writes;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.report.CreatedRuns;
import dev.intake.core.report.CreatedSummary;
import dev.intake.core.report.PreviewLog;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pass 3: applies the rows in file order to a working copy of the records they update and hands
 * the resulting writes on: a create (and its serial claim) per new record, a conditional replace
 * per changed record, a claim and a release per changed serial. Moving an item moves everything
 * installed in it, through the whole tree. Every write is a whole item with a deterministic key,
 * so a replay writes the same items. A dry run sends its writes nowhere and logs the changes.
 */
final class InventoryCommitPass extends InventoryPass {

    /** What the pass did: rows that updated a record, and the created records as runs. */
    record Result(int updated, CreatedSummary created) {}

    /** Records the rows so far changed, as they left them (the others are as {@link #stored}). */
    private final Map<Long, InventoryRecord> working = new HashMap<>();
    /**
     * The records as stored before this import: what a replace is conditional on. The pass owns
     * the map and drops each record once written and never needed again, so a file of updates
     * holds less as its commit goes on.
     */
    private final Map<Long, Stamped<InventoryRecord>> stored;
    private final Map<Long, List<Long>> children = new HashMap<>();
    /** What is installed in the records the file moves, read before the pass. */
    private final InstalledTrees.Trees installed;
    private final CreatedRuns created = new CreatedRuns();
    private final Writes writes;
    private final PreviewLog preview;
    private final List<Column<InventoryRecord, ?>> fields;
    private long nextId;
    private int updated;

    InventoryCommitPass(Catalog catalog, ImportJob job, Writes writes,
                        Map<Long, Stamped<InventoryRecord>> stored, InstalledTrees.Trees installed,
                        long firstId, PreviewLog preview) {
        super(catalog, job, FileTraits.UNKNOWN); // validated before: it reads what validation let through
        this.installed = installed;
        this.writes = writes;
        this.stored = stored;
        this.preview = preview;
        this.fields = InventoryColumns.all(catalog).stream().filter(Column::isField).toList();
        this.nextId = firstId;
    }

    @Override
    public void row(CsvRow csv) {
        var row = parser.parse(csv).row();
        if (row.update()) {
            var before = current(row.id());
            var after = keptWhereMoved(before, InventoryRecords.update(before, row, InventoryRules.partUnit(catalog, before)));
            stage(row.row(), before, after);
            updated++;
            if (movesInstalled(row, before, after)) {
                moveInstalled(row.row(), after.id(), after.location());
            }
            forgetIfDone(row.id());
        } else {
            // A new record is never read again by a later row, so it is not kept: the commit's
            // memory grows with the records the file updates, not with the records it creates.
            var record = InventoryRecords.create(row, nextId++);
            var claim = SerialKey.of(record);
            writes.write(new Write.Create(row.row(), record,
                    claim == null ? List.of() : List.<Stored>of(new SerialClaim(claim, record.id()))));
            created.add(row.row(), record.id());
        }
        job.keepAlive();
    }

    /**
     * A row whose location is the record's location before the file does not move it: the record
     * stays where a move of its assembly earlier in the file took it. An export lists every item
     * with its location, so an unchanged row of an installed item after its assembly's edited row
     * put the item back, and moving an assembly in an exported file moved it alone (found by
     * review on 5 December 2026). A location the row changes still applies.
     */
    private InventoryRecord keptWhereMoved(InventoryRecord before, InventoryRecord after) {
        var original = stored.get(after.id()).item().location();
        return Objects.equals(after.location(), original) && !Objects.equals(before.location(), original)
                ? after.withLocation(before.location())
                : after;
    }

    /** The record as the rows so far left it. */
    private InventoryRecord current(long id) {
        var changed = working.get(id);
        return changed != null ? changed : stored.get(id).item();
    }

    /**
     * Drops a record its row has written: validation lets one row name an id, so only a move of a
     * tree it is installed in can reach it again.
     */
    private void forgetIfDone(long id) {
        if (!installed.isInstalled(id)) {
            working.remove(id);
            stored.remove(id);
            children.remove(id);
        }
    }

    Result result() {
        return new Result(updated, created.summary());
    }

    /**
     * A changed location moves the installation tree. On a resumed commit the parent may already
     * hold its new location from the interrupted attempt while its children do not, so there
     * every row that names a location walks the tree.
     */
    private boolean movesInstalled(InventoryRow row, InventoryRecord before, InventoryRecord after) {
        return !Objects.equals(before.location(), after.location())
                || job.resuming() && row.values().get(InventoryColumns.LOCATION).present();
    }

    private void moveInstalled(int row, long parentId, String location) {
        // A walk with a stack of its own: recursing once a level overflowed the thread's stack on a
        // chain some thousands deep, mid-commit, on every retry.
        var toVisit = new ArrayDeque<Long>();
        pushChildren(toVisit, parentId);
        while (!toVisit.isEmpty()) {
            long childId = toVisit.pop();
            var child = current(childId);
            if (!Objects.equals(child.location(), location)) {
                stage(row, child, child.withLocation(location));
            }
            pushChildren(toVisit, childId);
        }
    }

    /** Pushes what is installed in {@code parentId} so that it is popped in order (the recursion's order). */
    private void pushChildren(Deque<Long> toVisit, long parentId) {
        var children = childrenOf(parentId);
        for (int i = children.size() - 1; i >= 0; i--) {
            toVisit.push(children.get(i));
        }
    }

    /** The children of a record, from the trees read up front: every record a row moves is in them, and all below it. */
    private List<Long> childrenOf(long parentId) {
        return children.computeIfAbsent(parentId, id -> {
            var found = installed.childrenOf(id);
            found.forEach(child -> stored.putIfAbsent(child.item().id(), child));
            return found.stream().map(child -> child.item().id()).toList();
        });
    }

    /**
     * Writes a changed record, conditional on its stored state; a changed serial moves its claim
     * (the old one released first, so a later row may give it to another record), in the same
     * transaction as the record. A row that changes nothing writes nothing.
     */
    private void stage(int row, InventoryRecord before, InventoryRecord after) {
        working.put(after.id(), after);
        if (after.equals(before)) {
            return;
        }
        logChanges(row, before, after);
        var oldSerial = SerialKey.of(before);
        var newSerial = SerialKey.of(after);
        var together = new ArrayList<Write>(3);
        if (oldSerial != null && !oldSerial.equals(newSerial)) {
            together.add(new Write.Delete(row, Stamped.unstored(new SerialClaim(oldSerial, after.id()))));
        }
        together.add(new Write.Replace(row, stored.get(after.id()), after));
        if (newSerial != null && !newSerial.equals(oldSerial)) {
            together.add(new Write.Insert(row, new SerialClaim(newSerial, after.id())));
        }
        writes.writeTogether(together);
    }

    private void logChanges(int row, InventoryRecord before, InventoryRecord after) {
        if (!preview.on()) {
            return;
        }
        for (var column : fields) {
            if (column.differs(before, after)) {
                preview.change(row, after.id(), column.name(), column.cellOrNull(before), column.cellOrNull(after));
            }
        }
    }
}
