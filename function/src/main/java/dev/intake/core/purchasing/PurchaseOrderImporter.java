package dev.intake.core.purchasing;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.CatalogFingerprint;
import dev.intake.core.catalog.CatalogStore;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.commit.CommitPipeline;
import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.CreatedRange;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.Write;
import dev.intake.core.commit.Writes;
import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.imports.CommitRun;
import dev.intake.core.imports.CommitSettings;
import dev.intake.core.imports.CommitUndo;
import dev.intake.core.imports.FilePasses.Ending;
import dev.intake.core.imports.FilePasses;
import dev.intake.core.imports.HeldRecords;
import dev.intake.core.imports.IdAllocator;
import dev.intake.core.imports.IdBlock;
import dev.intake.core.imports.ImportFile;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.imports.ImportOutcome;
import dev.intake.core.imports.ImportProgress.Phase;
import dev.intake.core.imports.Importer;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.InventoryRecords;
import dev.intake.core.inventory.InventoryStore;
import dev.intake.core.inventory.PoNumbers.NumberedPo;
import dev.intake.core.report.CreatedLabels;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.values.KeyText;
import dev.intake.core.values.LegacyEncoding;
import dev.intake.core.report.ImportError;
import dev.intake.core.report.PreviewLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Purchase Orders importer (SPEC §7). Like the Part Inventory importer it streams the file in
 * passes: a scan (PO numbers, header fingerprints, id needs), validation, then the commit (or, for
 * a dry run, its preview). Rows of a PO may be spread anywhere in the file; what is kept per PO is
 * a small, fixed-size state.
 */
public final class PurchaseOrderImporter implements Importer {

    public static final String NAME = "purchase-orders";
    static final String PO_SEQUENCE = IdAllocator.PURCHASE_ORDER_IDS;
    static final String INVENTORY_SEQUENCE = IdAllocator.INVENTORY_IDS;
    /** On Order records read at a time, each counted before the next are read ({@link #onOrderRecords}). */
    private static final int ON_ORDER_READ = 1_000;

    private final CatalogStore catalogs;
    private final PurchaseOrderStore orders;
    private final InventoryStore inventory;
    private final CommitStore store;
    private final CommitSettings settings;
    private final FilePasses passes;
    /** The most On Order records one file may create: the row limit, as each record is a write like a row's. */
    private final int maxNewRecords;

    public PurchaseOrderImporter(CatalogStore catalogs, PurchaseOrderStore orders, InventoryStore inventory,
                                 CommitStore store, CommitSettings settings, CsvFileReader reader) {
        this.catalogs = catalogs;
        this.orders = orders;
        this.inventory = inventory;
        this.store = store;
        this.settings = settings;
        this.passes = new FilePasses(reader);
        this.maxNewRecords = reader.limits().maxRows();
    }

    @Override
    public String name() {
        return NAME;
    }

