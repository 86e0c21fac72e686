package dev.intake.core.purchasing;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.commit.CommitPipeline;
import dev.intake.core.commit.Write;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.columns.RowCells;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.report.CreatedRuns;
import dev.intake.core.report.CreatedSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass 3: turns the rows into writes for the commit pipeline, after the PO number claims
 * ({@link PurchaseOrderImporter}). A new PO's header, lines and On Order inventory are creates
 * under ids reserved for this import; an existing PO's header is always rewritten, conditional on
 * the version read (so two files changing one PO at once cannot both commit), its changed lines
 * and On Order records are replaced conditionally, and a line added to it is inserted only if no
 * other import added a line with its number meanwhile.
 */
final class PoCommitPass extends PoPass {
    private final Map<String, PoPlan> plans;
    private final Map<Long, InventoryRecord> onOrder;
    private final Map<String, PurchaseOrder> headers = new LinkedHashMap<>();
    private final Map<String, LineMatcher> matchers = new LinkedHashMap<>();
    private final CreatedRuns created = new CreatedRuns();
    private final CommitPipeline pipeline;
    private long nextInventoryId;
    private int updatedPos;

    PoCommitPass(Catalog catalog, ImportJob job, CommitPipeline pipeline, Map<String, PoPlan> plans,
                 Map<Long, InventoryRecord> onOrder, long firstInventoryId) {
        super(catalog, job);
        this.pipeline = pipeline;
        this.plans = plans;
        this.onOrder = onOrder;
        this.nextInventoryId = firstInventoryId;
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
            if (plan.creates()) {
                pipeline.write(new Write.Create(csv.row(), header));
                created.add(csv.row(), po);
            } else {
                pipeline.write(new Write.Replace(csv.row(), plan.existing().header(), header));
                updatedPos++;
            }
        }
        if (layout.hasLine(csv)) {
            writeLine(csv.row(), plan, headers.get(po), parser.line(cells), rowFirstId);
        }
        job.keepAlive();
    }

    private void writeLine(int row, PoPlan plan, PurchaseOrder header, PoRowParser.LineValues values, long rowFirstId) {
        var match = matchers.get(plan.poNumber()).match(values.part(), values.description().or(null));
        var line = PoRecords.line(plan.poId(), match, values);
        var part = line.partNumber() == null ? null : catalog.parts().find(line.partNumber(), line.revision()).orElse(null);
        if (plan.editable() && part != null && part.createsInventory()) {
            var sync = OnOrderInventory.sync(header, line, part, onOrder, rowFirstId);
            line = PoRecords.withInventory(line, sync.inventoryIds());
            for (var record : sync.puts()) {
                var stored = onOrder.get(record.id());
                if (stored == null) {
                    pipeline.write(new Write.Create(row, record));
                } else if (!stored.equals(record)) {
                    pipeline.write(new Write.Replace(row, stored, record));
                }
            }
            sync.deletes().stream().map(onOrder::get).filter(java.util.Objects::nonNull)
                    .forEach(stored -> pipeline.write(new Write.Delete(row, stored)));
        }
        if (plan.creates()) {
            pipeline.write(new Write.Create(row, line));
        } else if (match.existing() == null) {
            pipeline.write(new Write.Insert(row, line));
        } else if (!match.existing().equals(line)) {
            pipeline.write(new Write.Replace(row, match.existing(), line));
        }
    }

    int updatedPos() {
        return updatedPos;
    }

    CreatedSummary created() {
        return created.summary();
    }

    /** Labels the file uses that the catalog did not have (ION creates them inline). */
    List<String> newLabels() {
        return parser.newLabels();
    }
}
