package dev.intake.bench;

import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.csv.CsvLimits;
import dev.intake.core.imports.ImportFile;
import dev.intake.core.imports.ImportOutcome;
import dev.intake.core.inventory.PartInventoryImporter;
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
 * A whole {@link PartInventoryImporter} run of a file of N valid creates: the scan, validation and
 * commit passes (three reads of the file), with in-memory stores and a store that discards the
 * writes, so what is measured is the importer, not DynamoDB. Primary score: files/s; secondary
 * {@code rows}: rows/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PartInventoryImportBenchmark {

    @Param({"10000", "100000"})
    public int rows;

    private ImportFile file;
    private PartInventoryImporter importer;

    @Setup
    public void generate() {
        byte[] bytes = InventoryCsv.bytes(rows);
        file = () -> new ByteArrayInputStream(bytes);
        importer = new PartInventoryImporter(BenchStores.catalog(InventoryCsv.catalog()),
                new BenchStores.EmptyInventory(), new BenchStores.EmptyInventory(), new BenchStores.EmptyInventory(),
                new BenchStores.DiscardingCommits(), BenchStores.SETTINGS, new CsvFileReader(CsvLimits.DEFAULT));
    }

    @Benchmark
    public ImportOutcome importFile(RowCounter counter) throws IOException {
        var job = new BenchImportJob();
        var outcome = importer.run(file, job);
        if (!(outcome instanceof ImportOutcome.Committed committed) || committed.created().total() != rows) {
            throw new IllegalStateException("import did not commit every row: " + outcome.getClass().getSimpleName()
                    + ", errors " + job.errors().kept());
        }
        counter.rows += rows;
        return outcome;
    }
}
