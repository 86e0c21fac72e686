package dev.intake.local;

import dev.intake.IntakeConfig;
import dev.intake.aws.OrgScans;
import dev.intake.aws.CatalogItems;
import dev.intake.aws.DynamoCatalogStore;
import dev.intake.aws.DynamoIdAllocator;
import dev.intake.aws.DynamoImportLedger;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.DynamoPurchaseOrderStore;
import dev.intake.aws.InventorySeeding;
import dev.intake.aws.PurchaseOrderSeeding;
import dev.intake.aws.SeededIdRanges;
import dev.intake.aws.DynamoSerialRegistry;
import dev.intake.aws.HighestStoredIds;
import dev.intake.aws.InventoryItems;
import dev.intake.aws.PurchaseOrderItems;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.commit.Stamped;
import dev.intake.core.imports.IdAllocator;
import dev.intake.core.imports.ObjectKey;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialKey;
import dev.intake.core.purchasing.PoLinePage;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Loads a catalog file into the tables (SPEC §8): validates all of it against the org's stored
 * catalog, inventory and purchase orders first, then merges. An invalid file loads nothing.
 */
public final class CatalogLoader {

    /** The id sequence imports draw inventory ids from (PartInventoryImporter's). */
    private static final String INVENTORY_SEQUENCE = IdAllocator.INVENTORY_IDS;

    private final DynamoCatalogStore catalogs;
    private final DynamoInventoryStore inventory;
    private final DynamoIdAllocator ids;
    private final DynamoPurchaseOrderStore orders;
    private final DynamoSerialRegistry serials;
    /** The load's own writes, beside the stores the function shares (they live in the CLI's module). */
    private final InventorySeeding inventoryWrites;
    private final PurchaseOrderSeeding poWrites;
    private final SeededIdRanges seededRanges;
    private final DynamoDbClient dynamo;
    private final IntakeConfig config;
    /** The lease of the load under way, if any ({@link #stop}). */
    private volatile CatalogLoadLease held;

    /**
     * Where a load's inventory reads and writes go out, several at a time, as an import's do.
     * Without it a load sent one request after another (measured on 7 December 2026; see
     * InventorySeeding#seed). Daemon threads: the CLI ends while they idle.
     */
    private static final ExecutorService SENDERS = Executors.newCachedThreadPool(task -> {
        var thread = new Thread(task, "intake-catalog-load");
        thread.setDaemon(true);
        return thread;
    });

    public CatalogLoader(DynamoDbClient dynamo, IntakeConfig config) {
        this.dynamo = dynamo;
        this.config = config;
        // a PO's items go in one transaction, a hundred items to one: sent one by one in parallel,
        // a page landed before its header, and a load that died between left states a reload took
        // for an import's change (the crash sweep of CatalogFaultsTest, 7 December 2026)
        this.orders = new DynamoPurchaseOrderStore(dynamo, config.purchaseOrdersTable(), SENDERS);
        this.catalogs = new DynamoCatalogStore(dynamo, config.catalogTable());
        this.inventory = new DynamoInventoryStore(dynamo, config.inventoryTable(), SENDERS);
        // the ids of new POs and their On Order records, checked as an import's are: a catalog
        // restored on its own handed a seeded PO the id of one a file imported
        this.ids = new DynamoIdAllocator(dynamo, config.catalogTable(),
                new HighestStoredIds(dynamo, config.inventoryTable(), config.purchaseOrdersTable(), SENDERS));
        this.serials = new DynamoSerialRegistry(dynamo, config.serialsTable());
        this.inventoryWrites = new InventorySeeding(dynamo, config.inventoryTable(), SENDERS);
        this.poWrites = new PurchaseOrderSeeding(dynamo, config.purchaseOrdersTable(), SENDERS);
        this.seededRanges = new SeededIdRanges(dynamo, config.catalogTable());
    }

