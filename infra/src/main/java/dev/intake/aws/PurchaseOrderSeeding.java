package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.LeaseFence;
import dev.intake.core.commit.Stamped;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PoLinePage;
import dev.intake.core.purchasing.PurchaseOrder;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A catalog load's writes to PurchaseOrdersTable (docs/dynamodb.md). Only the CLI loads a
 * catalog, so this lives in its module, not in the function's jar, and in the function's package,
 * where the item format ({@link PurchaseOrderItems}) is, so it need not be public.
 */
public final class PurchaseOrderSeeding {

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    private final String table;

    /** With transactions sent on {@code executor}, several at a time (null: one at a time). */
    public PurchaseOrderSeeding(DynamoDbClient dynamo, String table, Executor executor) {
        this.dynamo = dynamo;
        this.batches = new DynamoBatches(dynamo, executor);
        this.table = table;
    }

    /**
     * Writes headers and lines (in pages) as given (loading a catalog seeds its POs), each item of
     * a PO stored before ({@code before}, by internal id) at its next version: back at version 0,
     * an import that read it before the load could write over the next import's change, whose
     * version would then match its own. Each write holds
     * while the item is as the load read it; returns the POs an import changed since (their items
     * are not written), each with the On Order record the import changed where it was one the PO
     * drops. Until 4 December 2026 the writes held unconditionally,
     * and such a change was lost. {@code alongside}, by internal id, holds writes that go in with
     * a PO, whole or not at all, each list together: the deletes of the On Order records a reload
     * drops from it ({@link InventorySeeding#deletesAsRead}).
     */
    public List<Refused> seed(String org, List<PurchaseOrder> headers, List<PoLine> lines, Map<Long, StoredPurchaseOrder> before,
                              Map<Long, List<List<TransactWriteItem>>> alongside) {
        var pages = lines.stream().collect(Collectors.groupingBy(PoLine::poId, LinkedHashMap::new, Collectors.toList()));
        var seeded = headers.stream().map(header -> new PoSeed(header.poId(), seedsOf(org, header,
                        PoLinePage.paged(header.poId(), pages.getOrDefault(header.poId(), List.of())), before.get(header.poId())),
                        alongside.getOrDefault(header.poId(), List.of())))
                .filter(po -> !po.items().isEmpty() || !po.alongside().isEmpty()).toList();
        var groups = SeedTransactions.pack(seeded, this::writesOf, po -> List.of());
        return batches.each(groups, this::seedGroup).stream().flatMap(List::stream).toList();
    }

    /**
     * A PO a load did not write: an import changed it, or, where {@code record} is not null, that
     * On Order record of it (one the load was to delete with it), since the load read them.
     */
    public record Refused(long poId, Long record) {}

    /** A PO's items to write, header first, and the writes that go in with it. */
    private record PoSeed(long poId, List<Seed> items, List<List<TransactWriteItem>> alongside) {}

    private List<TransactWriteItem> writesOf(PoSeed po) {
        var writes = new ArrayList<TransactWriteItem>();
        po.alongside().forEach(writes::addAll);
        po.items().forEach(item -> writes.add(write(item)));
        return writes;
    }

    /**
     * A PO's header and pages, header first, but those as stored: rewritten, an item's next
     * version refused every import that had read it, for a load that changed nothing (compared as
     * stored, where a cost of 12.50 is 12.5).
     */
    private static List<Seed> seedsOf(String org, PurchaseOrder header, List<PoLinePage> pages, StoredPurchaseOrder before) {
        var seeds = new ArrayList<Seed>();
        seeds.add(new Seed(header.poId(), asRead(before, StoredPurchaseOrder::stampedHeader),
                version -> PurchaseOrderItems.toItem(org, header, version, null)));
        pages.forEach(page -> seeds.add(new Seed(page.poId(), asRead(before, stored -> stored.page(page.page())),
                version -> PurchaseOrderItems.toItem(org, page, version, null))));
        seeds.removeIf(seed -> seed.read() != null && seed.item().apply(0).equals(storedForm(org, seed.read().item())));
        return seeds;
    }