    /**
     * The lifecycle of a file: scan it, read the POs it names, validate it; a dry run then
     * previews the commit; a commit reserves ids, claims the new PO numbers, and writes.
     */
    @Override
    public ImportOutcome run(ImportFile file, ImportJob job) throws IOException {
        var retypes = CommitRun.retypesBefore(catalogs, job);
        var catalog = catalogs.forImport(job.org());
        if (job.resuming()) {
            return resume(file, job, catalog);
        }
        var noCatalog = catalog.missing();
        if (noCatalog.isPresent()) {
            job.errors().add(noCatalog.get());
            return new ImportOutcome.Failed(0);
        }
        var scanPass = new PoScanPass(catalog, job);
        var ending = passes.run(file, scanPass, job, Phase.SCANNING);
        var scan = scanPass.result();
        if (ending == Ending.STOPPED) {
            return new ImportOutcome.Failed(scan.rows());
        }
        var held = new HeldRecords(settings.heldRecordBytes());
        var stored = storedPos(job, scan.numbersToLoad(), held);
        var onOrder = held.exceeded() ? Map.<Long, Stamped<InventoryRecord>>of()
                : onOrderRecords(job, catalog, linesItMayWriteOn(scan, stored.values()).toList(), held);
        if (held.exceeded()) {
            job.errors().add(held.error("stored purchase orders", "lines, their On Order records and custom attributes count"));
            return new ImportOutcome.Failed(scan.rows());
        }
        // Validation needs no real ids: new POs' ids only matter once written, so they are reserved after it.
        long likelyFirstPoId = job.peekIds(PO_SEQUENCE);
        long likelyFirstInventoryId = job.peekIds(INVENTORY_SEQUENCE); // a line's new ids are measured at its length
        var plans = plans(scan, stored, likelyFirstPoId);
        refuseNumbersWithLostCharacters(job, scan, plans);
        refuseDecomposedNumbers(job, plans);
        var unchanged = unchangedRows(file, job, catalog, scan, plans); // up to a stop too: validation reads that far
        if (!validate(file, job, catalog, scan, plans, unchanged, stored.keySet(), onOrder, likelyFirstInventoryId, ending)) {
            return new ImportOutcome.Failed(scan.rows());
        }
        scan = scan.withoutPrints(); // what only validation needed goes before the commit pass starts
        var readSet = readSet(stored, onOrder);
        int rows = scan.rows();
        // one pipeline for the check and the commit: the writers the check found ended are not asked about again
        var pipeline = pipeline(job);
        // a dry run checks too: it would preview a commit that cannot happen
        CommitRun.requireNoUnfinishedWriters(pipeline, builtOn(job, scan, stored, readSet));
        var refused = refusedOnNumbersGone(job, stored, rows);
        if (refused.isPresent()) {
            return refused.get();
        }
        if (job.mode() == ImportMode.VALIDATE) {
            job.requireRoomForIds(PO_SEQUENCE, likelyFirstPoId, scan.poCount());
            job.requireRoomForIds(INVENTORY_SEQUENCE, likelyFirstInventoryId, scan.units());
            return dryRun(file, job, catalog, scan, plans, unchanged, onOrder);
        }
        if (CommitRun.retypedMeanwhile(catalogs, job, retypes)) {
            return new ImportOutcome.Failed(rows);
        }
        long firstPoId = job.reserveIds(PO_SEQUENCE, scan.poCount());
        long firstInventoryId = job.reserveIds(INVENTORY_SEQUENCE, scan.units());
        plans = plans(scan, stored, firstPoId); // on the reserved ids; the validated ones are garbage now
        pipeline.journalUpFront(readSet);
        job.beginWrites(CatalogFingerprint.of(catalog, partsWrittenOn(scan, stored)));
        return commit(file, job, catalog, pipeline, scan, plans, unchanged, numberClaims(plans, scan, Map.of(), Map.of()),
                onOrder, firstInventoryId);
    }

    /**
     * The parts a commit writes on: those its rows name, and those of the stored lines whose On
     * Order records it may write ({@link #linesItMayWriteOn}: a header that moves its PO's records
     * moves every line's, each on its part, found by review "ondemand" on 6 December 2026). The
     * first attempt reads those POs, a resume finds them in the journal: both name the same.
     */
    private static Set<String> partsWrittenOn(PoScan scan, Map<String, StoredPurchaseOrder> stored) {
        var numbers = new HashSet<>(scan.partNumbers());
        numbers.addAll(NameIndex.keys(linesItMayWriteOn(scan, stored.values()).map(line -> line.part().partNumber()).toList()));
        return numbers;
    }

    /**
     * The stored lines whose On Order records the file may write, of DRAFT POs only (no other has
     * its records written; an arrival date for an ORDERED PO of 1,000 serial units was refused
     * LIMIT_EXCEEDED over records it could not change, found by review "own46b"): those of a part
     * number its rows name (a row matches only a line of its own part number, {@link LineMatcher}),
     * and every line where the file has a column that moves them ({@link PoLayout#movesOnOrder}).
     * Only their records are read and journaled, and only their parts fingerprinted: a file of
     * labels for 5,000 POs read and journaled their 20,000 records, and a one-row edit of a PO of
     * 150 parts read the org's whole catalog.
     */
    private static Stream<PoLine> linesItMayWriteOn(PoScan scan, Collection<StoredPurchaseOrder> stored) {
        return new LinkedHashSet<>(stored).stream().filter(po -> po.header().editable()).flatMap(po ->
                po.lines().stream().filter(line -> line.part() != null
                        && (scan.movesOnOrder() || scan.partNumbers().contains(NameIndex.key(line.part().partNumber())))));
    }

    /**
     * The On Order records of these lines, each counted toward {@code held} as it holds ({@link
     * InventoryRecords#heldBytes}): first as its part's BOM makes it (an assembly's record carries a
     * slot a BOM line), before any is read, then what its texts and attributes add, a thousand at
     * a time as they are read, until {@code held} is exceeded. They count toward their POs (no
     * records of their own), so that the advice of the error is a number of POs. At a flat 450
     * bytes a record, a file of three rows on POs of 10,000 units of an assembly of 100 parts ran
     * out of memory where it should have failed LIMIT_EXCEEDED.
     */
    private Map<Long, Stamped<InventoryRecord>> onOrderRecords(ImportJob job, Catalog catalog, List<PoLine> lines,
                                                               HeldRecords held) {
        var records = new HashMap<Long, Stamped<InventoryRecord>>();
        if (!held.take(0, lines.stream().mapToLong(line -> line.inventoryIds().size() * estimatedBytes(catalog, line.part())).sum())) {
            return records;
        }
        var ids = lines.stream().flatMap(line -> line.inventoryIds().stream()).toList();
        long beyond = 0;
        for (int from = 0; from < ids.size() && !held.exceeded(); from += ON_ORDER_READ) {
            int to = Math.min(ids.size(), from + ON_ORDER_READ);
            var read = inventory.findByIds(job.org(), ids.subList(from, to));
            // what a record holds beyond its estimate: texts, attributes, more BOM slots than its part has now
            long batch = read.values().stream().mapToLong(record -> Math.max(0,
                    InventoryRecords.heldBytes(record.item()) - estimatedBytes(catalog, record.item().part()))).sum();
            beyond += batch;
            if (!held.take(0, batch)) {
                // the unread records likely bring as much each: the advice counts them (review "own46b":
                // a file cut to the POs it advised failed again)
                held.refusedAlsoBrings(beyond / to * (ids.size() - to));
            }
            records.putAll(read);
            job.keepAlive();
        }
        return records;
    }

