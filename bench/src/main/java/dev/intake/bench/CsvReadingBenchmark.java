package dev.intake.bench;

import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.csv.CsvLimits;
import dev.intake.core.csv.CsvReadResult;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.CsvVisitor;
import dev.intake.core.report.ImportError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One pass of {@link CsvFileReader} over an in-memory Part Inventory file to a visitor that only
 * consumes the rows: the floor under every importer pass (UTF-8 decoding, RFC 4180 parsing,
 * limits, row numbering). Primary score: files/s; secondary {@code rows}: rows/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CsvReadingBenchmark {

    @Param({"10000", "100000"})
    public int rows;

    private byte[] file;
    private final CsvFileReader reader = new CsvFileReader(CsvLimits.DEFAULT);

    @Setup
    public void generate() {
        file = InventoryCsv.bytes(rows);
    }

    @Benchmark
    public CsvReadResult read(RowCounter counter, Blackhole blackhole) throws IOException {
        var result = reader.read(new ByteArrayInputStream(file), new CsvVisitor() {
            @Override
            public List<ImportError> header(List<String> names) {
                blackhole.consume(names);
                return List.of();
            }

            @Override
            public void row(CsvRow row) {
                blackhole.consume(row);
            }

            @Override
            public void rejected(CsvRow row, ImportError error) {
                throw new IllegalStateException("generated row rejected: " + error.message());
            }
        });
        if (!(result instanceof CsvReadResult.Completed completed)) {
            throw new IllegalStateException("read stopped: " + result);
        }
        counter.rows += completed.rows();
        return result;
    }
}