    /**
     * Writes a group of POs in one transaction. Where a condition failed (an import changed an
     * item since the load read it) or other transactions kept it out, each PO is written on its
     * own ({@link #seedPo}), which finds the POs changed: returned.
     */
    private List<Refused> seedGroup(SeedTransactions.Group<PoSeed> group) {
        if (group.members().size() > 1 && group.fitsOneTransaction() && SeedTransactions.landedWhole(batches, group)) {
            return List.of();
        }
        return group.members().stream().map(this::seedPo).flatMap(Optional::stream).toList();
    }

    /**
     * Writes one PO whole or not at all: in one transaction, or, for a PO of more writes than one
     * takes, the writes that go with it first ({@link #alongsideChecked}), then its items an item
     * at a time, header first, stopping at the first refused. Empty where it went in; else what an
     * import changed since the load read it. Until 7 December 2026 a refused PO's other items were
     * written one by one: a reload whose header an import had changed wrote the reload's lines
     * under the import's header, and the load said it had not written over the PO (found by review
     * "own51b"); and the On Order records it dropped were deleted before the PO was refused,
     * leaving lines whose records were gone (review "own51c").
     */
    private Optional<Refused> seedPo(PoSeed po) {
        var writes = writesOf(po);
        if (writes.size() == 1 && writes.getFirst().put() != null) { // a plain put, half the write units of a transaction
            return refusedUnless(po, SeedTransactions.putAlone(dynamo, writes.getFirst().put()));
        }
        if (new SeedTransactions.Group<>(List.of(po), writes).fitsOneTransaction()) {
            return refused(po, List.of(), po.alongside(), batches.transact(LeaseFence.NONE, writes, cancelled -> { }));
        }
        var refused = alongsideChecked(po);
        return refused.isPresent() ? refused
                : refusedUnless(po, po.items().stream().allMatch(item -> SeedTransactions.putAlone(dynamo, write(item).put())));
    }

    /**
     * Sends the writes that go with a PO too large for one transaction, in transactions that also
     * check that the items it rewrites are as the load read them: the first of them, header first,
     * as many as leave room for a record's delete and its claim's. So none goes in beside a PO an
     * import changed (found by review "own51d": a reload dropping 100 serial units deleted their
     * records, then found the header changed; "own51e": a PO of 50 items and more was not checked).
     */
    private Optional<Refused> alongsideChecked(PoSeed po) {
        var checks = po.items().stream().limit(CommitStore.TRANSACTION_UNIT - 2).map(this::asReadCheck).toList();
        var chunk = new ArrayList<List<TransactWriteItem>>();
        int size = checks.size();
        for (var together : po.alongside()) {
            if (size + together.size() > CommitStore.TRANSACTION_UNIT && !chunk.isEmpty()) {
                var refused = sendChecked(po, checks, chunk);
                if (refused.isPresent()) {
                    return refused;
                }
                chunk.clear();
                size = checks.size();
            }
            chunk.add(together);
            size += together.size();
        }
        return chunk.isEmpty() ? Optional.empty() : sendChecked(po, checks, chunk);
    }

    /** Sends {@code chunk}, lists of writes that go with the PO, in one transaction with {@code checks}. */
    private Optional<Refused> sendChecked(PoSeed po, List<TransactWriteItem> checks, List<List<TransactWriteItem>> chunk) {
        var writes = new ArrayList<>(checks);
        chunk.forEach(writes::addAll);
        return refused(po, checks, chunk, batches.transact(LeaseFence.NONE, writes, cancelled -> { }));
    }

    private static Optional<Refused> refusedUnless(PoSeed po, boolean written) {
        return written ? Optional.empty() : Optional.of(new Refused(po.poId(), null));
    }

    /**
     * What a transaction of {@code before} writes, then the lists {@code lists} (each a record's
     * delete first), then anything else, was refused for: nothing where it went in ({@code
     * cancelled} empty); the record of the first list whose write failed its condition, if one did;
     * else the PO.
     */
    private static Optional<Refused> refused(PoSeed po, List<TransactWriteItem> before, List<List<TransactWriteItem>> lists,
                                             List<CancellationReason> cancelled) {
        if (cancelled.isEmpty()) {
            return Optional.empty();
        }
        int at = before.size();
        for (var together : lists) {
            for (int i = 0; i < together.size(); i++) {
                if (DynamoBatches.failedCondition(cancelled, at + i)) {
                    return Optional.of(new Refused(po.poId(), Long.valueOf(together.getFirst().delete().key().get("id").n())));
                }
            }
            at += together.size();
        }
        return Optional.of(new Refused(po.poId(), null));
    }