    /** What an On Order record of {@code part} holds before its texts and attributes: one as-built slot a line of the part's BOM. */
    private static long estimatedBytes(Catalog catalog, PartRef part) {
        return InventoryRecords.plainHeldBytes(catalog.parts().find(part).map(found -> found.bom().size()).orElse(0));
    }

    /**
     * The stored POs with these numbers, by number, as many as {@code held} lets the import hold:
     * once it is {@link HeldRecords#exceeded}, some are missing.
     */
    private Map<String, StoredPurchaseOrder> storedPos(ImportJob job, Collection<String> numbers, HeldRecords held) {
        // a re-imported export can name thousands, and a resume reads its new POs again: the read
        // shows progress and minds the deadline
        return orders.findByNumbers(job.org(), numbers, read -> {
            job.keepAlive();
            job.progress(Phase.VALIDATING, 0);
            return held.take(read.size(), read.stream().mapToLong(StoredPurchaseOrder::heldBytes).sum());
        });
    }

    /** What the file builds on, whose writers must have finished: what it read, and the numbers it found POs by. */
    private List<Stamped<?>> builtOn(ImportJob job, PoScan scan, Map<String, StoredPurchaseOrder> stored,
                                     List<Stamped<?>> readSet) {
        var builtOn = new ArrayList<Stamped<?>>(readSet);
        // a number another import claimed for a rename it has not finished leads to its PO only while that import stands
        new LinkedHashSet<>(stored.values()).forEach(po -> builtOn.addAll(po.foundBy()));
        // and one a rename gave up is free only once that rename stands: its undo would want it back;
        // one an import claimed and died before writing its PO is that import's until it finishes
        // or is undone (a dry run said VALIDATED where the commit failed: found by review on 5 December 2026)
        builtOn.addAll(unheldAmongTheNew(job.org(), scan, stored));
        return builtOn;
    }

    /**
     * Pass 2, over every row, or over the rows before the spot where the scan stopped (then the
     * file fails whatever they hold, but the report names their problems too); its errors go to
     * the job. The passes' state is kept per PO, and each pass's dies with the method that runs
     * it, so that what only validation needs is garbage before the commit pass builds its own.
     * (The scan pass is kept by {@code run}, which needs how it ended; its result drops what it
     * held besides what it hands over.)
     */
    private boolean validate(ImportFile file, ImportJob job, Catalog catalog, PoScan scan, Map<String, PoPlan> plans,
                             UnchangedRows unchanged, Set<String> storedNumbers, Map<Long, Stamped<InventoryRecord>> onOrder,
                             long nextInventoryId, Ending scanned) throws IOException {
        var validation = new PoValidationPass(catalog, job, plans, unchanged, storedNumbers, scan, onOrder, maxNewRecords,
                nextInventoryId);
        if (scanned == Ending.STOPPED_AT_A_ROW) {
            passes.runUpToTheStop(file, validation, job, Phase.VALIDATING);
            validation.addHeaderSummary(job.errors());
            return false;
        }
        if (!passes.completes(file, validation, job, Phase.VALIDATING)) {
            return false;
        }
        validation.addHeaderSummary(job.errors());
        refuseTooManyNewRecords(job, validation.newOnOrderRecords(), scan);
        return job.errors().isEmpty();
    }