    /** What a load wrote, for the CLI's one-line summary. */
    public record Summary(String org, int catalogItems, int parts, int newParts, int inventory, int purchaseOrders,
                          int movedParts) {
        @Override
        public String toString() {
            return "Loaded the catalog of " + org + ": " + catalogItems + " reference records, " + parts + " part revisions ("
                    + newParts + " new), " + inventory + " inventory items, " + purchaseOrders + " purchase orders"
                    + (movedParts == 0 ? "" : "; " + movedParts + " stored part revisions moved to the current form of their key"
                    + " (docs/catalog.md)");
        }
    }

    public boolean hasCatalog(String org) {
        // not the lease, the retype count, the marks (load#…), nor an id counter: a first load that
        // stopped after reserving its ids left only that, and imports skipped loading the catalog
        // (found by review "own52e" on 7 December 2026)
        return catalogs.items(org).stream().map(item -> item.get("sk").s())
                .anyMatch(sk -> !sk.startsWith("load#") && !sk.startsWith("sequence#"));
    }

    /**
     * A retype is checked against the POs stored when the load reads them; an import that has
     * not finished may have validated on the old types and write after that read (a PO file
     * validated with a quality clause the load makes the terms, committed after the check: found
     * by review on 6 December 2026). So a load that retypes waits for none: it is refused while
     * any import of the org has not finished, naming them (the imports table's byOrg index, the
     * org's whole history, read only by a load that retypes).
     */
    private void refuseRetypesBesideUnfinishedImports(String org, Problems problems) {
        BucketImports.unfinishedOfOrg(dynamo, config.importsTable(), org, any -> true, 10).forEach(left -> problems.add("import " + left.importId(),
                "of " + left.key() + " has not finished (" + left.status() + "), and may have validated on the types this"
                        + " file changes: load the catalog again once it has finished (docs/catalog.md)"));
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
            int before = problems.size();
            po.lines().forEach(line -> StorableItems.check(at + ".lines[" + (line.line() - 1) + "]",
                    PurchaseOrderItems.toItem(org, line), problems));
            if (problems.size() == before) {
                checkPages(org, at, po, problems);
            }
        }
    }

    /**
     * The seed writes a PO's lines ten to an item (a page), packed, with their On Order ids: ten
     * long lines that each fit an item may not fit one together. Checked line by line only, such a
     * file stopped partway with DynamoDB's message, and loading it again stopped the same way.
     */
    private static void checkPages(String org, String at, SeedPurchaseOrders.Planned po, Problems problems) {
        for (var page : PoLinePage.paged(po.header().poId(), po.linesWithTheirIds())) {
            var lines = page.lines();
            StorableItems.check(at + ".lines[" + (lines.getFirst().line() - 1) + ".." + (lines.getLast().line() - 1)
                    + "] (stored together, ten lines to a DynamoDB item)", PurchaseOrderItems.toItem(org, page), problems);
        }
    }

    /**
     * Moves the id sequence past the seeded ids before any is written, so an import never creates
     * one. A new seeded id (no record holds it) at or below what the sequence has handed out may be
     * an import's, reserved and not yet written: the load is refused rather than have one record
     * land on the other. Not where a load reserved it (the
     * sequence keeps the ranges loads reserved, which no import was handed): that load stopped
     * before writing it, or its answer was lost and the SDK sent it again, and loading again
     * finishes the job (found by review on 5 December 2026: such a file could never be loaded again).
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
        var taken = seededRanges.reserve(org, INVENTORY_SEQUENCE, fresh, highest);
        if (!taken.isEmpty()) {
            long handedOut = ids.peek(org, INVENTORY_SEQUENCE) - 1;
            throw new CatalogException("inventory: new ids " + firstTen(taken) + " are at or below " + handedOut
                    + ", the last id imports have been given; seed new items with ids above it");
        }
    }

    /**
     * Writes the catalog's items, each part number's revisions in their order, one round at a time
     * (the first revision of every part number, then the second, ...): DynamoDB may write any part
     * of a batch and hand back the rest, and a load that stopped with only a later revision
     * written made the earlier one the latest when loaded again, as a new revision (found by
     * review on 5 December 2026). A round is sent once the one before has landed.
     */
    private void putInRevisionOrder(List<Map<String, AttributeValue>> writes) {
        var rounds = new java.util.ArrayList<List<Map<String, AttributeValue>>>();
        var placed = new HashMap<String, Integer>();
        writes.stream().sorted(java.util.Comparator.comparingLong(CatalogLoader::revisionOrder)).forEach(item -> {
            var partNumber = item.get("sk").s().startsWith("part#") ? NameIndex.key(item.get("partNumber").s()) : null;
            int round = partNumber == null ? 0 : placed.merge(partNumber, 1, Integer::sum) - 1;
            while (rounds.size() <= round) {
                rounds.add(new java.util.ArrayList<>());
            }
            rounds.get(round).add(item);
        });
        rounds.forEach(catalogs::putAll);
    }

    /** A part revision's place among its part number's ({@code seq}); 0 for the other catalog items. */
    private static long revisionOrder(Map<String, AttributeValue> item) {
        var seq = item.get("seq");
        return seq == null ? 0 : Long.parseLong(seq.n());
    }

    /**
     * No load builds on an unfinished import's work, as no import does (docs/lifecycle.md): where
     * an import that has not ended wrote an item the load read, its undo may yet change or delete
     * it under the load. A reload kept such a PO's On Order records as they were, and the import's
     * undo then deleted them, leaving the PO listing records that were gone (found by review on 5
     * December 2026). So too where such an import gave up a serial the load gives a record: its
     * undo would want the serial back (a load took it, and the import's undo, failing, left its
     * other changes in place; found by review "crossrace" on 6 December 2026). Refused, naming
     * the import; loading again once it has ended goes ahead.
     */
    private static void checkWriters(Collection<Stamped<InventoryRecord>> records, List<Stamped<?>> poItems,
                                     List<Stamped<?>> serialsGivenUp, DynamoImportLedger ledger, Problems problems) {
        var read = new java.util.ArrayList<Stamped<?>>(records);
        read.addAll(poItems);
        read.addAll(serialsGivenUp);
        var writers = read.stream().map(item -> item.stamp().writtenBy()).filter(java.util.Objects::nonNull).distinct().toList();
        if (writers.isEmpty()) {
            return;
        }
        // named by its file too: an import id alone sent the operator to ./intake dump imports to find which
        var unfinished = new TreeMap<>(ledger.unfinishedKeys(writers));
        unfinished.forEach((importId, key) -> problems.add("import " + importId + " (of " + key + ")", "has not finished, and wrote"
                + " records, purchase orders or serial numbers this file loads: its undo may yet change them; load the catalog again once"
                + " it has finished (docs/lifecycle.md)"));
    }

    /** At most ten of {@code ids}, and how many more: the message of a large file stays readable (it listed 25,343). */
    private static String firstTen(List<Long> ids) {
        return ids.size() <= 10 ? ids.toString()
                : ids.subList(0, 10).toString().replace("]", ", and " + (ids.size() - 10) + " more]");
    }

    /**
     * The record each serial's claim names (the look-up batches its reads a hundred keys at a
     * time); the traces of those given up go to {@code givenUp}, for {@link #checkWriters}.
     */
    private Map<SerialKey, Long> serialHolders(String org, Collection<SerialKey> keys, List<Stamped<?>> givenUp) {
        var holders = new HashMap<SerialKey, Long>();
        var lookup = serials.lookUp(org, keys, true);
        lookup.holders().forEach((key, claim) -> holders.put(key, claim.item().id()));
        givenUp.addAll(lookup.givenUp());
        return holders;
    }

    public Summary load(CatalogFile file, String source) throws CatalogException {
        return load(file, source, null);
    }

    /** {@code path}: the file loaded, where there is one, kept on the org's mark while the load writes ({@link #unfinishedLoads}). */
    public Summary load(CatalogFile file, String source, java.nio.file.Path path) throws CatalogException {
        var problems = new Problems();
        var org = file.org() == null ? "" : file.org();
        if (org.contains("/") || !ObjectKey.validOrg(org)) {
            // "required" for a name given was a puzzle to its writer (stop 48's operator review)
            problems.add("org", (org.isBlank() ? "required" : "not a name an S3 key can carry") + ": the org's name, exactly"
                    + " as the first segment of its S3 keys (no \"/\" or \"#\", no space at either end), got \"" + org + "\"");
            problems.throwIfAny(source);
        }
        CatalogText.refuseUnreadable(file, problems);
        try (var lease = CatalogLoadLease.take(dynamo, config.catalogTable(), org, source, Clock.systemUTC())) {
            held = lease;
            return loadHolding(file, source, path, org, lease, problems);
        } finally {
            held = null;
        }
    }

    /**
     * The org's catalog loads that began writing and did not finish (stopped by Ctrl-C, or failed
     * mid-write), one mark each ({@code load#unfinished#…}, by file): put once a load's ids are
     * reserved, as its writes begin, and deleted once they are done. The org then "has a catalog",
     * half of one, and {@code ./intake import}, which loads an org's catalog only where it has
     * none, skipped it: the next import failed UNKNOWN_REFERENCE on a part the catalog names (found
     * by review "interrupts" on 7 December 2026). A mark per file: a load of another file, refused
     * or finished, leaves the stopped one's (reviews "own52c" and "own52d").
     */
    public List<UnfinishedLoad> unfinishedLoads(String org) {
        return dynamo.queryPaginator(b -> b.tableName(config.catalogTable()).consistentRead(true)
                        .keyConditionExpression("org = :org AND begins_with(sk, :mark)")
                        .expressionAttributeValues(Map.of(":org", AttributeValue.fromS(org),
                                ":mark", AttributeValue.fromS(CatalogItems.LOAD_UNFINISHED + "#"))))
                .items().stream()
                .map(item -> new UnfinishedLoad(item.get("source").s(),
                        item.containsKey("path") ? java.nio.file.Path.of(item.get("path").s()) : null))
                .toList();
    }

    /** A catalog load that did not finish: the file as it was named, and its absolute path where known. */
    public record UnfinishedLoad(String source, java.nio.file.Path path) {

        /** How a message names it: by its path where known. */
        public String named() {
            return path == null ? source : path.toString();
        }
    }

    private void markUnfinished(String org, String source, java.nio.file.Path path) {
        var item = new HashMap<>(unfinishedKey(org, source, path));
        item.put("source", AttributeValue.fromS(source));
        if (path != null) {
            item.put("path", AttributeValue.fromS(path.toAbsolutePath().normalize().toString()));
        }
        dynamo.putItem(b -> b.tableName(config.catalogTable()).item(item));
    }

    private void clearUnfinished(String org, String source, java.nio.file.Path path) {
        dynamo.deleteItem(b -> b.tableName(config.catalogTable()).key(unfinishedKey(org, source, path)));
    }

    /** The mark of one file: by its absolute path, or by its name where there is no path; a digest, as keys are bounded. */
    private static Map<String, AttributeValue> unfinishedKey(String org, String source, java.nio.file.Path path) {
        var file = path == null ? "source:" + source : "path:" + path.toAbsolutePath().normalize();
        return Map.of("org", AttributeValue.fromS(org), "sk", AttributeValue.fromS(CatalogItems.LOAD_UNFINISHED + "#"
                + dev.intake.core.imports.ImportTicket.digest(file)));
    }

    /**
     * Gives back the org's lease of a load under way, for a load stopped by Ctrl-C: the next
     * load would otherwise be refused until the lease ran out, though nothing runs.
     */
    public void stop() {
        var lease = held;
        if (lease != null) {
            lease.close();
        }
    }

    private Summary loadHolding(CatalogFile file, String source, java.nio.file.Path path, String org, CatalogLoadLease lease,
                                Problems problems)
            throws CatalogException {
        var merge = new CatalogMerge(org, catalogs.items(org), problems);
        merge.apply(file);
        try {
            if (merge.retypes().any()) {
                checkRetypes(org, merge.retypes(), lease, problems);
            }
            return checkThenWrite(file, source, path, org, merge, lease, problems);
        } finally {
            lease.takeBackRetypeUnlessWritten(); // refused, or stopped before its catalog writes
        }
    }

    /**
     * A retype's checks, in this order: the load marks itself retyping (imports that commit after
     * it are refused), then looks for unfinished imports (those that committed before it were
     * claimed before it, and are found), then checks the stored POs (imports that finished before
     * the look wrote theirs before). Checked before the mark, a whole import could fall between the
     * check and the mark, and both commit.
     */
    private void checkRetypes(String org, Retypes retypes, CatalogLoadLease lease, Problems problems) {
        if (problems.isEmpty()) { // a load refused already refuses no import
            lease.markRetyping();
        }
        refuseRetypesBesideUnfinishedImports(org, problems);
        try (var all = OrgScans.purchaseOrders(orders, org)) {
            retypes.checkAgainst(all, problems);
        }
    }

    /** The seed checks, then the writes. */
    private Summary checkThenWrite(CatalogFile file, String source, java.nio.file.Path path, String org, CatalogMerge merge,
                                   CatalogLoadLease lease, Problems problems) throws CatalogException {
        var ledger = new DynamoImportLedger(dynamo, config.importsTable());
        var catalog = merge.catalog();
        var read = SeedNeighbourhood.read(inventory, org, file.inventory());
        var stored = read.values().stream().map(Stamped::item).collect(Collectors.toMap(InventoryRecord::id, Function.identity()));
        var serialsGivenUp = new java.util.ArrayList<Stamped<?>>();
        var records = new SeedInventory(catalog, stored, keys -> serialHolders(org, keys, serialsGivenUp), problems)
                .build(file.inventory());
        var purchaseOrders = new SeedPurchaseOrders(catalog, problems).check(file.purchaseOrders());
        var poItemsRead = SeedPurchaseOrders.checkAgainstStored(org, purchaseOrders, catalog, orders, inventory, ledger, problems);
        checkWriters(read.values(), poItemsRead, serialsGivenUp, ledger, problems);
        var writes = merge.writes();
        checkStorable(org, file, writes, records, purchaseOrders, problems);
        problems.throwIfAny(source);

        try {
            reserveSeededIds(org, file, stored); // refused (an id imports were given), it wrote nothing: no mark
            markUnfinished(org, source, path);
            lease.retypesWriting(); // from here, what the file retypes may be written
            putInRevisionOrder(writes);
            catalogs.deleteAll(org, merge.legacyKeys());
            var seeded = new SeededRecords(org, inventoryWrites, config.serialsTable());
            // Imports check serials by their claims, so seeded serials are claimed like imported ones.
            seeded.write(read, records);
            // After the inventory sequence moved past the seeded ids: On Order items draw from it.
            SeedPurchaseOrders.write(org, purchaseOrders, catalog, orders, poWrites, inventory, ids, ledger, seeded);
        } catch (SdkException stopped) {
            // DynamoDB gave up (throttled past the SDK's retries, gone): until 5 December 2026 its
            // text was all a user saw, with nothing of what was written or what to do
            throw new CatalogException("the load stopped partway (" + IntakeCli.describe(stopped) + "): part of the file"
                    + " may be written; load the catalog again to finish it", stopped);
        }
        clearUnfinished(org, source, path);
        int partWrites = (int) writes.stream().filter(item -> item.get("sk").s().startsWith("part#")).count();
        return new Summary(org, writes.size() - partWrites, partWrites - merge.movedParts(), merge.newParts(),
                file.inventory().size(), purchaseOrders.size(), merge.movedParts());
    }
}
