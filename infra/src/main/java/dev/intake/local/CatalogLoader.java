package dev.intake.local;

import dev.intake.IntakeConfig;
import dev.intake.aws.DynamoCatalogStore;
import dev.intake.aws.DynamoIdAllocator;
import dev.intake.aws.DynamoImportLedger;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.DynamoPurchaseOrderStore;
import dev.intake.aws.DynamoSerialRegistry;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.inventory.SerialKey;
import dev.intake.core.inventory.InventoryRecord;
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

    public Summary load(CatalogFile file, String source) throws CatalogException {
        var problems = new Problems();
        var org = file.org() == null ? "" : file.org().trim();
        if (org.isEmpty() || org.contains("/")) {
            problems.add("org", "required: the org's name, as the first segment of its S3 keys (no \"/\")");
            problems.throwIfAny(source);
        }
        var merge = new CatalogMerge(org, catalogs.items(org), problems);
        merge.apply(file);
        var catalog = merge.catalog();
        Map<Long, InventoryRecord> stored = file.inventory().isEmpty() ? Map.of()
                : inventory.all(org).stream().collect(Collectors.toMap(InventoryRecord::id, Function.identity()));
        var records = new SeedInventory(catalog, stored, problems).build(file.inventory());
        var purchaseOrders = new SeedPurchaseOrders(catalog, problems).check(file.purchaseOrders());
        problems.throwIfAny(source);

        var writes = merge.writes();
        catalogs.putAll(writes);
        if (!records.isEmpty()) {
            inventory.seed(org, records);
            // Imports check serials by their claims, so seeded serials are claimed like imported ones.
            serials.seed(org, records.stream().filter(r -> r.serialNumber() != null)
                    .map(r -> new SerialClaim(new SerialKey(r.part().partNumber(), r.serialNumber()), r.id())).toList());
        }
        long highestSeeded = file.inventory().stream().mapToLong(CatalogFile.InventoryEntry::id).max().orElse(0);
        if (highestSeeded > 0) {
            // New ids continue after the seeded ones, so an import never reuses a seeded id.
            ids.advanceTo(org, INVENTORY_SEQUENCE, highestSeeded);
        }
        // After the inventory sequence moved past the seeded ids: On Order items draw from it.
        SeedPurchaseOrders.write(org, purchaseOrders, dynamo, orders, inventory, ids,
                new DynamoImportLedger(dynamo, config.importsTable()), config.purchaseOrdersTable(), config.inventoryTable());
        int parts = (int) writes.stream().filter(item -> item.get("sk").s().startsWith("part#")).count();
        return new Summary(org, writes.size() - parts, parts, merge.newParts(), file.inventory().size(), purchaseOrders.size());
    }
}