    /**
     * A serial-tracked line creates a record per unit, up to 10,000: bounded by rows alone, one
     * row of a file within every limit wrote 10,000 records, and a file of such rows could never
     * commit within an invocation. Only records beyond a stored
     * line's own count: counting those too refused an unchanged export of big lines.
     */
    private void refuseTooManyNewRecords(ImportJob job, NewRecordsTally newRecords, PoScan scan) {
        if (scan.units() == Integer.MAX_VALUE) { // the ids each row reserves pass what one block can hold
            job.errors().add(ImportError.file(ErrorCode.LIMIT_EXCEEDED, null, "the file's lines reserve more than "
                    + (Integer.MAX_VALUE - 1) + " inventory ids (one per unit of each serial-tracked line): split the file"));
        } else if (newRecords.pastTheLimit()) {
            job.errors().add(ImportError.file(ErrorCode.LIMIT_EXCEEDED, null, "the file's lines would create up to "
                    + newRecords.total() + " On Order inventory records, and a file may create at most " + maxNewRecords
                    + " (INTAKE_MAX_ROWS; a serial-tracked line creates one per unit): split the file ("
                    + newRecords.whereFrom() + ")"));
        }
    }

    /**
     * The rows that take a stored line by their values ({@link UnchangedRows}): a pass of its own,
     * only where a stored PO has a line of a key the file may name. The scan recorded where the
     * file stops, if it does (a broken quote): this read stops there again, and validation, which
     * reads as far, matches the rows before it alike (review "own55b": by place, untouched rows of
     * a sorted export were refused beside the broken quote).
     */
    private UnchangedRows unchangedRows(ImportFile file, ImportJob job, Catalog catalog, PoScan scan,
                                        Map<String, PoPlan> plans) throws IOException {
        if (!UnchangedRows.mayMatter(scan, plans)) {
            return UnchangedRows.NONE;
        }
        var finder = new UnchangedRows.Finder(catalog, job, scan, plans);
        passes.runUpToTheStop(file, finder, job, Phase.VALIDATING);
        return finder.result();
    }

    /**
     * A dry run: the commit pass on the validated POs, writing nothing, listing the changes, the
     * lines matched and the labels the commit would add to the catalog (a mistyped label is caught
     * here or never: after the commit every later file matches it; review "specaudit", 7 December 2026).
     */
    private ImportOutcome dryRun(ImportFile file, ImportJob job, Catalog catalog, PoScan scan, Map<String, PoPlan> plans,
                                 UnchangedRows unchanged, Map<Long, Stamped<InventoryRecord>> onOrder) throws IOException {
        var preview = PreviewLog.collecting(true);
        var pass = new PoCommitPass(catalog, job, Writes.NOWHERE, scan, plans, unchanged, onOrder, 0, preview);
        passes.run(file, pass, job, Phase.PREVIEWING);
        var creates = (int) plans.values().stream().filter(PoPlan::creates).count();
        return new ImportOutcome.Validated(scan.rows(), creates, plans.size() - creates, preview.preview(),
                CreatedLabels.of(pass.result().newLabels()));
    }

    /**
     * Finishes a commit an earlier delivery began, without validating again: on the POs and On Order
     * records as they were validated (the journal's before-states), with the ids it reserved.
     */
    @SuppressWarnings("unchecked")
    private ImportOutcome resume(ImportFile file, ImportJob job, Catalog catalog) throws IOException {
        var scanPass = new PoScanPass(catalog, job);
        if (!passes.completes(file, scanPass, job, Phase.SCANNING)) { // a resume validates nothing: any stop refuses it
            return CommitUndo.afterRefusal(store, job, created(job), scanPass.result().rows());
        }
        var scan = scanPass.result().withoutPrints();
        // Every row landed in the attempt this one resumes: nothing the catalog decides is left to
        // write, and its renames may have given their old numbers up, which no undo could give
        // back (found by review: two POs carried one number). It only sends the releases again.
        boolean landed = job.resumePoint().doneThrough() >= scan.lastRow();
        var journal = job.journal();
        // The journal is whole (it is written before the import is marked COMMITTING), so it holds
        // all that validation read: a PO number that leads to none of its POs was validated as a new PO.
        var stored = StoredPurchaseOrder.byNumber(journal);
        if (!landed && (CatalogFingerprint.changedSince(job.catalogFingerprint(), catalog, partsWrittenOn(scan, stored))
                || !job.needsTheIdsItReserved(PO_SEQUENCE, scan.poCount())
                || !job.needsTheIdsItReserved(INVENTORY_SEQUENCE, scan.units()))) {
            return CommitUndo.afterCatalogChange(store, job, created(job), scan.rows());
        }
        long firstPoId = job.reserved(PO_SEQUENCE).map(IdBlock::first).orElseGet(() -> job.reserveIds(PO_SEQUENCE, scan.poCount()));
        long firstInventoryId = job.reserved(INVENTORY_SEQUENCE).map(IdBlock::first)
                .orElseGet(() -> job.reserveIds(INVENTORY_SEQUENCE, scan.units()));
        keyAsValidated(job, scan, stored);
        var onOrder = new HashMap<Long, Stamped<InventoryRecord>>();
        journal.stream().filter(entry -> entry.existed() && entry.item() instanceof InventoryRecord)
                .forEach(entry -> onOrder.putIfAbsent(((InventoryRecord) entry.item()).id(), (Stamped<InventoryRecord>) entry.state()));
        var plans = plans(scan, stored, firstPoId);
        if (!landed && plans.values().stream().anyMatch(plan -> plan.problem() != null)) {
            // validated clean, the file's numbers now lead elsewhere (another import's rename began
            // since): a plan with a problem is no new PO to write
            job.errors().add(ImportError.file(ErrorCode.CONCURRENT_CHANGE, null, "another import renamed purchase"
                    + " orders this file names after this import began writing; everything this import had written"
                    + " was undone. Import the file again to apply it to the current data"));
            return CommitUndo.afterRefusal(store, job, created(job), scan.rows());
        }
        var renamedTo = plans.values().stream().filter(plan -> plan.renamedFrom() != null).map(PoPlan::poNumber).toList();
        var pipeline = pipeline(job);
        pipeline.alreadyJournaled(journal);
        var created = plans.values().stream().filter(PoPlan::creates).map(PoPlan::poId).toList();
        var claims = new ArrayList<>(numberClaims(plans, scan, orders.findByNumbers(job.org(), renamedTo),
                orders.byIds(job.org(), created)));
        // A PO whose first row is done has its header written, its claims before it: claimed again,
        // a number another file gave up since would go back to it
        claims.removeIf(group -> group.getFirst().row() <= job.resumePoint().doneThrough());
        // matched as validation matched: on the journaled lines, so by the same rows
        var unchanged = unchangedRows(file, job, catalog, scan, plans);
        return commit(file, job, catalog, pipeline, scan, plans, unchanged, claims, onOrder, firstInventoryId);
    }

