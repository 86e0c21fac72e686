package dev.intake.bench;

import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.csv.CsvLimits;
import dev.intake.core.imports.ImportFile;
import dev.intake.core.imports.ImportOutcome;
import dev.intake.core.inventory.InventoryStore;
import dev.intake.core.inventory.PartInventoryImporter;
import dev.intake.core.purchasing.PurchaseOrderImporter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Does the heap an import needs grow with the file? Imports generated files of several sizes
 * (default 10,000 and 200,000 rows; a file is generated as it is read, so it takes no heap itself)
 * with in-memory stores that discard writes, and samples the live heap (used heap right after a
 * full GC) about 50 times during each import, through the import's own keepAlive and write calls.
 * Prints, per file, the high-water mark of the live heap above the baseline before the import,
 * and that per row. The files: Part Inventory creates and updates ({@link InventoryCsv}); Purchase Orders
 * rows in new POs of ten lines and of one line ({@link PurchaseOrderCsv}), where what an import
 * keeps grows with the POs, not the rows, and in POs of ten lines with their rows interleaved, where
 * it keeps each PO's state (and up to nine lines not yet written in a page) for all POs at once.
 *
 * <p>Run with {@code ./benchmark memory}, or {@code java -cp bench/target/benchmarks.jar
 * dev.intake.bench.StreamingMemoryCheck [rows...]}.
 */
public final class StreamingMemoryCheck {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /** A kind of file, imported whole: {@code sampler} ticks per write and per keepAlive. */
    private interface FileImport {
        void run(int rows, Sampler sampler) throws IOException;
    }

    public static void main(String[] args) throws IOException {
        int[] sizes = args.length == 0 ? new int[] {10_000, 200_000}
                : java.util.Arrays.stream(args).mapToInt(a -> Integer.parseInt(a.replace("_", ""))).toArray();
        System.out.printf("max heap %d MB, %s%n", Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList());
        check("Part Inventory creates", StreamingMemoryCheck::partInventory, sizes);
        check("Part Inventory updates", (rows, sampler) -> partInventoryUpdates(new BenchStores.MadeUpInventory(), rows, sampler), sizes);
        check("Part Inventory updates of records with ten custom attributes and an as-built BOM",
                (rows, sampler) -> partInventoryUpdates(new BenchStores.MadeUpAttributedInventory(), rows, sampler), sizes);
        check("Purchase Orders rows, new POs of 10 lines", (rows, sampler) -> purchaseOrders(rows, 10, false, sampler), sizes);
        check("Purchase Orders rows, new POs of 1 line", (rows, sampler) -> purchaseOrders(rows, 1, false, sampler), sizes);
        check("Purchase Orders rows, new POs of 10 lines, rows interleaved (every PO open at once)",
                (rows, sampler) -> purchaseOrders(rows, 10, true, sampler), sizes);
    }

    private static void check(String title, FileImport fileImport, int[] sizes) throws IOException {
        System.out.printf("%n%s%n", title);
        // Warm up so that class loading and JIT metadata do not count against the first size.
        measure(2_000, fileImport);
        System.out.printf("%10s %14s %14s %12s %14s%n", "rows", "baseline MB", "peak live MB", "peak - base", "bytes/row");
        long firstRows = 0;
        long firstGrowth = 0;
        for (int rows : sizes) {
            var m = measure(rows, fileImport);
            long growth = m.peak - m.baseline;
            System.out.printf("%,10d %14.1f %14.1f %9.1f MB %14.0f%n", rows, mb(m.baseline), mb(m.peak), mb(growth),
                    (double) growth / rows);
            if (firstRows == 0) {
                firstRows = rows;
                firstGrowth = growth;
            } else {
                System.out.printf("%,d rows vs %,d: %.1fx the rows, %.1fx the heap above baseline%n", rows, firstRows,
                        (double) rows / firstRows, (double) growth / Math.max(1, firstGrowth));
            }
        }
    }

    private record Measurement(long baseline, long peak) {}

    private static Measurement measure(int rows, FileImport fileImport) throws IOException {
        long baseline = liveHeap();
        var sampler = new Sampler(Math.max(1, rows * 3 / 50));
        fileImport.run(rows, sampler);
        return new Measurement(baseline, sampler.peak);
    }

    private static void partInventory(int rows, Sampler sampler) throws IOException {
        var committed = partInventory(new BenchStores.EmptyInventory(), () -> InventoryCsv.stream(rows), rows, sampler);
        if (committed.created().total() != rows) {
            throw new IllegalStateException("import of " + rows + " rows created " + committed.created().total());
        }
    }

    /** Updates keep every record they name, read up front for validation: this measures what a row of them costs. */
    private static void partInventoryUpdates(InventoryStore stored, int rows, Sampler sampler) throws IOException {
        var committed = partInventory(stored, () -> InventoryCsv.updates(rows), rows, sampler);
        if (committed.updated() != rows) {
            throw new IllegalStateException("update of " + rows + " rows updated " + committed.updated());
        }
    }

    private static ImportOutcome.Committed partInventory(InventoryStore stored, ImportFile file, int rows, Sampler sampler)
            throws IOException {
        return committed(partInventoryImporter(stored, sampler).run(file, new BenchImportJob(() -> sampler.tick(1))), rows,
                sampler);
    }

    /** The Part Inventory importer on {@code stored}, its writes discarded, each a tick of {@code sampler}. */
    static PartInventoryImporter partInventoryImporter(InventoryStore stored, Sampler sampler) {
        return new PartInventoryImporter(BenchStores.catalog(InventoryCsv.catalog()), stored,
                new BenchStores.EmptyInventory(), new BenchStores.EmptyInventory(),
                new BenchStores.DiscardingCommits(sampler::tick), BenchStores.SETTINGS, new CsvFileReader(CsvLimits.DEFAULT));
    }

    private static void purchaseOrders(int rows, int linesPerPo, boolean interleaved, Sampler sampler) throws IOException {
        var importer = new PurchaseOrderImporter(BenchStores.catalog(InventoryCsv.catalog()), new BenchStores.NoPurchaseOrders(),
                new BenchStores.EmptyInventory(), new BenchStores.DiscardingCommits(sampler::tick), BenchStores.SETTINGS,
                new CsvFileReader(CsvLimits.DEFAULT));
        var committed = committed(importer.run(() -> interleaved ? PurchaseOrderCsv.streamInterleaved(rows, linesPerPo)
                        : PurchaseOrderCsv.stream(rows, linesPerPo),
                new BenchImportJob(() -> sampler.tick(1))), rows, sampler);
        int pos = (rows + linesPerPo - 1) / linesPerPo;
        if (committed.created().total() != pos) {
            throw new IllegalStateException("import of " + rows + " rows created " + committed.created().total() + " POs");
        }
    }

    /** The import's outcome, which must be a commit; samples once more with it still reachable (its created runs). */
    private static ImportOutcome.Committed committed(ImportOutcome outcome, int rows, Sampler sampler) {
        if (!(outcome instanceof ImportOutcome.Committed committed)) {
            throw new IllegalStateException("import of " + rows + " rows did not commit: " + outcome);
        }
        sampler.sample();
        return committed;
    }

    /** Samples the live heap every {@code every} ticks (rows or records written). */
    static final class Sampler {
        private final int every;
        private int ticks;
        long peak;

        Sampler(int every) {
            this.every = every;
        }

        void tick(int n) {
            ticks += n;
            if (ticks >= every) {
                ticks = 0;
                sample();
            }
        }

        void sample() {
            peak = Math.max(peak, liveHeap());
        }
    }

    static long liveHeap() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
