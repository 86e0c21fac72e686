package dev.intake.core.purchasing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.csv.CsvLimits;
import dev.intake.core.imports.Deadline;
import dev.intake.core.imports.FailedRowsSpool;
import dev.intake.core.imports.ImportRunner;
import dev.intake.core.imports.ObjectKey;
import dev.intake.core.imports.ReportSink;
import dev.intake.core.report.SourceObject;
import dev.intake.testing.InMemoryCatalogStore;
import dev.intake.testing.InMemoryCommitStore;
import dev.intake.testing.InMemoryIdAllocator;
import dev.intake.testing.InMemoryImportLedger;
import dev.intake.testing.InMemoryInventoryStore;
import dev.intake.testing.InMemoryPurchaseOrderStore;
import dev.intake.testing.MutableClock;
import dev.intake.testing.TestCatalog;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Found by review (5 Dec 2026): a Purchase Orders file within every default limit whose POs'
 * header columns disagree runs the function out of memory, so the uploader gets no report at all
 * (Lambda retries twice, then the on-failure queue). HeaderConsistency keeps notes for every PO
 * and column whose rows disagree (some hundreds of bytes each, with the first values and a row
 * sample), and {@code summary()} then builds every HEADER_CONFLICT / HEADER_BLANK error of the
 * file, each with its rows and message, sorts them all, and hands them to the ErrorLog, which keeps
 * the first 1,000. A million rows of two-row POs whose rows differ in four header columns
 * (po_description, Incoterm, po_labels, ordered_at: line values typed into header columns) made
 * two million such errors and ran a 1.7 GB heap (what 85% of the template's MemorySize of 2048 MB
 * leaves) out of memory in {@code HeaderConsistency.summary} (ColumnNotes.filledRows).
 *
 * <p>The test runs a quarter of that file (250,000 rows, 19 MB) in a JVM with a quarter of that
 * heap, as the function's core does it (ImportRunner, the errors CSV spooled to disk).
 */
class HeaderConflictsMemoryTest {

    /** A quarter of the heap the Lambda runtime gives a function of 2048 MB (85% of it). */
    private static final String HEAP = "-Xmx435m";
    private static final int ROWS = 250_000;

    @TempDir
    Path dir;

    @Test
    void run_quarterOfAMillionRowsOfTwoRowPosDisagreeingInFourHeaderColumns_reportedWithinAQuarterOfTheHeap()
            throws Exception {
        var file = dir.resolve("orders.csv");
        write(file, ROWS);
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var process = new ProcessBuilder(java, HEAP, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the import ended").isTrue();
        var output = Files.readString(dir.resolve("out.txt"));

        assertThat(output).as("the import's output").doesNotContain("OutOfMemoryError").contains("REPORTED FAILED");
        assertThat(process.exitValue()).isZero();
    }

    private static void write(Path file, int rows) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("po_number,po_description,Incoterm,po_labels,ordered_at,part_number,quantity\n");
            for (int i = 0; i < rows; i++) {
                int po = i / 2;
                out.write("PO-" + po + ",Line description " + Integer.toHexString(i * 7919) + "-" + i
                        + ",FOB-" + i + ",lbl-" + i + ",2026-01-" + (10 + i % 2) + ",BOLT-M3,1\n");
            }
        }
    }

    /** The import, in a JVM of its own with the heap under test. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            var file = Path.of(args[0]);
            var orders = new InMemoryPurchaseOrderStore();
            var inventory = new InMemoryInventoryStore();
            var importer = new PurchaseOrderImporter(new InMemoryCatalogStore(TestCatalog.acmePurchasing()), orders,
                    inventory, new InMemoryCommitStore(inventory, orders), InMemoryCommitStore.SETTINGS,
                    new CsvFileReader(CsvLimits.DEFAULT));
            var reported = new String[1];
            ReportSink sink = new ReportSink() {
                @Override
                public void putReport(String bucket, String key, String json) {
                    reported[0] = json;
                }

                @Override
                public String putErrorsCsv(String bucket, String key, FailedRowsSpool csv) {
                    return null;
                }

                @Override
                public void deleteErrorsCsvVersion(String bucket, String key, String version) {}
            };
            var runner = new ImportRunner(List.of(importer), new InMemoryImportLedger(), new InMemoryIdAllocator(4999),
                    sink, new MutableClock(Instant.parse("2026-01-31T10:00:00Z")), Duration.ofMinutes(15), 1L << 30);
            var key = "acme/purchase-orders/orders.csv";
            runner.run((ObjectKey.Upload) ObjectKey.parse(key),
                    new SourceObject("bucket", key, "v1", "etag", "seq", Files.size(file)),
                    () -> Files.newInputStream(file), Deadline.NONE);
            if (reported[0] != null && reported[0].contains("\"status\":\"FAILED\"")) {
                System.out.println("REPORTED FAILED");
            }
        }
    }
}