    private ImportOutcome commit(ImportFile file, ImportJob job, Catalog catalog, CommitPipeline pipeline,
                                 PoScan scan, Map<String, PoPlan> plans, UnchangedRows unchanged, List<List<Write>> claims,
                                 Map<Long, Stamped<InventoryRecord>> onOrder, long firstInventoryId) throws IOException {
        var commit = new PoCommitPass(catalog, job, pipeline, scan, plans, unchanged, onOrder, firstInventoryId, PreviewLog.OFF);
        var undone = CommitRun.write(pipeline, () -> {
            pipeline.writeFirst(claims);
            passes.run(file, commit, job, Phase.COMMITTING);
            pipeline.finish();
            // Renames give their old numbers up last, when every other write has landed and no
            // conflict can undo the import; each only while its header does not carry it (a
            // resumed commit sends them again, and another file may have renamed the PO back)
            pipeline.writeFirst(commit.releases().stream().map(List::of).toList());
        }, store, job, created(job), scan.rows(), PurchaseOrderImporter::columnOf);
        if (undone.isPresent()) {
            return undone.get();
        }
        var result = commit.result();
        var labels = createdLabels(job, result.newLabels());
        catalogs.addLabels(job.org(), result.newLabels(), job.leaseFence());
        return new ImportOutcome.Committed(scan.rows(), result.updatedPos(), result.created(), labels);
    }

    /**
     * The labels this import creates, kept on the import before the catalog gets them: a resumed
     * commit (say after a crash at the report) finds them in the catalog, and its report listed
     * none.
     */
    private static CreatedLabels createdLabels(ImportJob job, List<String> newInTheCatalog) {
        var kept = job.resuming() ? job.createdLabels() : CreatedLabels.NONE;
        if (!kept.isEmpty()) {
            return kept;
        }
        var labels = CreatedLabels.of(newInTheCatalog);
        if (!labels.isEmpty()) {
            job.recordCreatedLabels(labels);
        }
        return labels;
    }

    @Override
    public ImportOutcome finishRollback(ImportJob job) {
        return CommitUndo.finish(store, job, created(job));
    }

    /**
     * Validation found each PO by the number the file names; the journal keys them by the number
     * their header carried, which differs where another import's interrupted rename had taken the
     * new number (found by review: the resume took the PO for a new one, and its claim failed).
     * A number the file names (a rename's old one included, not its new one) that the journal
     * does not is looked up again, and keyed to the journaled PO it leads to.
     */
    private void keyAsValidated(ImportJob job, PoScan scan, Map<String, StoredPurchaseOrder> stored) {
        var named = Stream.concat(
                scan.pos().keySet().stream().filter(number -> scan.originals().getOrDefault(number, "").isEmpty()),
                scan.originals().values().stream().filter(original -> !original.isEmpty()));
        var unnamed = named.filter(number -> !stored.containsKey(number)).distinct().toList();
        if (unnamed.isEmpty()) {
            return;
        }
        var byPoId = new HashMap<Long, StoredPurchaseOrder>();
        stored.values().forEach(po -> byPoId.put(po.header().poId(), po));
        // the claims only: the POs they lead to are new ones the first attempt wrote, maybe a
        // million, which reading whole held beyond any bound
        orders.numberClaims(job.org(), unnamed).forEach((number, claim) -> {
            var journaled = byPoId.get(claim.item().poId());
            if (journaled != null) {
                stored.put(number, journaled);
            }
        });
    }

