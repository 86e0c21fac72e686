package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.PoNumbers.NumberedPo;
import dev.intake.core.inventory.PoNumbers;
import dev.intake.core.purchasing.GivenUpNumber;
import dev.intake.core.purchasing.NumberClaim;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PoLinePage;
import dev.intake.core.purchasing.PurchaseOrder;
import dev.intake.core.purchasing.PurchaseOrderStore;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.Executor;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@link PurchaseOrderStore} (and the PO numbers On Order inventory refers to) on PurchaseOrdersTable (docs/dynamodb.md). */
public final class DynamoPurchaseOrderStore implements PurchaseOrderStore, PoNumbers {

    /** POs read between two calls of a look-up's {@code readOn}: a few rounds of the queries in flight. */
    static final int POS_BETWEEN_CALLS = 64;

    private final DynamoDbClient dynamo;
    private final DynamoBatches batches;
    private final String table;

    public DynamoPurchaseOrderStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, null);
    }

    /** With batched reads and writes sent on {@code executor}, several at a time (null: one at a time). */
    public DynamoPurchaseOrderStore(DynamoDbClient dynamo, String table, Executor executor) {
        this.dynamo = dynamo;
        this.batches = new DynamoBatches(dynamo, executor);
        this.table = table;
    }

    @Override
    public Map<String, StoredPurchaseOrder> findByNumbers(String org, Collection<String> poNumbers,
                                                          Predicate<List<StoredPurchaseOrder>> readOn) {
        var claimsByPo = new LinkedHashMap<Long, List<Stamped<NumberClaim>>>();
        for (var claim : claims(org, poNumbers)) {
            claimsByPo.computeIfAbsent(claim.item().poId(), poId -> new ArrayList<>()).add(claim);
        }
        // Keyed by the number asked for, not the header's: after an interrupted rename the new
        // number is claimed while the header still carries the old one. A PO found by two numbers
        // is one object under both.
        var poIds = List.copyOf(claimsByPo.keySet());
        var loaded = loadAll(org, poIds, readOn);
        var found = new LinkedHashMap<String, StoredPurchaseOrder>();
        for (int i = 0; i < loaded.size(); i++) { // fewer than asked where readOn stopped the look-up
            var po = loaded.get(i);
            if (po != null) {
                var claims = claimsByPo.get(poIds.get(i));
                var foundThrough = po.foundThrough(claims);
                claims.forEach(claim -> found.put(claim.item().poNumber(), foundThrough));
            }
        }
        return found;
    }

    @Override
    public Map<String, Stamped<NumberClaim>> numberClaims(String org, Collection<String> poNumbers) {
        return claims(org, poNumbers).stream().collect(Collectors.toMap(claim -> claim.item().poNumber(), claim -> claim));
    }

    @Override
    public List<Stamped<GivenUpNumber>> givenUpNumbers(String org, Collection<String> poNumbers) {
        return numberItems(org, poNumbers).filter(item -> !PurchaseOrderItems.heldNumber(item))
                .map(DynamoPurchaseOrderStore::trace).toList();
    }

    @Override
    public List<Stamped<?>> unheldNumbers(String org, Collection<String> poNumbers) {
        return numberItems(org, poNumbers)
                .<Stamped<?>>map(item -> PurchaseOrderItems.heldNumber(item) ? claim(item) : trace(item)).toList();
    }

    /** The claims on {@code poNumbers} that a PO holds (not the traces of numbers given up), each stamped with its writer. */
    private List<Stamped<NumberClaim>> claims(String org, Collection<String> poNumbers) {
        return numberItems(org, poNumbers).filter(PurchaseOrderItems::heldNumber).map(DynamoPurchaseOrderStore::claim).toList();
    }

    private static Stamped<NumberClaim> claim(Map<String, AttributeValue> item) {
        return new Stamped<>(new NumberClaim(PurchaseOrderItems.numberOf(item), longValue(item, "poId")),
                new ItemStamp(0, str(item, "importId")));
    }

    private static Stamped<GivenUpNumber> trace(Map<String, AttributeValue> item) {
        return new Stamped<>(new GivenUpNumber(PurchaseOrderItems.numberOf(item)), new ItemStamp(0, str(item, "importId")));
    }

    /** The number items of {@code poNumbers} that exist: claims and traces. */
    private Stream<Map<String, AttributeValue>> numberItems(String org, Collection<String> poNumbers) {
        var keys = poNumbers.stream().distinct().map(number -> PurchaseOrderItems.numberKey(org, number)).toList();
        return batches.getAll(table, keys).stream();
    }

    @Override
    public Map<Long, NumberedPo> byIds(String org, Collection<Long> poIds) {
        var keys = poIds.stream().distinct().map(poId -> PurchaseOrderItems.headerKey(org, poId)).toList();
        var numbers = new HashMap<Long, NumberedPo>();
        for (var header : batches.getAll(table, keys)) {
            numbers.put(longValue(header, "poId"), new NumberedPo(str(header, "poNumber"), str(header, "status")));
        }
        return numbers;
    }

    /**
     * Each PO by its own query (its header, line items and pages share a key prefix, which no batch
     * read can ask for), several out at once: one after another, a re-import of an export of
     * 15,000 POs spent 43 s reading before it validated a row. Results in order;
     * null where a PO is gone. {@code readOn} is given each {@link #POS_BETWEEN_CALLS} read, and
     * may stop the reads there.
     */
    private List<StoredPurchaseOrder> loadAll(String org, List<Long> poIds, Predicate<List<StoredPurchaseOrder>> readOn) {
        var loaded = new ArrayList<StoredPurchaseOrder>(poIds.size());
        for (int from = 0; from < poIds.size(); from += POS_BETWEEN_CALLS) {
            var read = batches.each(poIds.subList(from, Math.min(poIds.size(), from + POS_BETWEEN_CALLS)),
                    poId -> load(org, poId));
            loaded.addAll(read);
            if (!readOn.test(read.stream().filter(Objects::nonNull).toList())) {
                break;
            }
        }
        return loaded;
    }

    private StoredPurchaseOrder load(String org, long poId) {
        return grouped(query(Shards.of(org, poId), PurchaseOrderItems.poKey(poId))).findFirst().orElse(null);
    }

    /** One query of number items a shard; a PO's number item holds its {@code poId} (a trace of one given up holds none). */
    @Override
    public List<String> numbersStartingWith(String org, String prefix) {
        return Shards.all(org).stream().flatMap(shard -> query(shard, "number#" + prefix))
                .filter(item -> item.containsKey("poId")).map(item -> str(item, "sk").substring("number#".length())).sorted().toList();
    }

    /** A shard's items whose sort key begins with {@code prefix}, in key order, a page of {@link Shards#PAGE_ITEMS} at a time. */
    Stream<Map<String, AttributeValue>> query(String shard, String prefix) {
        return dynamo.queryPaginator(b -> b.tableName(table).consistentRead(true).limit(Shards.PAGE_ITEMS)
                        .keyConditionExpression("#pk = :shard AND begins_with(sk, :prefix)")
                        .expressionAttributeNames(Map.of("#pk", PurchaseOrderItems.PARTITION))
                        .expressionAttributeValues(Map.of(":shard", s(shard), ":prefix", s(prefix))))
                .items().stream();
    }

    /**
     * Items come sorted by key: each header is followed by its line items and pages. Pages and
     * line items whose header is gone belong to no PO and are skipped: an undo that died between
     * deleting a created PO's header and its pages leaves them until its retry deletes them too
     * (found by review: they were listed as the lines of the PO before them, another import's).
     */
    static Stream<StoredPurchaseOrder> grouped(Stream<Map<String, AttributeValue>> items) {
        var pos = new PoGroups(items.iterator());
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(pos, Spliterator.ORDERED | Spliterator.NONNULL), false)
                .onClose(items::close);
    }

    /** The POs of items sorted by key, each made when asked for: its header, then its pages and line items. */
    private static final class PoGroups implements Iterator<StoredPurchaseOrder> {
        private final Iterator<Map<String, AttributeValue>> items;
        /** The next PO's header, read ahead; null at the end. */
        private Stamped<PurchaseOrder> header;

        PoGroups(Iterator<Map<String, AttributeValue>> items) {
            this.items = items;
            this.header = nextHeader();
        }

        @Override
        public boolean hasNext() {
            return header != null;
        }

        @Override
        public StoredPurchaseOrder next() {
            if (header == null) {
                throw new NoSuchElementException();
            }
            var current = header;
            var pages = new ArrayList<Stamped<PoLinePage>>();
            var lines = new ArrayList<Stamped<PoLine>>();
            header = null;
            while (header == null && items.hasNext()) {
                var item = items.next();
                if (PurchaseOrderItems.isPage(item)) {
                    var page = PurchaseOrderItems.readPage(item);
                    if (page.item().poId() == current.item().poId()) {
                        pages.add(page);
                    }
                } else if (PurchaseOrderItems.isLineItem(item)) {
                    var line = PurchaseOrderItems.readLine(item);
                    if (line.item().poId() == current.item().poId()) {
                        lines.add(line);
                    }
                } else {
                    header = PurchaseOrderItems.readHeader(item);
                }
            }
            return new StoredPurchaseOrder(current, pages, lines);
        }

        /** Skips pages and line items before the first header: their PO is gone. */
        private Stamped<PurchaseOrder> nextHeader() {
            while (items.hasNext()) {
                var item = items.next();
                if (!PurchaseOrderItems.isPage(item) && !PurchaseOrderItems.isLineItem(item)) {
                    return PurchaseOrderItems.readHeader(item);
                }
            }
            return null;
        }
    }
}
