package dev.intake.core.purchasing;

import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.Stored;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;

/**
 * A purchase order as a store read it: its header and its lines, each with the stamp of that read
 * (what the commit's conditional writes need). Lines are stored in {@link PoLinePage pages};
 * {@code lineItems} are lines stored one item each, as Intake stored them before pages, which the
 * next import that touches the PO rewrites in pages. A PO with pages has its lines there: line
 * items beside them are leftovers (the undo of an import that crashed while deleting them, after
 * another import rewrote the PO in pages), read as nothing and deleted by the next import that
 * touches the PO.
 * {@link #header()} and {@link #lines()} are the records themselves.
 */
public record StoredPurchaseOrder(Stamped<PurchaseOrder> stampedHeader, List<Stamped<PoLinePage>> stampedPages,
                                  List<Stamped<PoLine>> lineItems) {

    /** Pages in page order and line items in line order, as a query by key returns them. */
    public StoredPurchaseOrder {
        stampedPages = List.copyOf(stampedPages);
        lineItems = List.copyOf(lineItems);
    }

    /** A PO as no store holds it (seeds, tests): its lines in pages. */
    public static StoredPurchaseOrder unstored(PurchaseOrder header, List<PoLine> lines) {
        return new StoredPurchaseOrder(Stamped.unstored(header),
                PoLinePage.paged(header.poId(), lines).stream().map(Stamped::unstored).toList(), List.of());
    }

    public PurchaseOrder header() {
        return stampedHeader.item();
    }

    /** Every line, in line order. */
    public List<PoLine> lines() {
        return stampedLines().stream().map(Stamped::item).toList();
    }

    /**
     * Every line in line order, each with the stamp of the item it was read from (its page's, or
     * its own for a PO stored as line items).
     */
    public List<Stamped<PoLine>> stampedLines() {
        if (stampedPages.isEmpty()) {
            return lineItems;
        }
        var lines = new ArrayList<Stamped<PoLine>>();
        for (var page : stampedPages) {
            page.item().lines().forEach(line -> lines.add(new Stamped<>(line, page.stamp())));
        }
        return lines;
    }

    /** The stored page with this index, or null. */
    public Stamped<PoLinePage> page(int page) {
        return stampedPages.stream().filter(read -> read.item().page() == page).findFirst().orElse(null);
    }

    /** Every item the PO is stored as: its header, pages and line items, as read. */
    public List<Stamped<?>> storedItems() {
        var items = new ArrayList<Stamped<?>>();
        items.add(stampedHeader);
        items.addAll(stampedPages);
        items.addAll(lineItems);
        return items;
    }

    /**
     * The POs as an import validated them, which its resumed commit works on: each item as the
     * import's journal holds it from before the import changed it, and an item the journal lacks
     * as stored now. Once its up-front part is whole, the journal holds every item validation
     * read; an attempt that stopped while writing that part had sent no write, so what it left
     * out is still as validated. Left out are the POs under the ids the import reserved
     * ({@code ownIds}) and items journaled as made by it (a page it added to a stored PO).
     * Keyed by number: a journaled PO by the number it had, the others as {@code stored} keys them.
     *
     * @param stored the POs stored now under the numbers the file names
     */
    static Map<String, StoredPurchaseOrder> asValidated(List<JournalEntry> journal, Map<String, StoredPurchaseOrder> stored,
                                                        LongPredicate ownIds) {
        var before = new LinkedHashMap<String, Stamped<?>>();
        var made = new HashSet<String>();
        for (var entry : journal) {
            if (entry.existed()) {
                // A resumed attempt journals again: the earliest before-state of an item is the one validated.
                before.putIfAbsent(entry.item().identity(), entry.state());
            } else {
                made.add(entry.item().identity());
            }
        }
        var items = new PoItems();
        stored.values().stream().filter(po -> !ownIds.test(po.header().poId()))
                .flatMap(po -> po.storedItems().stream())
                .filter(read -> !made.contains(read.item().identity()))
                .forEach(items::put);
        before.values().forEach(items::put);
        var byNumber = new LinkedHashMap<String, StoredPurchaseOrder>();
        var journaledPos = new HashSet<Long>();
        for (var read : before.values()) {
            if (read.item() instanceof PurchaseOrder header) {
                journaledPos.add(header.poId());
                byNumber.put(header.poNumber(), items.po(header.poId()));
            }
        }
        stored.forEach((number, po) -> {
            long poId = po.header().poId();
            if (!ownIds.test(poId) && !journaledPos.contains(poId)) {
                byNumber.putIfAbsent(number, items.po(poId));
            }
        });
        return byNumber;
    }

    /** The items of POs by PO id, each put replacing the one before it. */
    private static final class PoItems {
        private final Map<Long, Stamped<PurchaseOrder>> headers = new HashMap<>();
        private final Map<Long, Map<Integer, Stamped<PoLinePage>>> pages = new HashMap<>();
        private final Map<Long, Map<Integer, Stamped<PoLine>>> lines = new HashMap<>();

        @SuppressWarnings("unchecked")
        void put(Stamped<?> read) {
            switch (read.item()) {
                case PurchaseOrder header -> headers.put(header.poId(), (Stamped<PurchaseOrder>) read);
                case PoLinePage page -> inPo(pages, page.poId()).put(page.page(), (Stamped<PoLinePage>) read);
                case PoLine line -> inPo(lines, line.poId()).put(line.line(), (Stamped<PoLine>) read);
                default -> { } // On Order records and number claims: not part of a PO
            }
        }

        StoredPurchaseOrder po(long poId) {
            return new StoredPurchaseOrder(headers.get(poId), inOrder(pages.get(poId)), inOrder(lines.get(poId)));
        }
    }

    private static <T extends Stored> Map<Integer, Stamped<T>> inPo(Map<Long, Map<Integer, Stamped<T>>> byPo, long poId) {
        return byPo.computeIfAbsent(poId, id -> new TreeMap<>());
    }

    private static <T extends Stored> List<Stamped<T>> inOrder(Map<Integer, Stamped<T>> byNumber) {
        return byNumber == null ? List.of() : List.copyOf(byNumber.values());
    }
}