    /**
     * The numbers the file's new POs and renames take that an import gave up or claimed without
     * writing its PO (none asked for where every number leads to a PO).
     */
    private List<Stamped<?>> unheldAmongTheNew(String org, PoScan scan, Map<String, StoredPurchaseOrder> stored) {
        var unheld = scan.numbersToLoad().stream().filter(number -> !stored.containsKey(number)).distinct().toList();
        return unheld.isEmpty() ? List.of() : orders.unheldNumbers(org, unheld);
    }

    private CommitPipeline pipeline(ImportJob job) {
        return CommitRun.pipeline(store, settings, job);
    }

    /**
     * The number claims the file's POs were found through, read again once their writers are known
     * to have ended: a claim read while its import was unfinished may be gone since (that import's
     * undo gave the number up), and a claim has no version for the header's write to be
     * conditional on. Found by review: a file then wrote the PO's header under a number nobody
     * held. Claims seeded without a writer are no import's to undo.
     */
    private Optional<ImportOutcome> refusedOnNumbersGone(ImportJob job, Map<String, StoredPurchaseOrder> stored,
                                                         int fileRows) {
        var read = new LinkedHashSet<>(stored.values()).stream().flatMap(po -> po.foundBy().stream())
                .filter(claim -> claim.stamp().writtenBy() != null).toList();
        if (read.isEmpty()) {
            return Optional.empty();
        }
        var now = orders.numberClaims(job.org(), read.stream().map(claim -> claim.item().poNumber()).toList());
        var gone = read.stream().filter(claim -> !stillStands(claim, now.get(claim.item().poNumber())))
                .map(claim -> claim.item().poNumber()).sorted().toList();
        if (gone.isEmpty()) {
            return Optional.empty();
        }
        job.errors().add(ImportError.file(ErrorCode.CONCURRENT_CHANGE, PoColumns.PO_NUMBER.name(), "PO number "
                + String.join(", ", gone.subList(0, Math.min(10, gone.size()))) + (gone.size() > 10 ? " and more" : "")
                + " changed hands while this file was being checked (another import's rename was undone, say)."
                + " Nothing was written; import the file again to apply it to the current data"));
        return Optional.of(new ImportOutcome.Failed(fileRows));
    }

    private static boolean stillStands(Stamped<NumberClaim> read, Stamped<NumberClaim> now) {
        return now != null && now.item().poId() == read.item().poId()
                && Objects.equals(now.stamp().writtenBy(), read.stamp().writtenBy());
    }

    /** What the commit may change that validation read: the POs' headers, pages and line items, and their On Order records. */
    private static List<Stamped<?>> readSet(Map<String, StoredPurchaseOrder> stored,
                                            Map<Long, Stamped<InventoryRecord>> onOrder) {
        var before = new ArrayList<Stamped<?>>();
        for (var po : new LinkedHashSet<>(stored.values())) {
            before.addAll(po.storedItems());
        }
        before.addAll(onOrder.values());
        return before;
    }

    /**
     * The PO numbers the commit takes before writing anything: each new PO's number, and a
     * rename's new number (its old one is given up last, once everything else has landed).
     * {@code current} holds the owners of renamed-to numbers as stored now: on a resumed commit a
     * new number taken already is not taken again. {@code carried} holds the numbers that the new
     * POs a resumed commit's first attempt created carry now: one that another file has renamed
     * since gave its number up, and does not take it back (found by review: the PO held two numbers).
     */
    private static List<List<Write>> numberClaims(Map<String, PoPlan> plans, PoScan scan,
                                                  Map<String, StoredPurchaseOrder> current, Map<Long, NumberedPo> carried) {
        var claims = new ArrayList<List<Write>>();
        for (var plan : plans.values()) {
            int row = scan.firstRowOf(plan.poNumber());
            if (plan.creates()) {
                var now = carried.get(plan.poId());
                if (now == null || now.number().equals(plan.poNumber())) {
                    claims.add(List.of(new Write.Insert(row, new NumberClaim(plan.poNumber(), plan.poId()))));
                }
            } else if (plan.renamedFrom() != null) {
                var owner = current.get(plan.poNumber());
                if (owner == null || owner.header().poId() != plan.poId()) {
                    // the old number is given up last (commit, PoCommitPass.releases)
                    claims.add(List.of(new Write.Insert(row, new NumberClaim(plan.poNumber(), plan.poId()))));
                }
            }
        }
        return claims;
    }

