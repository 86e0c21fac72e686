package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.*;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.RowCells;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.InventoryStore;
import dev.intake.core.report.CreatedRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass 3: number claims are made first (all or none); then headers, lines and their On Order
 * inventory are written in chunks. Every item has a deterministic key, so a replay rewrites them.
 */
final class PoCommitPass extends PoPass {
    private final Map<String, PoPlan> plans;
    private final Map<Long, InventoryRecord> onOrder;
    private final Map<String, PurchaseOrder> headers = new LinkedHashMap<>();
    private final Map<String, LineMatcher> matchers = new LinkedHashMap<>();
    private final List<PurchaseOrder> pendingHeaders = new ArrayList<>();
    private final List<PoLine> pendingLines = new ArrayList<>();
    private final Map<Long, InventoryRecord> pendingInventory = new LinkedHashMap<>();
    private final List<Long> pendingDeletes = new ArrayList<>();
    private final List<CreatedRecord> created = new ArrayList<>();
    private final IdRange newPoIds;
    private long nextInventoryId;
    private int updatedPos;

    private static final int WRITE_CHUNK = 100;

    private final PurchaseOrderStore orders;
    private final InventoryStore inventory;

    PoCommitPass(Catalog catalog, ImportJob job, PurchaseOrderStore orders, InventoryStore inventory,
                 Map<String, PoPlan> plans, Map<Long, InventoryRecord> onOrder, long firstInventoryId, IdRange newPoIds) {
        super(catalog, job);
        this.orders = orders;
        this.inventory = inventory;
        this.plans = plans;
        this.onOrder = onOrder;
        this.nextInventoryId = firstInventoryId;
        this.newPoIds = newPoIds;
    }

    @Override
    public void row(CsvRow csv) {
        var cells = new RowCells(csv, layout.header());
        var rowFirstId = nextInventoryId;
        nextInventoryId += units(csv);
        var po = layout.poNumber(csv);
        var plan = plans.get(po);
        if (!headers.containsKey(po)) {
            var header = PoRecords.header(plan, parser.header(cells), catalog.defaultTermsAndConditions());
            headers.put(po, header);
            matchers.put(po, new LineMatcher(plan.existing() == null ? List.of() : plan.existing().lines()));
            pendingHeaders.add(header);
            // On a resumed commit a PO created by the interrupted attempt already exists; its id,
            // from this import's block, still says it was created here.
            if (plan.creates() || newPoIds.contains(plan.poId())) {
                created.add(new CreatedRecord(csv.row(), po));
            } else {
                updatedPos++;
            }
        }
        if (layout.hasLine(csv)) {
            writeLine(plan, headers.get(po), parser.line(cells), rowFirstId);
        }
        if (pendingLines.size() + pendingHeaders.size() + pendingInventory.size() >= WRITE_CHUNK) {
            flush();
        }
    }

    private void writeLine(PoPlan plan, PurchaseOrder header, PoRowParser.LineValues values, long rowFirstId) {
        var line = PoRecords.line(plan.poId(), matchers.get(plan.poNumber()).match(values.part(), values.description().or(null)), values);
        var part = line.partNumber() == null ? null : catalog.parts().find(line.partNumber(), line.revision()).orElse(null);
        if (plan.editable() && part != null && part.createsInventory()) {
            var sync = OnOrderInventory.sync(header, line, part, onOrder, rowFirstId);
            line = PoRecords.withInventory(line, sync.inventoryIds());
            sync.puts().forEach(record -> pendingInventory.put(record.id(), record));
            pendingDeletes.addAll(sync.deletes());
        }
        pendingLines.add(line);
    }

    /**
     * Inventory first, lines last: a stored line is the record of which On Order ids it owns,
     * so it must never claim fewer records than exist (a resume would then orphan the rest).
     */
    void flush() {
        inventory.putAll(job.org(), List.copyOf(pendingInventory.values()), job.importId());
        inventory.deleteAll(job.org(), List.copyOf(pendingDeletes));
        orders.putAll(job.org(), List.copyOf(pendingHeaders), List.copyOf(pendingLines));
        pendingHeaders.clear();
        pendingLines.clear();
        pendingInventory.clear();
        pendingDeletes.clear();
        job.keepAlive();
    }

    int updatedPos() {
        return updatedPos;
    }

    List<CreatedRecord> created() {
        return List.copyOf(created);
    }

    /** Labels the file uses that the catalog did not have (ION creates them inline). */
    List<String> newLabels() {
        return parser.newLabels();
    }

    /** Ids reserved by this import from one sequence. */
    record IdRange(long first, int count) {
        boolean contains(long id) {
            return id >= first && id < first + count;
        }
    }
}
