package dev.intake.core.purchasing;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.Stored;
import dev.intake.core.imports.HeldRecords;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
                                  List<Stamped<PoLine>> lineItems, List<Stamped<NumberClaim>> foundBy) {

    /**
     * Pages in page order and line items in line order, as a query by key returns them;
     * {@code foundBy} the number claims a look-up by number found the PO through, as read (empty
     * where it was not looked up by number): an import must not build on a claim whose writer has
     * not finished (a rename that may yet be undone).
     */
    public StoredPurchaseOrder {
        stampedPages = List.copyOf(stampedPages);
        lineItems = List.copyOf(lineItems);
        foundBy = List.copyOf(foundBy);
    }

    /** A PO as read by its id (a query of its items, a journal), not through a number. */
    public StoredPurchaseOrder(Stamped<PurchaseOrder> stampedHeader, List<Stamped<PoLinePage>> stampedPages,
                               List<Stamped<PoLine>> lineItems) {
        this(stampedHeader, stampedPages, lineItems, List.of());
    }

    /** This PO, found through {@code claims}. */
    public StoredPurchaseOrder foundThrough(List<Stamped<NumberClaim>> claims) {
        return new StoredPurchaseOrder(stampedHeader, stampedPages, lineItems, claims);
    }

    /** A PO as no store holds it (tests): its lines in pages. */
    public static StoredPurchaseOrder unstored(PurchaseOrder header, List<PoLine> lines) {
        return new StoredPurchaseOrder(Stamped.unstored(header),
                PoLinePage.paged(header.poId(), lines).stream().map(Stamped::unstored).toList(), List.of());
    }

    public PurchaseOrder header() {
        return stampedHeader.item();
    }

    /**
     * What the PO takes in memory, estimated ({@link HeldRecords}): 600 bytes for its header and
     * 1,200 for each line (a review of 6 December 2026 measured 1.1 to 1.4 KB a plain line), their
     * texts as strings (descriptions, terms and conditions, parties, fees, labels, clauses), their
     * custom attributes, and each On Order id a line names (a line of many serial units names one
     * a unit). The On Order records are counted as they are read, each as it holds
     * ({@code PurchaseOrderImporter.onOrderRecords}): only some are read, and an assembly's take
     * some 8 KB (found by review "poscale" on 6 December 2026: counted here at 450 bytes, a file of
     * three rows ran out of memory). Until the first review the terms, parties, fees, ids and
     * records were left out (0.3 of a PO with long terms).
     */
    public long heldBytes() {
        var header = header();
        var parties = header.parties();
        var terms = header.terms();
        long bytes = 600 + HeldRecords.stringBytes(header.description()) + attributes(header.attributes())
                + strings(header.labels()) + HeldRecords.stringBytes(parties.supplier())
                + HeldRecords.stringBytes(parties.shipToLocation()) + HeldRecords.stringBytes(parties.billToLocation())
                + HeldRecords.stringBytes(parties.assignedTo()) + HeldRecords.stringBytes(terms.termsAndConditions())
                + 100L * terms.fees().size() + strings(terms.fees().stream().map(Fee::name).toList());
        for (var line : lines()) {
            bytes += 1_200 + HeldRecords.stringBytes(line.item().description()) + attributes(line.attributes())
                    + strings(line.terms().labels()) + strings(line.terms().qualityClauses())
                    + 24L * line.inventoryIds().size();
        }
        return bytes;
    }

    private static long strings(Collection<String> texts) {
        return texts.stream().mapToLong(HeldRecords::stringBytes).sum();
    }

    private static long attributes(Map<String, CustomValue> attributes) {
        return attributes.values().stream().mapToLong(HeldRecords::attributeBytes).sum();
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
     * The POs an import's journal holds the before-states of, keyed by their number then: the
     * POs as the import validated them, which a resumed commit works on. The journal is written
     * whole before the import is marked COMMITTING, so it holds every item validation read; an
     * item journaled only as made by the import (a page it added) was not there.
     */
    @SuppressWarnings("unchecked")
    static Map<String, StoredPurchaseOrder> byNumber(List<JournalEntry> journal) {
        var headers = new TreeMap<Long, Stamped<PurchaseOrder>>();
        var pages = new TreeMap<Long, Map<Integer, Stamped<PoLinePage>>>();
        var lines = new TreeMap<Long, Map<Integer, Stamped<PoLine>>>();
        // A resumed attempt journals again: the earliest before-state of an item is the one validated.
        for (var entry : journal) {
            if (!entry.existed()) {
                continue;
            }
            switch (entry.item()) {
                case PurchaseOrder header -> headers.putIfAbsent(header.poId(), (Stamped<PurchaseOrder>) entry.state());
                case PoLinePage page -> inPo(pages, page.poId()).putIfAbsent(page.page(), (Stamped<PoLinePage>) entry.state());
                case PoLine line -> inPo(lines, line.poId()).putIfAbsent(line.line(), (Stamped<PoLine>) entry.state());
                default -> { }
            }
        }
        var byNumber = new LinkedHashMap<String, StoredPurchaseOrder>();
        headers.forEach((poId, header) -> byNumber.put(header.item().poNumber(), new StoredPurchaseOrder(header,
                inOrder(pages.get(poId)), inOrder(lines.get(poId)))));
        return byNumber;
    }

    private static <T extends Stored> Map<Integer, Stamped<T>> inPo(Map<Long, Map<Integer, Stamped<T>>> byPo, long poId) {
        return byPo.computeIfAbsent(poId, id -> new TreeMap<>());
    }

    private static <T extends Stored> List<Stamped<T>> inOrder(Map<Integer, Stamped<T>> byNumber) {
        return byNumber == null ? List.of() : List.copyOf(byNumber.values());
    }
}
