package dev.intake.bench;

import dev.intake.core.inventory.InventoryStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;

/**
 * Does an import stay within the heap Lambda gives the function? {@code ./benchmark memory-bound}
 * runs this in a JVM with the heap and collector of a 2,048 MB function (85% of it, serial GC):
 * a million updates each of plain records, of records with ten custom attributes of 50 characters,
 * with twenty, and with forty number attributes. An import holds the records it updates up to a share of
 * its heap ({@code CommitSettings.HELD_RECORDS_SHARE_OF_HEAP}, {@code HeldRecords}); past that it must fail as a file, quickly, not run out of memory
 * (as the twenty-attribute file did until 6 December 2026, and the forty-number one with the first
 * estimate) nor spend its time in collections. Prints each import's outcome, time, time in GC and
 * peak live heap.
 */
public final class HeldRecordsBoundCheck {

    private HeldRecordsBoundCheck() {}

    public static void main(String[] args) throws IOException {
        int rows = args.length == 0 ? 1_000_000 : Integer.parseInt(args[0].replace("_", ""));
        System.out.printf("max heap %d MB, %s; %,d updates a file%n", Runtime.getRuntime().maxMemory() >> 20,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList(), rows);
        System.out.printf("%-72s %-60s %8s %8s %14s%n", "stored records", "outcome", "s", "GC s", "peak live MB");
        run("plain", new BenchStores.MadeUpInventory(), rows);
        run("ten custom attributes of 50 characters and an as-built BOM", new BenchStores.MadeUpAttributedInventory(10), rows);
        run("twenty custom attributes of 50 characters and an as-built BOM", new BenchStores.MadeUpAttributedInventory(20), rows);
        run("forty number attributes", new NumberedInventory(40), rows);
    }

    /** Made-up records with number attributes: each value an object of its own, however short its text. */
    private static final class NumberedInventory extends BenchStores.MadeUpInventory {
        private final java.util.List<String> names;

        NumberedInventory(int attributes) {
            names = java.util.stream.IntStream.rangeClosed(1, attributes).mapToObj(i -> "dimension_" + i).toList();
        }

        @Override
        java.util.Map<String, dev.intake.core.attributes.CustomValue> attributes(long id) {
            var attributes = new java.util.LinkedHashMap<String, dev.intake.core.attributes.CustomValue>();
            for (int i = 0; i < names.size(); i++) {
                attributes.put(names.get(i), new dev.intake.core.attributes.CustomValue.Number(
                        java.math.BigDecimal.valueOf(id % 1000 + i, 1)));
            }
            return attributes;
        }
    }

    private static void run(String records, InventoryStore stored, int rows) throws IOException {
        var sampler = new StreamingMemoryCheck.Sampler(Math.max(1, rows / 20));
        var job = new BenchImportJob(() -> sampler.tick(1));
        var importer = StreamingMemoryCheck.partInventoryImporter(stored, sampler);
        long gcBefore = gcMillis();
        long start = System.nanoTime();
        var outcome = importer.run(() -> InventoryCsv.updates(rows), job);
        double seconds = (System.nanoTime() - start) / 1e9;
        double gcSeconds = (gcMillis() - gcBefore) / 1e3;
        sampler.sample();
        var said = job.errors().isEmpty() ? outcome.getClass().getSimpleName()
                : outcome.getClass().getSimpleName() + ": " + job.errors().kept().getFirst().code();
        System.out.printf("%-72s %-60s %8.1f %8.1f %14.1f%n", records, said, seconds, gcSeconds,
                StreamingMemoryCheck.mb(sampler.peak));
        if (!job.errors().isEmpty()) {
            System.out.println("  " + job.errors().kept().getFirst().message());
        }
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(bean -> bean.getCollectionTime()).sum();
    }
}
