package dev.intake.testing;

import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PurchaseOrder;
import dev.intake.core.purchasing.PurchaseOrderStore;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A {@link PurchaseOrderStore} held in maps, one set per org, with the semantics of the DynamoDB
 * store: a PO number is free or owned by exactly one PO id; {@link #claimNumber} takes a number
 * that is free or already the caller's and gives up the previous number, which must be the
 * caller's, in the same step, or does nothing; {@link #findByNumbers} follows a number to its PO
 * (whose header may still carry an older number after an interrupted rename) and keys the result
 * by the number asked for. It can fail a given write, and let "another import" take a number just
 * before the next claim.
 */
public final class InMemoryPurchaseOrderStore implements PurchaseOrderStore {

    /** One {@link #putAll} call as the store received it. */
    public record Write(String org, List<PurchaseOrder> headers, List<PoLine> lines) {}

    /** One {@link #claimNumber} or {@link #releaseNumber} call ({@code previousNumber} null for a release). */
    public record NumberCall(String org, long poId, String poNumber, String previousNumber, boolean claim, boolean held) {}

    private record PendingTheft(String org, String poNumber, long poId) {}

    private final Map<String, Map<String, Long>> numbersByOrg = new HashMap<>();
    private final Map<String, Map<Long, PurchaseOrder>> headersByOrg = new HashMap<>();
    private final Map<String, Map<Long, TreeMap<Integer, PoLine>>> linesByOrg = new HashMap<>();
    private final List<Write> writes = new ArrayList<>();
    private final List<NumberCall> numberCalls = new ArrayList<>();
    private final List<PendingTheft> thefts = new ArrayList<>();
    private int failingWrite = -1;
    private Supplier<? extends Throwable> failure;

    /** Stores a PO as if an earlier import had written it: header, lines, and its number owned by it. */
    public InMemoryPurchaseOrderStore seed(String org, PurchaseOrder header, PoLine... lines) {
        numberMap(org).put(header.poNumber(), header.poId());
        headers(org).put(header.poId(), header);
        for (var line : lines) {
            lines(org).computeIfAbsent(line.poId(), id -> new TreeMap<>()).put(line.line(), line);
        }
        return this;
    }

    /**
     * Just before the next {@link #claimNumber} call, another import takes {@code poNumber} for
     * {@code poId}: the number was free when the file was validated, and is not by commit time.
     */
    public void takeBeforeNextClaim(String org, String poNumber, long poId) {
        thefts.add(new PendingTheft(org, poNumber, poId));
    }

    /**
     * Makes the {@code n}-th putAll call from now (1-based) throw before writing anything: a
     * RuntimeException for a failure the caller sees, an Error to stand for a crash or timeout.
     */
    public void failWrite(int n, Supplier<? extends Throwable> failure) {
        this.failingWrite = writes.size() + n;
        this.failure = failure;
    }

    /** The org's PO numbers and the PO id owning each, ordered by number. */
    public Map<String, Long> numbers(String org) {
        return new TreeMap<>(numberMap(org));
    }

    /** The org's stored POs with their lines in line order, by PO id. */
    public Map<Long, StoredPurchaseOrder> purchaseOrders(String org) {
        var all = new TreeMap<Long, StoredPurchaseOrder>();
        headers(org).forEach((poId, header) -> all.put(poId, stored(org, header)));
        return all;
    }

    /** The PO that owns {@code poNumber}, or null. */
    public StoredPurchaseOrder find(String org, String poNumber) {
        var poId = numberMap(org).get(poNumber);
        var header = poId == null ? null : headers(org).get(poId);
        return header == null ? null : stored(org, header);
    }

    /** The putAll calls that succeeded, in order. */
    public List<Write> writes() {
        return List.copyOf(writes);
    }

    /** Every claim and release, in order, with whether it held. */
    public List<NumberCall> numberCalls() {
        return List.copyOf(numberCalls);
    }

    @Override
    public Map<String, StoredPurchaseOrder> findByNumbers(String org, Collection<String> poNumbers) {
        var found = new LinkedHashMap<String, StoredPurchaseOrder>();
        for (var number : poNumbers) {
            var poId = numberMap(org).get(number);
            var header = poId == null ? null : headers(org).get(poId);
            if (header != null) {
                found.put(number, stored(org, header));
            }
        }
        return found;
    }

    @Override
    public boolean claimNumber(String org, long poId, String poNumber, String previousNumber) {
        thefts.forEach(theft -> numberMap(theft.org()).put(theft.poNumber(), theft.poId()));
        thefts.clear();
        var numbers = numberMap(org);
        var held = freeOrOwnedBy(numbers, poNumber, poId)
                && (previousNumber == null || Objects.equals(numbers.get(previousNumber), poId));
        if (held) {
            numbers.put(poNumber, poId);
            if (previousNumber != null) {
                numbers.remove(previousNumber);
            }
        }
        numberCalls.add(new NumberCall(org, poId, poNumber, previousNumber, true, held));
        return held;
    }

    @Override
    public void releaseNumber(String org, long poId, String poNumber) {
        var numbers = numberMap(org);
        var held = Objects.equals(numbers.get(poNumber), poId);
        if (held) {
            numbers.remove(poNumber);
        }
        numberCalls.add(new NumberCall(org, poId, poNumber, null, false, held));
    }

    @Override
    public void putAll(String org, List<PurchaseOrder> headers, List<PoLine> lines) {
        if (writes.size() + 1 == failingWrite) {
            failingWrite = -1;
            switch (failure.get()) {
                case RuntimeException e -> throw e;
                case Error e -> throw e;
                case Throwable t -> throw new IllegalStateException(t);
            }
        }
        writes.add(new Write(org, List.copyOf(headers), List.copyOf(lines)));
        headers.forEach(header -> headers(org).put(header.poId(), header));
        lines.forEach(line -> lines(org).computeIfAbsent(line.poId(), id -> new TreeMap<>()).put(line.line(), line));
    }

    private static boolean freeOrOwnedBy(Map<String, Long> numbers, String number, long poId) {
        var owner = numbers.get(number);
        return owner == null || owner == poId;
    }

    private StoredPurchaseOrder stored(String org, PurchaseOrder header) {
        var lines = lines(org).getOrDefault(header.poId(), new TreeMap<>());
        return new StoredPurchaseOrder(header, List.copyOf(lines.values()));
    }

    private Map<String, Long> numberMap(String org) {
        return numbersByOrg.computeIfAbsent(org, o -> new HashMap<>());
    }

    private Map<Long, PurchaseOrder> headers(String org) {
        return headersByOrg.computeIfAbsent(org, o -> new HashMap<>());
    }

    private Map<Long, TreeMap<Integer, PoLine>> lines(String org) {
        return linesByOrg.computeIfAbsent(org, o -> new HashMap<>());
    }
}
