package dev.intake.bench;

import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.csv.CsvLimits;
import dev.intake.core.imports.ImportFile;
import dev.intake.core.imports.ImportOutcome;
import dev.intake.core.purchasing.PurchaseOrderImporter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A whole {@link PurchaseOrderImporter} run of N rows of new POs of ten lines (the end-to-end
 * benchmark's file): scan, validation and commit passes, with in-memory stores and a store that
 * discards the writes, so what is measured is the importer, not DynamoDB. Validation comes before
 * the first write, so its cost per row is time the table sits idle. Primary score: files/s;
 * secondary {@code rows}: rows/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PurchaseOrderImportBenchmark {

    private static final int LINES_PER_PO = 10;

    @Param({"10000", "100000"})
    public int rows;

    private ImportFile file;
    private PurchaseOrderImporter importer;

    @Setup
    public void generate() throws IOException {
        byte[] bytes = PurchaseOrderCsv.stream(rows, LINES_PER_PO).readAllBytes();
        file = () -> new ByteArrayInputStream(bytes);
        importer = new PurchaseOrderImporter(BenchStores.catalog(InventoryCsv.catalog()), new BenchStores.NoPurchaseOrders(),
                new BenchStores.EmptyInventory(), new BenchStores.DiscardingCommits(), BenchStores.SETTINGS,
                new CsvFileReader(CsvLimits.DEFAULT));
    }

    @Benchmark
    public ImportOutcome importFile(RowCounter counter) throws IOException {
        var job = new BenchImportJob();
        var outcome = importer.run(file, job);
        int pos = rows / LINES_PER_PO;
        if (!(outcome instanceof ImportOutcome.Committed committed) || committed.created().total() != pos) {
            throw new IllegalStateException("import did not commit every PO: " + outcome.getClass().getSimpleName()
                    + ", errors " + job.errors().kept());
        }
        counter.rows += rows;
        return outcome;
    }
}