    /** A check, for a transaction, that the item is as the load read it (absent where it read none). */
    private TransactWriteItem asReadCheck(Seed seed) {
        var item = seed.item().apply(0);
        var key = Map.of(PurchaseOrderItems.PARTITION, item.get(PurchaseOrderItems.PARTITION), "sk", item.get("sk"));
        var asRead = AsRead.of(seed.read(), PurchaseOrderItems.PARTITION);
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key).conditionExpression(asRead.expression())
                .expressionAttributeNames(asRead.names()).expressionAttributeValues(asRead.valuesOrNull())).build();
    }

    /** A header or page read, as a seed of it would store it (at version 0, written by no import). */
    private static Map<String, AttributeValue> storedForm(String org, Object read) {
        return switch (read) {
            case PurchaseOrder header -> PurchaseOrderItems.toItem(org, header, 0, null);
            case PoLinePage page -> PurchaseOrderItems.toItem(org, page, 0, null);
            default -> throw new IllegalArgumentException("not a PO item: " + read);
        };
    }

    /** One item of a seeded PO: its header or a page, and the item as the load read it (null: absent). */
    private record Seed(long poId, Stamped<?> read, java.util.function.LongFunction<Map<String, AttributeValue>> item) {}

    private static Stamped<?> asRead(StoredPurchaseOrder stored, java.util.function.Function<StoredPurchaseOrder, Stamped<?>> read) {
        return stored == null ? null : read.apply(stored);
    }

    /** The put of the item at the version after the one read, while it is as read (an import may have changed it since). */
    private TransactWriteItem write(Seed seed) {
        var asRead = AsRead.of(seed.read(), PurchaseOrderItems.PARTITION);
        long version = seed.read() == null ? 0 : StoredItems.version(seed.read()) + 1;
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(seed.item().apply(version))
                .conditionExpression(asRead.expression()).expressionAttributeNames(asRead.names())
                .expressionAttributeValues(asRead.valuesOrNull())).build();
    }

    /**
     * Deletes a page or line item of a PO a catalog load shortened, while it is as the load read it;
     * false, and nothing deleted, where an import changed it since (found by review on 4 December
     * 2026: deleted unconditionally, a line another file had just added was lost, and its On Order
     * record left with no line).
     */
    public boolean deleteAsRead(Map<String, AttributeValue> key, Stamped<?> read) {
        var asRead = AsRead.of(read, PurchaseOrderItems.PARTITION);
        return ConditionalWrite.applied(() -> dynamo.deleteItem(b -> b.tableName(table).key(key)
                .conditionExpression(asRead.expression()).expressionAttributeNames(asRead.names())
                .expressionAttributeValues(asRead.valuesOrNull())));
    }

    /**
     * Takes each number of {@code idsByNumber} for its PO id where it is free (or already its), a
     * hundred to a transaction, several at once: one at a time, 2,000 new POs paid 2,000 round
     * trips. Returns the numbers another PO holds; their transactions wrote none of their claims,
     * which the load, refused, does not need.
     */
    public List<String> seedNumbers(String org, Map<String, Long> idsByNumber) {
        var claims = List.copyOf(idsByNumber.entrySet());
        return batches.inChunks(claims, CommitStore.TRANSACTION_UNIT, chunk -> {
            var cancelled = batches.transact(LeaseFence.NONE, chunk.stream().map(claim -> TransactWriteItem.builder()
                    .put(p -> p.tableName(table).item(PurchaseOrderItems.numberItem(org, claim.getKey(), claim.getValue(), null))
                            .conditionExpression("attribute_not_exists(poId) OR poId = :poId") // free (absent or a trace), or its own
                            .expressionAttributeValues(Map.of(":poId", n(claim.getValue())))).build()).toList(), e -> { });
            return java.util.stream.IntStream.range(0, chunk.size()).filter(i -> DynamoBatches.failedCondition(cancelled, i))
                    .mapToObj(i -> chunk.get(i).getKey()).toList();
        });
    }
}