    private static List<CreatedRange> created(ImportJob job) {
        var ranges = new ArrayList<CreatedRange>();
        job.reserved(PO_SEQUENCE).ifPresent(block ->
                ranges.add(new CreatedRange(CreatedRange.Kind.PURCHASE_ORDERS, block.first(), block.count())));
        job.reserved(INVENTORY_SEQUENCE).ifPresent(block ->
                ranges.add(new CreatedRange(CreatedRange.Kind.INVENTORY, block.first(), block.count())));
        return ranges;
    }

    private static String columnOf(ErrorCode code) {
        return code == ErrorCode.PO_NUMBER_TAKEN ? PoColumns.PO_NUMBER.name() : null;
    }

    private static Map<String, PoPlan> plans(PoScan scan, Map<String, StoredPurchaseOrder> stored, long firstPoId) {
        var plans = new LinkedHashMap<String, PoPlan>();
        scan.pos().forEach((number, span) ->
                plans.put(number, PoPlan.resolve(number, scan.originals().get(number), stored, firstPoId + span.index())));
        refuseContradictoryRenames(scan, plans);
        refuseTwoNumbersOfOnePo(plans);
        return plans;
    }

    /**
     * A new PO's number, or a rename's original number that no PO has, that is a stored PO's with
     * "?" for characters beyond ASCII, in a file without the byte order mark Excel's "CSV UTF-8"
     * writes: its plain "CSV (Comma delimited)" save wrote them so, and the rows would make a
     * second PO, with On Order records of its own, or be refused as naming no PO (found by reviews
     * "exportloop" and "own51c" on 7 December 2026).
     */
    private void refuseNumbersWithLostCharacters(ImportJob job, PoScan scan, Map<String, PoPlan> plans) {
        if (scan.traits().byteOrderMark()) {
            return;
        }
        var stored = new StoredNumbers(job.org());
        plans.replaceAll((number, plan) -> {
            if (plan.problem() == null && plan.creates() && number.indexOf('?') >= 0) {
                return stored.lostFrom(number).map(lost -> PoPlan.lostCharacters(number, PoColumns.PO_NUMBER, number, lost)).orElse(plan);
            }
            var original = scan.originals().get(number);
            if (plan.problem() != null && plan.problem().code() == ErrorCode.NOT_FOUND && original != null && original.indexOf('?') >= 0) {
                return stored.lostFrom(original).map(lost -> PoPlan.lostCharacters(number, PoColumns.ORIGINAL_PO_NUMBER, original, lost)).orElse(plan);
            }
            return plan;
        });
    }

    /**
     * A PO number the file gives a PO (a new one's, a rename's) written decomposed, a letter and a
     * combining accent apart, as macOS writes a Finder file name it was copied from: it looks the
     * same everywhere as the composed number typed elsewhere, and numbers match exactly, so one
     * file made two POs "PO-Köln-1" (review "numbersmac", 7 December 2026). A stored PO so numbered
     * is found by it as before; named composed (or renamed from it so), it is told so, not made
     * again nor "not found" (review "docs55"). Those stored numbers are looked up by their claims
     * alone, read for the refusal and not held (review "own55e": loaded as POs, a look-alike the
     * file never named counted toward the held POs' bound, and its records were journaled).
     */
    private void refuseDecomposedNumbers(ImportJob job, Map<String, PoPlan> plans) {
        var lookAlikes = new HashMap<String, String>(); // the number as written to its decomposed form
        plans.forEach((number, plan) -> {
            var written = takesTheNumber(plan) ? number : notFoundOriginal(plan);
            var decomposed = written == null ? null : KeyText.decomposed(written);
            // one longer than a key holds no stored PO has: asked for, DynamoDB refused the look-up (review "own55f")
            if (decomposed != null && !decomposed.equals(written) && KeyText.fits(decomposed)) {
                lookAlikes.put(written, decomposed);
            }
        });
        var claims = lookAlikes.isEmpty() ? Map.<String, Stamped<NumberClaim>>of()
                : orders.numberClaims(job.org(), lookAlikes.values());
        var renamed = claims.isEmpty() ? Set.<Long>of() : plans.values().stream()
                .filter(plan -> plan.problem() == null && plan.renamedFrom() != null).map(PoPlan::poId).collect(Collectors.toSet());
        plans.replaceAll((number, plan) -> {
            if (takesTheNumber(plan) && !KeyText.composed(number).equals(number)) {
                return PoPlan.decomposed(number);
            }
            var written = takesTheNumber(plan) ? number : notFoundOriginal(plan);
            var lookAlike = written == null ? null : lookAlikes.get(written);
            var claim = lookAlike == null ? null : claims.get(lookAlike);
            if (claim == null || takesTheNumber(plan) && renamed.contains(claim.item().poId())) {
                // none; or the file renames that PO, to the composed number (review "own55e") or away
                // from its own, which leaves the composed one free (review "own55f")
                return plan;
            }
            boolean names = plan.creates() || !takesTheNumber(plan); // a new PO's row names the stored one, as an original does
            return PoPlan.storedDecomposed(number, takesTheNumber(plan) ? PoColumns.PO_NUMBER : PoColumns.ORIGINAL_PO_NUMBER,
                    written, names);
        });
    }

