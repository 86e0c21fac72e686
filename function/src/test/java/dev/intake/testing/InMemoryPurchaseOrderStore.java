package dev.intake.testing;

import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.PoNumbers.NumberedPo;
import dev.intake.core.inventory.PoNumbers;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PoLinePage;
import dev.intake.core.purchasing.PurchaseOrder;
import dev.intake.core.purchasing.GivenUpNumber;
import dev.intake.core.purchasing.NumberClaim;
import dev.intake.core.purchasing.PurchaseOrderStore;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A {@link PurchaseOrderStore} held in maps, one set per org, with the semantics of the DynamoDB
 * store: a PO number is free or owned by exactly one PO id; {@link #findByNumbers} follows a number
 * to its PO and keys the result by the number asked for. {@link InMemoryCommitStore} writes it.
 * It can fail a given write, and let "another import" take a number just before the next claim.
 * The importer reads POs with their storage stamps (version, last writer); tests inspect them
 * without ({@link #purchaseOrders}, {@link #find}).
 */
public final class InMemoryPurchaseOrderStore implements PurchaseOrderStore, PoNumbers {

    /** One write call that touched headers or lines, as the store received it. */
    public record Write(String org, List<PurchaseOrder> headers, List<PoLine> lines) {}

    /** One number claim ({@code claim}) or release, with whether it held. */
    public record NumberCall(String org, long poId, String poNumber, boolean claim, boolean held) {}

    private record PendingTheft(String org, String poNumber, long poId) {}

    private final Map<String, Map<String, Long>> numbersByOrg = new HashMap<>();
    private final Map<String, Map<String, String>> numberWriters = new HashMap<>();
    /** The traces of numbers given up: number to the import that gave it up, per org (a claim replaces its trace). */
    private final Map<String, Map<String, String>> givenUp = new HashMap<>();
    private final Map<String, Map<Long, Stamped<PurchaseOrder>>> headersByOrg = new HashMap<>();
    private final Map<String, Map<Long, TreeMap<Integer, Stamped<PoLinePage>>>> pagesByOrg = new HashMap<>();
    private final List<Write> writes = new ArrayList<>();
    private final List<NumberCall> numberCalls = new ArrayList<>();
    private final List<PendingTheft> thefts = new ArrayList<>();
    private int failingWrite = -1;
    private Consumer<Runnable> aroundEachRead = Runnable::run;
    private Supplier<? extends Throwable> failure;

    /** Stores a PO as if an earlier import had written it: header, lines, and its number owned by it. */
    public synchronized InMemoryPurchaseOrderStore seed(String org, PurchaseOrder header, PoLine... lines) {
        numberMap(org).put(header.poNumber(), header.poId());
        headers(org).put(header.poId(), new Stamped<>(header, TestStamp.SEEDED));
        for (var page : PoLinePage.paged(header.poId(), List.of(lines))) {
            pages(org).computeIfAbsent(page.poId(), id -> new TreeMap<>()).put(page.page(), new Stamped<>(page, TestStamp.SEEDED));
        }
        return this;
    }

    /**
     * Just before the next number claim, another import takes {@code poNumber} for {@code poId}:
     * the number was free when the file was validated, and is not by commit time.
     */
    public synchronized void takeBeforeNextClaim(String org, String poNumber, long poId) {
        thefts.add(new PendingTheft(org, poNumber, poId));
    }

    /**
     * Makes the {@code n}-th write call of headers or lines from now (1-based) throw before writing
     * anything: a RuntimeException for a failure the caller sees, an Error for a crash or timeout.
     */
    public synchronized void failWrite(int n, Supplier<? extends Throwable> failure) {
        this.failingWrite = writes.size() + n;
        this.failure = failure;
    }

    /** The org's PO numbers and the PO id owning each, ordered by number. */
    public synchronized Map<String, Long> numbers(String org) {
        return new TreeMap<>(numberMap(org));
    }

    /** The org's stored POs with their lines in line order, by PO id, without storage stamps. */
    public synchronized Map<Long, StoredPurchaseOrder> purchaseOrders(String org) {
        var all = new TreeMap<Long, StoredPurchaseOrder>();
        headers(org).forEach((poId, header) -> all.put(poId, unstamped(stored(org, header))));
        return all;
    }

    /** The PO that owns {@code poNumber}, without storage stamps, or null. */
    public synchronized StoredPurchaseOrder find(String org, String poNumber) {
        var poId = numberMap(org).get(poNumber);
        var header = poId == null ? null : headers(org).get(poId);
        return header == null ? null : unstamped(stored(org, header));
    }

    /** A PO as tests compare it: its records, whatever their stamps. */
    private static StoredPurchaseOrder unstamped(StoredPurchaseOrder po) {
        return StoredPurchaseOrder.unstored(po.header(), po.lines());
    }

    @Override
    public synchronized Map<Long, NumberedPo> byIds(String org, Collection<Long> poIds) {
        var numbers = new HashMap<Long, NumberedPo>();
        poIds.forEach(poId -> {
            var header = headers(org).get(poId);
            if (header != null) {
                numbers.put(poId, new NumberedPo(header.item().poNumber(), header.item().status().name()));
            }
        });
        return numbers;
    }

    /** The write calls of headers or lines that succeeded, in order. */
    public synchronized List<Write> writes() {
        return List.copyOf(writes);
    }

    /** Every number claim and release, in order, with whether it held. */
    public synchronized List<NumberCall> numberCalls() {
        return List.copyOf(numberCalls);
    }

    /**
     * Runs {@code around} after each PO a look-up by number reads, given the importer's
     * {@code betweenReads} to run: a test makes the read slow, or watches what the importer does.
     */
    public synchronized void aroundEachRead(Consumer<Runnable> around) {
        this.aroundEachRead = around;
    }

    @Override
    public synchronized Map<String, StoredPurchaseOrder> findByNumbers(String org, Collection<String> poNumbers,
                                                                       Predicate<List<StoredPurchaseOrder>> readOn) {
        var found = new LinkedHashMap<String, StoredPurchaseOrder>();
        for (var number : poNumbers) {
            var poId = numberMap(org).get(number);
            var header = poId == null ? null : headers(org).get(poId);
            if (header != null) {
                var po = stored(org, header);
                found.put(number, po);
                var readOnAnswer = new boolean[] {true};
                // after each PO: a test sees the importer's checks between reads
                aroundEachRead.accept(() -> readOnAnswer[0] = readOn.test(List.of(po)));
                if (!readOnAnswer[0]) {
                    break;
                }
            }
        }
        return found;
    }

    @Override
    public synchronized Map<String, Stamped<NumberClaim>> numberClaims(String org, Collection<String> poNumbers) {
        var claims = new HashMap<String, Stamped<NumberClaim>>();
        for (var number : poNumbers) {
            var poId = numberMap(org).get(number);
            if (poId != null) {
                claims.put(number, new Stamped<>(new NumberClaim(number, poId), new TestStamp(0, numberWriter(org, number))));
            }
        }
        return claims;
    }

    @Override
    public synchronized List<String> numbersStartingWith(String org, String prefix) {
        return numberMap(org).keySet().stream().filter(number -> number.startsWith(prefix)).sorted().toList();
    }

    @Override
    public synchronized List<Stamped<GivenUpNumber>> givenUpNumbers(String org, Collection<String> poNumbers) {
        var traces = givenUp.computeIfAbsent(org, o -> new HashMap<>());
        return poNumbers.stream().distinct().filter(number -> !numberMap(org).containsKey(number) && traces.containsKey(number))
                .map(number -> new Stamped<>(new GivenUpNumber(number), (dev.intake.core.commit.StorageStamp)
                        new TestStamp(0, traces.get(number)))).toList();
    }

    @Override
    public synchronized List<Stamped<?>> unheldNumbers(String org, Collection<String> poNumbers) {
        var items = new ArrayList<Stamped<?>>(givenUpNumbers(org, poNumbers));
        items.addAll(numberClaims(org, poNumbers).values());
        return items;
    }

    synchronized void beforeWrite(String org, List<PurchaseOrder> headers, List<PoLinePage> pages) {
        var lines = pages.stream().flatMap(page -> page.lines().stream()).toList();
        if (writes.size() + 1 == failingWrite) {
            failingWrite = -1;
            switch (failure.get()) {
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                case Throwable t -> throw new IllegalStateException(t);
            }
        }
        writes.add(new Write(org, List.copyOf(headers), List.copyOf(lines)));
    }

    /** Lets pending thefts happen: called before claims are checked. */
    synchronized void beforeClaims() {
        thefts.forEach(theft -> numberMap(theft.org()).put(theft.poNumber(), theft.poId()));
        thefts.clear();
    }

    synchronized Long numberOwner(String org, String poNumber) {
        return numberMap(org).get(poNumber);
    }

    synchronized String numberWriter(String org, String poNumber) {
        return numberWriters.computeIfAbsent(org, o -> new HashMap<>()).get(poNumber);
    }

    synchronized void recordNumberCall(String org, long poId, String poNumber, boolean claim, boolean held) {
        numberCalls.add(new NumberCall(org, poId, poNumber, claim, held));
    }

    synchronized void putNumber(String org, String poNumber, long poId, String importId) {
        givenUp.computeIfAbsent(org, o -> new HashMap<>()).remove(poNumber);
        numberMap(org).put(poNumber, poId);
        numberWriters.computeIfAbsent(org, o -> new HashMap<>()).put(poNumber, importId);
    }

    /** Whether {@code poNumber}'s trace is there and was left by an import other than {@code importId}. */
    synchronized boolean givenUpByAnother(String org, String poNumber, String importId) {
        var releaser = givenUp.computeIfAbsent(org, o -> new HashMap<>()).get(poNumber);
        return releaser != null && !releaser.equals(importId);
    }

    /** A commit's release: the claim goes, and leaves the trace of {@code importId}. */
    synchronized void giveUpNumber(String org, String poNumber, String importId) {
        removeNumber(org, poNumber);
        givenUp.computeIfAbsent(org, o -> new HashMap<>()).put(poNumber, importId);
    }

    synchronized void removeNumber(String org, String poNumber) {
        numberMap(org).remove(poNumber);
        numberWriters.computeIfAbsent(org, o -> new HashMap<>()).remove(poNumber);
    }

    synchronized Stamped<PurchaseOrder> header(String org, long poId) {
        return headers(org).get(poId);
    }

    synchronized Stamped<PoLinePage> page(String org, long poId, int page) {
        var pages = pages(org).get(poId);
        return pages == null ? null : pages.get(page);
    }

    @SuppressWarnings("unchecked")
    synchronized void put(String org, Stamped<?> read) {
        switch (read.item()) {
            case PurchaseOrder header -> headers(org).put(header.poId(), (Stamped<PurchaseOrder>) read);
            case PoLinePage page -> pages(org).computeIfAbsent(page.poId(), id -> new TreeMap<>()).put(page.page(), (Stamped<PoLinePage>) read);
            default -> throw new IllegalArgumentException(read.item().toString());
        }
    }

    synchronized void removeHeader(String org, long poId) {
        headers(org).remove(poId);
    }

    synchronized void removePage(String org, long poId, int page) {
        var pages = pages(org).get(poId);
        if (pages != null) {
            pages.remove(page);
        }
    }

    synchronized List<Stamped<PoLinePage>> pagesOf(String org, long poId) {
        return List.copyOf(pages(org).getOrDefault(poId, new TreeMap<>()).values());
    }

    private StoredPurchaseOrder stored(String org, Stamped<PurchaseOrder> header) {
        return new StoredPurchaseOrder(header, pagesOf(org, header.item().poId()), List.of());
    }

    private Map<String, Long> numberMap(String org) {
        return numbersByOrg.computeIfAbsent(org, o -> new HashMap<>());
    }

    private Map<Long, Stamped<PurchaseOrder>> headers(String org) {
        return headersByOrg.computeIfAbsent(org, o -> new HashMap<>());
    }

    private Map<Long, TreeMap<Integer, Stamped<PoLinePage>>> pages(String org) {
        return pagesByOrg.computeIfAbsent(org, o -> new HashMap<>());
    }
}
