package dev.intake.bench;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.CatalogStore;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.InventoryStore;
import dev.intake.core.inventory.JournalEntry;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Minimal in-memory stores: a fixed catalog, and an inventory that starts empty and discards writes. */
final class BenchStores {

    private BenchStores() {}

    static CatalogStore catalog(Catalog catalog) {
        return new CatalogStore() {
            @Override
            public Catalog load(String org) {
                return catalog;
            }

            @Override
            public void addLabels(String org, List<String> labels) {}
        };
    }

    /** Counts what it is asked to write and keeps none of it; calls {@code onWrite} per chunk. */
    static final class DiscardingInventory implements InventoryStore {
        private final java.util.function.IntConsumer onWrite;
        long written;

        DiscardingInventory(java.util.function.IntConsumer onWrite) {
            this.onWrite = onWrite;
        }

        DiscardingInventory() {
            this(n -> {});
        }

        @Override
        public Map<Long, InventoryRecord> findByIds(String org, Collection<Long> ids) {
            return Map.of();
        }

        @Override
        public Map<PartRef, Map<String, Long>> serialsByPart(String org, Collection<PartRef> parts) {
            return Map.of();
        }

        @Override
        public List<InventoryRecord> installedIn(String org, long parentId) {
            return List.of();
        }

        @Override
        public void deleteAll(String org, Collection<Long> ids) {}

        @Override
        public void putAll(String org, Collection<InventoryRecord> records, String importId) {
            written += records.size();
            onWrite.accept(records.size());
        }

        @Override
        public void restore(String org, List<JournalEntry> journal, String importId) {}
    }
}
