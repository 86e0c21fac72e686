package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.*;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.CatalogStore;
import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.CsvVisitor;
import dev.intake.core.csv.RowCells;
import dev.intake.core.imports.FilePasses;
import dev.intake.core.imports.ImportFile;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.imports.ImportOutcome;
import dev.intake.core.imports.Importer;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.InventoryStore;
import dev.intake.core.inventory.InventoryUndo;
import dev.intake.core.report.CreatedRecord;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.CellValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Purchase Orders importer (SPEC §7). Like the Part Inventory importer it streams the file in
 * passes: a scan (PO numbers, header fingerprints, id needs), validation, then the commit. Rows of
 * a PO may be spread anywhere in the file; what is kept per PO is a small, fixed-size state.
 */
public final class PurchaseOrderImporter implements Importer {

    public static final String NAME = "purchase-orders";
    static final String PO_SEQUENCE = "purchase-order";
    static final String INVENTORY_SEQUENCE = "inventory";
    private static final int WRITE_CHUNK = 100;

    private final CatalogStore catalogs;
    private final PurchaseOrderStore orders;
    private final InventoryStore inventory;
    private final FilePasses passes;

    public PurchaseOrderImporter(CatalogStore catalogs, PurchaseOrderStore orders, InventoryStore inventory,
                                 CsvFileReader reader) {
        this.catalogs = catalogs;
        this.orders = orders;
        this.inventory = inventory;
        this.passes = new FilePasses(reader);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ImportOutcome run(ImportFile file, ImportJob job) throws IOException {
        var catalog = catalogs.load(job.org());
        var scan = new Scan(catalog, job);
        if (!passes.read(file, scan, job.errors())) {
            return new ImportOutcome.Failed(scan.rows);
        }
        var stored = orders.findByNumbers(job.org(), scan.numbersToLoad());
        // Validation needs no real ids: new POs' ids only matter once written, so they are reserved after it.
        var plans = plans(scan, stored, job.peekIds(PO_SEQUENCE), job.resuming());
        var onOrder = inventory.findByIds(job.org(), stored.values().stream()
                .flatMap(po -> po.lines().stream()).flatMap(line -> line.inventoryIds().stream()).toList());
        if (!job.resuming()) {
            var validation = new Validation(catalog, job, plans, scan.consistency);
            if (!passes.read(file, validation, job.errors())) {
                return new ImportOutcome.Failed(scan.rows);
            }
            job.errors().addAll(scan.consistency.summary());
            if (!job.errors().isEmpty()) {
                return new ImportOutcome.Failed(scan.rows);
            }
            if (job.mode() == ImportMode.VALIDATE) {
                var creates = (int) plans.values().stream().filter(PoPlan::creates).count();
                return new ImportOutcome.Validated(scan.rows, creates, plans.size() - creates);
            }
        }
        long firstPoId = job.reserveIds(PO_SEQUENCE, scan.poIndex.size());
        long firstInventoryId = job.reserveIds(INVENTORY_SEQUENCE, scan.units);
        plans = plans(scan, stored, firstPoId, job.resuming());
        job.beginWrites();
        var taken = new NumberClaims(orders, job.org()).claimAll(plans.values());
        if (!taken.isEmpty()) {
            job.errors().addAll(taken);
            return new ImportOutcome.Failed(scan.rows);
        }
        var poIds = new IdRange(firstPoId, scan.poIndex.size());
        var commit = new Commit(catalog, job, plans, onOrder, firstInventoryId, poIds);
        passes.read(file, commit, job.errors());
        commit.flush();
        catalogs.addLabels(job.org(), commit.parser.newLabels());
        return new ImportOutcome.Committed(scan.rows, commit.updatedPos, commit.created, commit.parser.newLabels());
    }

    /** Purchase orders journal nothing yet (docs/lifecycle.md): finishing an undo only ends the import. */
    @Override
    public ImportOutcome finishRollback(ImportJob job) {
        return InventoryUndo.finish(inventory, job);
    }

    private static Map<String, PoPlan> plans(Scan scan, Map<String, StoredPurchaseOrder> stored, long firstPoId,
                                             boolean resuming) {
        var plans = new LinkedHashMap<String, PoPlan>();
        scan.poIndex.forEach((number, index) ->
                plans.put(number, PoPlan.resolve(number, scan.originals.get(number), stored, firstPoId + index, resuming)));
        refuseContradictoryRenames(scan, plans);
        return plans;
    }

    /**
     * A file may not rename a PO and also write rows for its old number, nor rename one PO to two
     * numbers: both would make two numbers share one PO.
     */
    private static void refuseContradictoryRenames(Scan scan, Map<String, PoPlan> plans) {
        var renamedTo = new HashMap<String, String>();
        scan.originals.forEach((number, original) -> {
            if (original.isEmpty() || original.equals(number)) {
                return;
            }
            if (scan.poIndex.containsKey(original)) {
                plans.put(number, PoPlan.renameConflict(number, original, "\"" + number + "\" renames \"" + original
                        + "\", but this file also has rows for \"" + original + "\"; rename in one file, change it in another"));
            } else if (renamedTo.putIfAbsent(original, number) != null) {
                plans.put(number, PoPlan.renameConflict(number, original, "\"" + original + "\" is already renamed to \""
                        + renamedTo.get(original) + "\" by this file; a PO can take only one new number"));
            }
        });
    }

    /** Ids reserved by this import from one sequence. */
    private record IdRange(long first, int count) {
        boolean contains(long id) {
            return id >= first && id < first + count;
        }
    }

    /** Common to every pass: the header is matched the same way each time. */
    private abstract static class Pass implements CsvVisitor {
        final Catalog catalog;
        final ImportJob job;
        PoLayout layout;
        PoRowParser parser;

        Pass(Catalog catalog, ImportJob job) {
            this.catalog = catalog;
            this.job = job;
        }

        @Override
        public List<ImportError> header(List<String> names) {
            var errors = new ArrayList<ImportError>();
            layout = PoLayout.of(names, catalog, errors);
            parser = new PoRowParser(catalog, layout);
            job.errors().header(names);
            return errors;
        }

        @Override
        public void rejected(CsvRow row, ImportError error) {}

        /** Ids the row's line reserves for On Order inventory; the same in every pass. */
        int units(CsvRow row) {
            if (!layout.hasLine(row) || !layout.header().has(PART_NUMBER)) {
                return 0;
            }
            var number = row.cell(layout.header().indexOf(PART_NUMBER));
            var revision = layout.header().has(REVISION) ? row.cell(layout.header().indexOf(REVISION)) : "";
            var quantity = layout.header().has(QUANTITY) ? row.cell(layout.header().indexOf(QUANTITY)) : "";
            var part = number.isEmpty() ? null : catalog.parts().find(number, revision).orElse(null);
            return OnOrderInventory.units(part, CellValues.decimal(quantity).orElse(BigDecimal.ZERO));
        }
    }

    /** Pass 1: PO numbers in order of first appearance, header fingerprints, ids needed. */
    private static final class Scan extends Pass {
        final Map<String, Integer> poIndex = new LinkedHashMap<>();
        final Map<String, String> originals = new LinkedHashMap<>();
        HeaderConsistency consistency;
        int rows;
        int units;

        Scan(Catalog catalog, ImportJob job) {
            super(catalog, job);
        }

        @Override
        public List<ImportError> header(List<String> names) {
            var errors = super.header(names);
            consistency = new HeaderConsistency(layout.headerColumns());
            return errors;
        }

        @Override
        public void row(CsvRow row) {
            rows++;
            units += units(row);
            var po = layout.poNumber(row);
            if (!po.isEmpty()) {
                consistency.fingerprint(po, layout.headerCells(row));
                if (poIndex.putIfAbsent(po, poIndex.size()) == null && layout.header().has(ORIGINAL_PO_NUMBER)) {
                    originals.put(po, row.cell(layout.header().indexOf(ORIGINAL_PO_NUMBER)));
                }
            }
            job.keepAlive();
        }

        @Override
        public void rejected(CsvRow row, ImportError error) {
            rows++;
        }

        List<String> numbersToLoad() {
            var numbers = new HashSet<>(poIndex.keySet());
            originals.values().stream().filter(n -> !n.isEmpty()).forEach(numbers::add);
            return List.copyOf(numbers);
        }
    }

    /** Pass 2: every rule on every row, header conflicts in detail, nothing written. */
    private static final class Validation extends Pass {
        private final Map<String, PoPlan> plans;
        private final HeaderConsistency consistency;
        private final Map<String, LineMatcher> matchers = new LinkedHashMap<>();
        private final Map<String, Set<String>> checkedHeaderColumns = new HashMap<>();

        Validation(Catalog catalog, ImportJob job, Map<String, PoPlan> plans, HeaderConsistency consistency) {
            super(catalog, job);
            this.plans = plans;
            this.consistency = consistency;
        }

        @Override
        public void row(CsvRow csv) {
            var cells = new RowCells(csv, layout.header());
            var po = layout.poNumber(csv);
            var headerProblems = List.<ImportError>of();
            if (po.isEmpty()) {
                cells.fail(PO_NUMBER, null, ErrorCode.REQUIRED, "po_number is required on every row");
                parser.header(cells);
                if (layout.hasLine(csv)) {
                    parser.line(cells);
                }
            } else {
                headerProblems = consistency.check(po, csv.row(), layout.headerCells(csv));
                checkPo(po, cells);
            }
            if (cells.hasErrors() || !headerProblems.isEmpty()) {
                job.errors().row(csv, cells.errors(), headerProblems);
            }
            job.keepAlive();
        }

        @Override
        public void rejected(CsvRow row, ImportError error) {
            job.errors().row(row, List.of(error));
        }

        private void checkPo(String po, RowCells cells) {
            var plan = plans.get(po);
            if (!matchers.containsKey(po)) {
                if (plan.problem() != null) {
                    var problem = plan.problem();
                    cells.fail(problem.column(), problem.value(), problem.code(), problem.message());
                }
                matchers.put(po, new LineMatcher(plan.existing() == null ? List.of() : plan.existing().lines()));
            }
            checkHeaderValues(po, cells);
            if (layout.hasLine(cells.csv())) {
                var line = parser.line(cells);
                if (plan.problem() == null) {
                    LineRules.check(plan, matchers.get(po), line, cells);
                }
            }
        }

        /**
         * Header values are the same on every row of a valid PO, so each column's value is checked
         * once per PO: on the first row where it is filled (a blank cell is a HEADER_BLANK instead).
         */
        private void checkHeaderValues(String po, RowCells cells) {
            var scratch = new RowCells(cells.csv(), layout.header());
            parser.header(scratch);
            var checked = checkedHeaderColumns.computeIfAbsent(po, p -> new HashSet<>());
            for (var error : scratch.errors()) {
                if (error.column() != null && !checked.contains(error.column())) {
                    cells.fail(error.column(), error.value(), error.code(), error.message());
                }
            }
            var columns = layout.headerColumns();
            var values = layout.headerCells(cells.csv());
            for (int i = 0; i < columns.size(); i++) {
                if (values.get(i) != null && !values.get(i).isEmpty()) {
                    checked.add(columns.get(i));
                }
            }
        }
    }

    /**
     * Pass 3: number claims are made first (all or none); then headers, lines and their On Order
     * inventory are written in chunks. Every item has a deterministic key, so a replay rewrites them.
     */
    private final class Commit extends Pass {
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

        Commit(Catalog catalog, ImportJob job, Map<String, PoPlan> plans, Map<Long, InventoryRecord> onOrder,
               long firstInventoryId, IdRange newPoIds) {
            super(catalog, job);
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
    }
}
