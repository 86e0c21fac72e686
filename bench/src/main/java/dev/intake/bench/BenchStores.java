package dev.intake.bench;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.CatalogStore;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.CreatedRange;
import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.Write;
import dev.intake.core.imports.CommitSettings;
import dev.intake.core.inventory.AbomSlot;
import dev.intake.core.inventory.Assembly;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.InventoryStore;
import dev.intake.core.inventory.Placement;
import dev.intake.core.inventory.PoNumbers.NumberedPo;
import dev.intake.core.inventory.PoNumbers;
import dev.intake.core.inventory.Quantities;
import dev.intake.core.inventory.SerialKey;
import dev.intake.core.inventory.SerialRegistry;
import dev.intake.core.inventory.Tracking;
import dev.intake.core.purchasing.GivenUpNumber;
import dev.intake.core.purchasing.NumberClaim;
import dev.intake.core.purchasing.PurchaseOrderStore;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

/**
 * Minimal in-memory stores: a fixed catalog, an inventory and serial registry that start empty,
 * and a commit store that discards writes. Commits run on the calling thread.
 */
final class BenchStores {

    /** Units run where they are sent: the benchmarks measure the importer's own work. */
    static final CommitSettings SETTINGS = new CommitSettings(Runnable::run, 1);

    private BenchStores() {}

    static CatalogStore catalog(Catalog catalog) {
        return new CatalogStore() {
            @Override
            public Catalog load(String org) {
                return catalog;
            }

            @Override
            public void addLabels(String org, List<String> labels, dev.intake.core.commit.LeaseFence fence) {}
        };
    }

    /** Stored inventory (and purchase orders): none. */
    static class EmptyInventory implements InventoryStore, SerialRegistry, PoNumbers {
        @Override
        public Map<Long, Stamped<InventoryRecord>> findByIds(String org, Collection<Long> ids) {
            return Map.of();
        }

        @Override
        public List<Long> idsInstalledIn(String org, long parentId) {
            return List.of();
        }

        @Override
        public Map<Long, List<Long>> installedIds(String org) {
            return Map.of();
        }

        @Override
        public Map<Long, NumberedPo> byIds(String org, Collection<Long> poIds) {
            return Map.of();
        }

        @Override
        public Lookup lookUp(String org, Collection<SerialKey> keys) {
            return Lookup.NOTHING;
        }
    }

    /** No purchase orders stored: every PO a file names is new. */
    static final class NoPurchaseOrders extends EmptyInventory implements PurchaseOrderStore {
        @Override
        public Map<String, StoredPurchaseOrder> findByNumbers(String org, Collection<String> poNumbers,
                                                              Predicate<List<StoredPurchaseOrder>> readOn) {
            return Map.of();
        }

        @Override
        public Map<String, Stamped<NumberClaim>> numberClaims(String org, Collection<String> poNumbers) {
            return Map.of();
        }

        @Override
        public List<Stamped<GivenUpNumber>> givenUpNumbers(String org, Collection<String> poNumbers) {
            return List.of();
        }

        @Override
        public List<String> numbersStartingWith(String org, String prefix) {
            return List.of();
        }

        @Override
        public List<Stamped<?>> unheldNumbers(String org, Collection<String> poNumbers) {
            return List.of();
        }
    }

    /**
     * Stored inventory made up as it is asked for, and nothing else stored: every id is a record
     * of 100 untracked {@code FST-M3-10} in Stockroom A, as DynamoDB would hand it over after a
     * read that shares repeated values ({@code DynamoInventoryStore}'s string pool).
     */
    static class MadeUpInventory extends EmptyInventory {
        private static final Placement STOCKROOM = new Placement("Stockroom A", null, "each", null);

        @Override
        public Map<Long, Stamped<InventoryRecord>> findByIds(String org, Collection<Long> ids) {
            var found = new HashMap<Long, Stamped<InventoryRecord>>();
            for (var id : ids) {
                found.put(id, Stamped.unstored(new InventoryRecord(id, new PartRef("FST-M3-10", "A"), Tracking.NONE,
                        Quantities.of(BigDecimal.valueOf(100)), STOCKROOM, attributes(id), assembly(), null)));
            }
            return found;
        }

        Map<String, CustomValue> attributes(long id) {
            return Map.of();
        }

        Assembly assembly() {
            return Assembly.NONE;
        }
    }

    /**
     * Made-up records as a team with custom attributes stores them: text attributes of 50
     * characters (ten, or as many as given), each value the record's own (the worst case: nothing
     * repeats), and an as-built BOM of two slots, one filled. Names and slot parts are shared, as a
     * read's string pool shares them.
     */
    static final class MadeUpAttributedInventory extends MadeUpInventory {
        private final List<String> names;

        MadeUpAttributedInventory(int attributes) {
            names = java.util.stream.IntStream.rangeClosed(1, attributes).mapToObj(i -> "attribute_" + i).toList();
        }

        MadeUpAttributedInventory() {
            this(10);
        }

        @Override
        Map<String, CustomValue> attributes(long id) {
            var attributes = new LinkedHashMap<String, CustomValue>();
            for (var name : names) {
                var value = new StringBuilder(name).append(" of item ").append(id).append(' ');
                while (value.length() < 50) {
                    value.append('x');
                }
                attributes.put(name, new CustomValue.Text(value.toString()));
            }
            return attributes;
        }

        @Override
        Assembly assembly() {
            return new Assembly(null, List.of(new AbomSlot("BRK-100", "A", new BigDecimal("2"), null),
                    new AbomSlot("FST-M3-10", "A", new BigDecimal("4"), 17L)));
        }
    }

    /** Counts what it is asked to write and keeps none of it; calls {@code onWrite} per unit. */
    static final class DiscardingCommits implements CommitStore {
        private final IntConsumer onWrite;
        long written;

        DiscardingCommits(IntConsumer onWrite) {
            this.onWrite = onWrite;
        }

        DiscardingCommits() {
            this(n -> {});
        }

        @Override
        public void create(Scope scope, List<Write.Create> creates) {
            written += creates.size();
            onWrite.accept(creates.size());
        }

        @Override
        public void createIfAbsent(Scope scope, List<Write.Create> creates) {
            create(scope, creates);
        }

        @Override
        public void claimHeld(Scope scope, List<Write.Insert> claims) {
            written += claims.size();
            onWrite.accept(claims.size());
        }

        @Override
        public void transact(Scope scope, List<Write> writes) {
            written += writes.size();
            onWrite.accept(writes.size());
        }

        @Override
        public void undo(Scope scope, List<JournalEntry> journal, List<CreatedRange> created, UndoProgress progress) {}
    }
}