    /** Whether the plan gives its PO the file's number: a new PO, or a rename's target. */
    private static boolean takesTheNumber(PoPlan plan) {
        return plan.problem() == null && (plan.creates() || plan.renamedFrom() != null);
    }

    /** The rename's original number that no PO has, if the plan failed so. */
    private static String notFoundOriginal(PoPlan plan) {
        return plan.problem() != null && plan.problem().code() == ErrorCode.NOT_FOUND
                && PoColumns.ORIGINAL_PO_NUMBER.name().equals(plan.problem().column()) ? plan.problem().value() : null;
    }

    /**
     * The org's PO numbers that begin as a number with "?" does before its first "?", read once a
     * prefix, and not at all where a shorter prefix read already holds them: a file of new POs
     * numbered "???-…" (an org's numbers in Cyrillic, saved so) read every number of the org once
     * a row (found by review "own51c").
     */
    private final class StoredNumbers {
        private final String org;
        private final Map<String, List<String>> byPrefix = new HashMap<>();

        StoredNumbers(String org) {
            this.org = org;
        }

        /** The stored number {@code written} is with "?" for its characters beyond ASCII, if one is. */
        Optional<String> lostFrom(String written) {
            var prefix = written.substring(0, written.indexOf('?'));
            var read = byPrefix.get(prefix);
            if (read == null) {
                read = byPrefix.entrySet().stream().filter(shorter -> prefix.startsWith(shorter.getKey())).findFirst()
                        .map(shorter -> shorter.getValue().stream().filter(number -> number.startsWith(prefix)).toList())
                        .orElseGet(() -> orders.numbersStartingWith(org, prefix));
                byPrefix.put(prefix, read);
            }
            return read.stream().filter(number -> LegacyEncoding.lostCharacters(number, written)).findFirst();
        }
    }

    /**
     * Two numbers of the file that lead to one stored PO (another import is renaming it, and it
     * holds both until that rename is done): written twice, the PO would keep a number nobody
     * holds, and another PO could take it.
     */
    private static void refuseTwoNumbersOfOnePo(Map<String, PoPlan> plans) {
        var firstNumberOf = new HashMap<Long, String>();
        plans.replaceAll((number, plan) -> {
            if (plan.existing() == null || plan.problem() != null) {
                return plan;
            }
            var first = firstNumberOf.putIfAbsent(plan.poId(), number);
            return first == null ? plan : PoPlan.sameAs(number, first);
        });
    }

    /**
     * A file may not rename a PO and also write rows for its old number, nor rename one PO to two
     * numbers: both would make two numbers share one PO.
     */
    private static void refuseContradictoryRenames(PoScan scan, Map<String, PoPlan> plans) {
        var renamedTo = new HashMap<String, String>();
        scan.originals().forEach((number, original) -> {
            if (original.equals(number)) {
                return;
            }
            var besides = whatElseStopsTheRename(plans.get(number), original);
            if (scan.hasPo(original)) {
                plans.put(number, PoPlan.renameConflict(number, original, ImportError.inQuotes(number) + " renames " + ImportError.inQuotes(original)
                        + ", but this file also has rows for " + ImportError.inQuotes(original) + "; rename in one file, change it in another"
                        + besides));
            } else if (renamedTo.putIfAbsent(original, number) != null) {
                plans.put(number, PoPlan.renameConflict(number, original, ImportError.inQuotes(original) + " is already renamed to "
                        + ImportError.inQuotes(renamedTo.get(original)) + " by this file; a PO can take only one new number" + besides));
            }
        });
    }

    /**
     * What would stop the rename once the file no longer contradicts itself: the new number taken,
     * or a PO past DRAFT, whose number no longer changes. (Not the old number's being unknown: the
     * file's own rows for it would create it.) The conflict alone sent the uploader
     * to two more failed uploads, each for a problem this one could have named.
     */
    private static String whatElseStopsTheRename(PoPlan resolved, String original) {
        if (resolved.problem() != null && resolved.problem().code() == ErrorCode.PO_NUMBER_TAKEN) {
            return "; besides, " + resolved.problem().message();
        }
        if (!resolved.editable()) {
            return "; besides, PO " + ImportError.inQuotes(original) + " is " + resolved.existing().header().status()
                    + ": its number can no longer change";
        }
        return "";
    }
}
