package dev.intake.local;

import dev.intake.IntakeConfig;
import dev.intake.aws.DynamoCatalogStore;
import dev.intake.aws.DynamoIdAllocator;
import dev.intake.aws.DynamoImportLedger;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.DynamoPurchaseOrderStore;
import dev.intake.aws.DynamoSerialRegistry;
import dev.intake.aws.InventoryItems;
import dev.intake.aws.PurchaseOrderItems;
import dev.intake.core.commit.Stamped;
import dev.intake.core.imports.ObjectKey;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialKey;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Loads a catalog file into the tables (SPEC §8): validates all of it against the org's stored
 * catalog, inventory and purchase orders first, then merges. An invalid file loads nothing.
 */
public final class CatalogLoader {

    /** The id sequence imports draw inventory ids from (PartInventoryImporter's). */
    private static final String INVENTORY_SEQUENCE = "inventory";

    private final DynamoCatalogStore catalogs;
    private final DynamoInventoryStore inventory;
    private final DynamoIdAllocator ids;
    private final DynamoPurchaseOrderStore orders;
    private final DynamoSerialRegistry serials;
    private final DynamoDbClient dynamo;
    private final IntakeConfig config;

    public CatalogLoader(DynamoDbClient dynamo, IntakeConfig config) {
        this.dynamo = dynamo;
        this.config = config;
        this.orders = new DynamoPurchaseOrderStore(dynamo, config.purchaseOrdersTable());
        this.catalogs = new DynamoCatalogStore(dynamo, config.catalogTable());
        this.inventory = new DynamoInventoryStore(dynamo, config.inventoryTable());
        this.ids = new DynamoIdAllocator(dynamo, config.catalogTable());
        this.serials = new DynamoSerialRegistry(dynamo, config.serialsTable());
    }

    /** What a load wrote, for the CLI's one-line summary. */
    public record Summary(String org, int catalogItems, int parts, int newParts, int inventory, int purchaseOrders) {
        @Override
        public String toString() {
            return "Loaded the catalog of " + org + ": " + catalogItems + " reference records, " + parts + " part revisions ("
                    + newParts + " new), " + inventory + " inventory items, " + purchaseOrders + " purchase orders";
        }
    }

    public boolean hasCatalog(String org) {
        return !catalogs.items(org).isEmpty();
    }

    /** Every item the load would write, checked against what DynamoDB stores ({@link StorableItems}). */
    private static void checkStorable(String org, CatalogFile file, List<Map<String, AttributeValue>> catalogItems,
                                      List<InventoryRecord> records, List<SeedPurchaseOrders.Planned> purchaseOrders, Problems problems) {
        catalogItems.forEach(item -> StorableItems.check(item.get("sk").s(), item, problems));
        var places = new HashMap<Long, String>();
        for (int i = 0; i < file.inventory().size(); i++) {
            var entry = file.inventory().get(i);
            if (entry != null) { // a null entry is reported by SeedInventory
                places.putIfAbsent(entry.id(), "inventory[" + i + "] (id " + entry.id() + ")");
            }
        }
        records.forEach(record -> StorableItems.check(places.getOrDefault(record.id(), "inventory " + record.id()),
                InventoryItems.toItem(org, record), problems));
        for (var po : purchaseOrders) {
            var at = "purchaseOrders (" + po.header().poNumber() + ")";
            StorableItems.check(at, PurchaseOrderItems.toItem(org, po.header()), problems);
            po.lines().forEach(line -> StorableItems.check(at + ".lines[" + (line.line() - 1) + "]",
                    PurchaseOrderItems.toItem(org, line), problems));
        }
    }

    /**
     * Moves the id sequence past the seeded ids before any is written, so an import never creates
     * one. A new seeded id (no record holds it) at or below what the sequence has handed out may be
     * an import's, reserved and not yet written: the load is refused rather than have one record
     * land on the other (found by review on 4 December 2026).
     */
    private void reserveSeededIds(String org, CatalogFile file, Map<Long, InventoryRecord> stored) throws CatalogException {
        long highest = file.inventory().stream().mapToLong(CatalogFile.InventoryEntry::id).max().orElse(0);
        var fresh = file.inventory().stream().map(CatalogFile.InventoryEntry::id).filter(id -> !stored.containsKey(id)).sorted().toList();
        if (fresh.isEmpty()) {
            if (highest > 0) {
                ids.advanceTo(org, INVENTORY_SEQUENCE, highest);
            }
            return;
        }
        if (!ids.advanceIfBelow(org, INVENTORY_SEQUENCE, fresh.getFirst(), highest)) {
            long handedOut = ids.peek(org, INVENTORY_SEQUENCE) - 1;
            throw new CatalogException("inventory: new ids " + fresh.stream().filter(id -> id <= handedOut).toList()
                    + " are at or below " + handedOut + ", the last id imports have been given; seed new items with ids above it");
        }
    }

    /** The record each serial's claim names (the look-up batches its reads a hundred keys at a time). */
    private Map<SerialKey, Long> serialHolders(String org, Collection<SerialKey> keys) {
        var holders = new HashMap<SerialKey, Long>();
        serials.lookUp(org, keys, true).holders().forEach((key, claim) -> holders.put(key, claim.item().id()));
        return holders;
    }

    public Summary load(CatalogFile file, String source) throws CatalogException {
        var problems = new Problems();
        var org = file.org() == null ? "" : file.org().trim();
        if (org.contains("/") || !ObjectKey.validOrg(org)) {
            problems.add("org", "required: the org's name, as the first segment of its S3 keys (no \"/\" or \"#\"), got \""
                    + org + "\"");
            problems.throwIfAny(source);
        }
        var merge = new CatalogMerge(org, catalogs.items(org), problems);
        merge.apply(file);
        var catalog = merge.catalog();
        var read = SeedNeighbourhood.read(inventory, org, file.inventory());
        var stored = read.values().stream().map(Stamped::item).collect(Collectors.toMap(InventoryRecord::id, Function.identity()));
        var records = new SeedInventory(catalog, stored, keys -> serialHolders(org, keys), problems).build(file.inventory());
        var purchaseOrders = new SeedPurchaseOrders(catalog, problems).check(file.purchaseOrders());
        SeedPurchaseOrders.checkSerialledOnOrder(org, purchaseOrders, orders, inventory, problems);
        var writes = merge.writes();
        checkStorable(org, file, writes, records, purchaseOrders, problems);
        problems.throwIfAny(source);

        reserveSeededIds(org, file, stored);
        catalogs.putAll(writes);
        var seeded = new SeededRecords(org, inventory, serials);
        // Imports check serials by their claims, so seeded serials are claimed like imported ones.
        seeded.write(read, records);
        // After the inventory sequence moved past the seeded ids: On Order items draw from it.
        SeedPurchaseOrders.write(org, purchaseOrders, orders, inventory, ids,
                new DynamoImportLedger(dynamo, config.importsTable()), seeded, config.serialsTable());
        int parts = (int) writes.stream().filter(item -> item.get("sk").s().startsWith("part#")).count();
        return new Summary(org, writes.size() - parts, parts, merge.newParts(), file.inventory().size(), purchaseOrders.size());
    }
}
