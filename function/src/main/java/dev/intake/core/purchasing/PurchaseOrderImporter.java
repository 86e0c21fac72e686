package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.*;

import dev.intake.core.catalog.CatalogStore;
import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.imports.FilePasses;
import dev.intake.core.imports.ImportFile;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.imports.ImportOutcome;
import dev.intake.core.imports.ImportProgress.Phase;
import dev.intake.core.imports.Importer;
import dev.intake.core.inventory.InventoryStore;
import dev.intake.core.inventory.InventoryUndo;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Purchase Orders importer (SPEC §7). Like the Part Inventory importer it streams the file in
 * passes: a scan (PO numbers, header fingerprints, id needs), validation, then the commit. Rows of
 * a PO may be spread anywhere in the file; what is kept per PO is a small, fixed-size state.
 */
public final class PurchaseOrderImporter implements Importer {

    public static final String NAME = "purchase-orders";
    static final String PO_SEQUENCE = "purchase-order";
    static final String INVENTORY_SEQUENCE = "inventory";

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
        var scan = new PoScanPass(catalog, job);
        if (!passes.read(file, scan, job, Phase.SCANNING)) {
            return new ImportOutcome.Failed(scan.rows);
        }
        var stored = orders.findByNumbers(job.org(), scan.numbersToLoad());
        // Validation needs no real ids: new POs' ids only matter once written, so they are reserved after it.
        var plans = plans(scan, stored, job.peekIds(PO_SEQUENCE), job.resuming());
        var onOrder = inventory.findByIds(job.org(), stored.values().stream()
                .flatMap(po -> po.lines().stream()).flatMap(line -> line.inventoryIds().stream()).toList());
        if (!job.resuming()) {
            var validation = new PoValidationPass(catalog, job, plans, scan.consistency);
            if (!passes.read(file, validation, job, Phase.VALIDATING)) {
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
        var poIds = new PoCommitPass.IdRange(firstPoId, scan.poIndex.size());
        var commit = new PoCommitPass(catalog, job, orders, inventory, plans, onOrder, firstInventoryId, poIds);
        passes.read(file, commit, job, Phase.COMMITTING);
        commit.flush();
        catalogs.addLabels(job.org(), commit.newLabels());
        return new ImportOutcome.Committed(scan.rows, commit.updatedPos(), commit.created(), commit.newLabels());
    }

    /** Purchase orders journal nothing yet (docs/lifecycle.md): finishing an undo only ends the import. */
    @Override
    public ImportOutcome finishRollback(ImportJob job) {
        return InventoryUndo.finish(inventory, job);
    }

    private static Map<String, PoPlan> plans(PoScanPass scan, Map<String, StoredPurchaseOrder> stored, long firstPoId,
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
    private static void refuseContradictoryRenames(PoScanPass scan, Map<String, PoPlan> plans) {
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
}
