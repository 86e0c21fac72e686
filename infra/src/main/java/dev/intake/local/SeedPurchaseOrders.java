package dev.intake.local;

import dev.intake.aws.DynamoIdAllocator;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.DynamoPurchaseOrderStore;
import dev.intake.aws.PurchaseOrderSeeding;
import dev.intake.aws.PurchaseOrderItems;
import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.TrackingType;
import dev.intake.core.catalog.User;
import dev.intake.core.commit.Stamped;
import dev.intake.core.imports.IdAllocator;
import dev.intake.core.imports.ImportLedger;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.purchasing.Fee;
import dev.intake.core.purchasing.GivenUpNumber;
import dev.intake.core.purchasing.LineAmounts;
import dev.intake.core.purchasing.LineDates;
import dev.intake.core.purchasing.LineItem;
import dev.intake.core.purchasing.LineTerms;
import dev.intake.core.purchasing.OnOrderInventory;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PoLinePage;
import dev.intake.core.purchasing.PoParties;
import dev.intake.core.purchasing.PoStatus;
import dev.intake.core.purchasing.PoTerms;
import dev.intake.core.purchasing.PurchaseOrder;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import dev.intake.core.values.KeyText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.LongStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Seeds a catalog file's {@code purchaseOrders} (existing POs that files then update). A PO whose
 * number is stored already keeps its internal id and its lines' On Order inventory, so loading
 * the same file twice changes nothing. Lines of a part that creates inventory get On Order
 * inventory as imported lines do (SPEC §7), unless the PO is RECEIVED or CANCELED.
 */
final class SeedPurchaseOrders {

    /** The function's sequences (PurchaseOrderImporter): seeded ids must come from the same counters. */
    private static final String PO_SEQUENCE = IdAllocator.PURCHASE_ORDER_IDS;
    private static final String INVENTORY_SEQUENCE = IdAllocator.INVENTORY_IDS;
    private static final String TERMS = "TERMS_AND_CONDITIONS";
    private static final String QUALITY_CLAUSE = "QUALITY_CLAUSE";
    private static final Set<PoStatus> WITHOUT_ON_ORDER = EnumSet.of(PoStatus.RECEIVED, PoStatus.CANCELED);
    /** As in the importer: a serial-tracked line gets one record per unit, so the count is bounded. */

    /**
     * A checked PO, not yet given its internal id; {@code parts} holds each line's part or null,
     * {@code revisionsGiven} whether the file named the line's revision (a blank one is the latest).
     */
    record Planned(PurchaseOrder header, List<PoLine> lines, List<Part> parts, List<Boolean> revisionsGiven) {

        /**
         * Its lines with as many On Order ids as the seed gives them, placeholders of ten digits:
         * what its pages will hold, to measure before any is written (a page of ten lines of
         * 10,000 serial units each holds 100,000 ids: found by review "own46b" on 6 December 2026).
         */
        List<PoLine> linesWithTheirIds() {
            var measured = new ArrayList<PoLine>(lines.size());
            for (int j = 0; j < lines.size(); j++) {
                var line = lines.get(j);
                int units = units(header, parts.get(j), line.quantity());
                measured.add(line.withInventoryIds(LongStream.range(PLACEHOLDER_ID, PLACEHOLDER_ID + units).boxed().toList()));
            }
            return measured;
        }
    }

    private static final long PLACEHOLDER_ID = 1_000_000_000L;

    private final Catalog catalog;
    private final Problems problems;
    private final SeedValues values;

    SeedPurchaseOrders(Catalog catalog, Problems problems) {
        this.catalog = catalog;
        this.problems = problems;
        this.values = new SeedValues(catalog, problems);
    }

    List<Planned> check(List<CatalogFile.PurchaseOrderEntry> entries) {
        var planned = new ArrayList<Planned>();
        var firstIndex = new HashMap<String, Integer>();
        for (int i = 0; i < entries.size(); i++) {
            var entry = entries.get(i);
            var at = "purchaseOrders[" + i + "]";
            if (entry == null || CatalogText.blank(entry.poNumber())) {
                problems.add(at, "poNumber is required");
                continue;
            }
            var number = CatalogText.trimmed(entry.poNumber());
            if (!KeyText.fits(number)) { // the key of its number claim
                problems.keyTooLong(at, "poNumber", KeyText.MAX_BYTES, KeyText.bytes(number));
                continue;
            }
            at += " (" + number + ")";
            var first = firstIndex.putIfAbsent(number, i);
            if (first != null) {
                problems.add(at, "PO number " + number + " is already used by purchaseOrders[" + first + "]");
                continue;
            }
            int before = problems.size();
            var po = header(entry, number, at);
            var lines = new ArrayList<PoLine>();
            var parts = new ArrayList<Part>();
            var revisionsGiven = new ArrayList<Boolean>();
            for (int j = 0; j < entry.lines().size(); j++) {
                var line = entry.lines().get(j);
                var part = line == null || CatalogText.blank(line.partNumber()) ? null : part(line, at + ".lines[" + j + "]");
                lines.add(line(po, line, j + 1, part, at + ".lines[" + j + "]"));
                parts.add(part);
                revisionsGiven.add(line != null && !CatalogText.blank(line.revision()));
            }
            checkWholeUnits(po, lines, parts, revisionsGiven, at);
            if (problems.size() == before) {
                planned.add(new Planned(po, lines, parts, revisionsGiven));
            }
        }
        return planned;
    }

    private PurchaseOrder header(CatalogFile.PurchaseOrderEntry entry, String number, String at) {
        var status = PoStatus.DRAFT;
        if (entry.status() != null) {
            try {
                status = PoStatus.valueOf(CatalogText.trimmed(entry.status()).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(at, "status must be one of " + List.of(PoStatus.values()) + ", got \"" + entry.status() + "\"");
            }
        }
        String terms = catalog.defaultTermsAndConditions();
        if (entry.termsAndConditions() != null) {
            terms = catalog.requirement(entry.termsAndConditions(), TERMS).map(r -> r.title()).orElse(null);
            if (terms == null) {
                problems.add(at, "termsAndConditions: no " + TERMS + " requirement titled \"" + entry.termsAndConditions() + "\"");
            }
        }
        String assignedTo = null;
        if (!CatalogText.blank(entry.assignedTo())) {
            assignedTo = catalog.user(entry.assignedTo()).map(User::email).orElse(null);
            if (assignedTo == null) {
                problems.add(at, "assignedTo: no user with e-mail \"" + entry.assignedTo() + "\"");
            }
        }
        var parties = new PoParties(
                values.name(entry.supplier(), catalog.suppliers(), "supplier", at),
                values.name(entry.shipToLocation(), catalog.locations(), "shipToLocation", at),
                values.name(entry.billToLocation(), catalog.locations(), "billToLocation", at),
                assignedTo);
        var poTerms = new PoTerms(
                values.name(entry.currency(), catalog.currencies(), "currency", at),
                values.date(entry.orderedAt(), "orderedAt", at),
                values.name(entry.intentOption(), catalog.intentOptions(), "intentOption", at),
                terms,
                fees(entry.fees(), at));
        return new PurchaseOrder(0, number, status, CatalogText.trimmedOrNull(entry.description()), parties, poTerms, labels(entry.labels(), at),
                values.attributes(AttributeEntity.PURCHASE_ORDER, entry.attributes(), at));
    }

    private PoLine line(PurchaseOrder po, CatalogFile.PoLineEntry line, int number, Part part, String at) {
        if (line == null) {
            problems.add(at, "a line may not be null");
            return null;
        }
        if (CatalogText.blank(line.partNumber()) && CatalogText.blank(line.description())) {
            problems.add(at, "a line needs a partNumber or a description");
        }
        if (line.quantity() == null || line.quantity().signum() < 0) {
            problems.add(at, "quantity is required and must be zero or more");
        }
        var cost = line.cost() == null ? BigDecimal.ZERO : line.cost();
        values.readable(line.quantity(), "quantity", at);
        values.readable(cost, "cost", at);
        if (cost.signum() < 0) {
            problems.add(at, "cost must be zero or more");
        }
        var clauses = new ArrayList<String>();
        for (var title : line.qualityClauses()) {
            catalog.requirement(String.valueOf(title), QUALITY_CLAUSE).ifPresentOrElse(r -> clauses.add(r.title()),
                    () -> problems.add(at, "qualityClauses: no " + QUALITY_CLAUSE + " requirement titled \"" + title + "\""));
        }
        return new PoLine(0, number,
                new LineItem(part == null ? null : part.ref(), CatalogText.trimmedOrNull(line.description())),
                new LineAmounts(line.quantity() == null ? BigDecimal.ZERO : line.quantity(), cost,
                        Boolean.TRUE.equals(line.paid()), Boolean.TRUE.equals(line.percentageFeeExempt())),
                new LineDates(values.date(line.needDate(), "needDate", at),
                        values.date(line.estimatedArrivalDate(), "estimatedArrivalDate", at)),
                new LineTerms(labels(line.labels(), at), clauses,
                        values.name(line.intentOption(), catalog.intentOptions(), "intentOption", at)),
                values.attributes(AttributeEntity.PURCHASE_ORDER_LINE, line.attributes(), at),
                List.of());
    }

    /** A blank revision means the latest, as in the CSV. */
    private Part part(CatalogFile.PoLineEntry line, String at) {
        var part = catalog.parts().find(line.partNumber(), line.revision()).orElse(null);
        if (part == null) {
            problems.add(at, "unknown part " + line.partNumber() + (CatalogText.blank(line.revision()) ? "" : " rev " + line.revision()));
        }
        return part;
    }

    /** Seed files name existing labels; a typo is reported rather than created as a new label. */
    private List<String> labels(List<String> labels, String at) {
        var found = new ArrayList<String>();
        for (var label : labels) {
            var name = values.name(label, catalog.labels(), "label", at);
            if (name != null && !found.contains(name)) {
                found.add(name);
            }
        }
        return found;
    }

    private List<Fee> fees(List<CatalogFile.FeeEntry> fees, String at) {
        var result = new ArrayList<Fee>();
        var names = new HashMap<String, Integer>();
        for (int i = 0; i < fees.size(); i++) {
            var fee = fees.get(i);
            var where = at + ".fees[" + i + "]";
            if (fee == null || CatalogText.blank(fee.name()) || fee.value() == null || fee.value().signum() < 0) {
                problems.add(where, "a fee needs a name and a value of zero or more");
                continue;
            }
            if (!values.readable(fee.value(), "value", where)) {
                continue;
            }
            if (fee.name().contains(";") || fee.name().contains("[") || fee.name().contains("]")) {
                // a fees cell is Name[value][type];… (FeeList): such a name would not read back from an export
                problems.add(where, "a fee's name may not contain ';', '[' or ']', which a fees cell uses around"
                        + " and between its fees, got \"" + fee.name() + "\"");
                continue;
            }
            Fee.Type type;
            try {
                type = Fee.Type.valueOf(String.valueOf(fee.type()).trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(where, "type must be currency or percentage, got \"" + fee.type() + "\"");
                continue;
            }
            if (type == Fee.Type.PERCENTAGE && fee.value().compareTo(BigDecimal.valueOf(100)) > 0) {
                // the importer's rule (FeeList): loaded, the PO's export failed whole
                problems.add(where, "fee \"" + fee.name() + "\" is " + fee.value().toPlainString()
                        + " percent; a percentage fee is at most 100");
                continue;
            }
            if (names.putIfAbsent(NameIndex.key(fee.name()), i) != null) {
                problems.add(where, "fee \"" + fee.name() + "\" is already on this PO");
                continue;
            }
            result.add(new Fee(CatalogText.trimmed(fee.name()), fee.value(), type));
        }
        return result;
    }

    /**
     * The checks of the POs against what is stored, before the load writes anything: the
     * importer's rule for On Order records with a serial ({@link #checkSerialledOnOrder}), and no
     * new PO under a number an unfinished import gave up (refused only once the catalog and the
     * inventory had been written, until 5 December 2026: found by review). Returns what it read
     * (the stored POs' items and the number claims they were found through, their On Order
     * records, the claims on the numbers of POs not stored yet), whose writers the load asks about.
     */
    static List<Stamped<?>> checkAgainstStored(String org, List<Planned> planned, Catalog catalog, DynamoPurchaseOrderStore orders,
                                               DynamoInventoryStore inventory, ImportLedger ledger, Problems problems) {
        if (planned.isEmpty()) {
            return List.of();
        }
        var stored = orders.findByNumbers(org, planned.stream().map(p -> p.header().poNumber()).toList());
        var onOrder = inventory.findByIds(org, stored.values().stream()
                .flatMap(po -> po.lines().stream()).flatMap(line -> line.inventoryIds().stream()).toList());
        var reloads = planned.stream().map(p -> ReloadedLines.of(p, stored.get(p.header().poNumber()), catalog)).toList();
        checkSerialledOnOrder(reloads, onOrder, problems);
        checkSettledLines(reloads, problems);
        refuseUnreceiving(planned, stored, problems);
        var unstored = planned.stream().map(p -> p.header().poNumber()).filter(number -> !stored.containsKey(number)).toList();
        try {
            refuseNumbersAnUnfinishedImportGaveUp(org, unstored, orders, ledger);
        } catch (CatalogException givenUp) {
            problems.add("purchaseOrders", givenUp.getMessage());
        }
        var read = new ArrayList<Stamped<?>>(onOrder.values());
        stored.values().forEach(po -> {
            read.addAll(po.storedItems());
            read.addAll(po.foundBy()); // a rename's claim on the number the file names
        });
        if (!unstored.isEmpty()) {
            read.addAll(orders.numberClaims(org, unstored).values()); // an import's claim for a PO not written yet
        }
        return read;
    }

    /**
     * The Purchase Orders importer's rule for a stored line whose On Order record a Part Inventory
     * file gave a serial: the record follows the line's quantity, and an item with a serial holds
     * 0 or 1 (SPEC §6; LineRules). A reload set such a record to 5, and received it so (found by
     * review on 5 December 2026).
     */
    private static void checkSerialledOnOrder(List<ReloadedLines> reloads, Map<Long, Stamped<InventoryRecord>> onOrder,
                                              Problems problems) {
        var firstRecords = new java.util.LinkedHashMap<Long, String>(); // an id, and where its line is
        for (var reload : reloads) {
            var p = reload.planned();
            for (int j = 0; j < p.lines().size(); j++) {
                var part = p.parts().get(j);
                var quantity = p.lines().get(j).quantity();
                var ids = reload.keptIds(j);
                if (part != null && keepsItems(p.header(), part) && part.trackingType() != TrackingType.SERIAL
                        && quantity != null && !OnOrderInventory.zeroOrOne(quantity) && !ids.isEmpty()) {
                    firstRecords.put(ids.getFirst(), lineAt(p.header().poNumber(), j));
                }
            }
        }
        firstRecords.forEach((id, at) -> {
            var read = onOrder.get(id);
            if (read != null && read.item().serialNumber() != null) {
                problems.add(at, OnOrderInventory.serialHoldsTheLine(read.item()));
            }
        });
    }

    /**
     * A serial-tracked line's quantity is a count of units. A line whose revision is blank is
     * checked at the revision it continues, once the stored PO is read (checkSettledLines): checked
     * at the latest, the org's unchanged file was refused after a serial-tracked revision was
     * added, where the line kept its own (found by review "own48c" on 6 December 2026); so a PO
     * that fails for another reason has its blank-revision lines checked on the next load.
     */
    private void checkWholeUnits(PurchaseOrder po, List<PoLine> lines, List<Part> parts, List<Boolean> revisionsGiven, String at) {
        for (int j = 0; j < lines.size(); j++) {
            var part = parts.get(j);
            if (part != null && lines.get(j) != null && createsOnOrder(po, part) && revisionsGiven.get(j)) {
                checkWholeUnits(part, lines.get(j).quantity(), at + ".lines[" + j + "]", problems);
            }
        }
    }

    private static void checkWholeUnits(Part part, BigDecimal quantity, String at, Problems problems) {
        if (part.trackingType() == TrackingType.SERIAL && quantity != null && OnOrderInventory.wholeUnits(quantity) < 0) {
            problems.add(at, part.ref() + " is serial-tracked: quantity must be a whole number up to "
                    + OnOrderInventory.MAX_UNITS_PER_LINE + " (one On Order item per unit)");
        }
    }

    /**
     * The checks of a line that need its stored PO. A line whose revision is blank is checked at
     * the revision of the stored line it continues: checked at the latest, lot-tracked, 2.5 of a
     * serial-tracked revision was written, and its four boards deleted (found by review "own48b"
     * on 6 December 2026). And a RECEIVED load receives the units that were on order: more units
     * of a serial-tracked line would be new items, which a load stopped after the PO was written
     * lost for good (found by the same review); it is refused, told to order them first.
     */
    private static void checkSettledLines(List<ReloadedLines> reloads, Problems problems) {
        for (var reload : reloads) {
            var p = reload.planned();
            for (int j = 0; j < p.lines().size(); j++) {
                var part = p.parts().get(j);
                var quantity = p.lines().get(j).quantity();
                int kept = reload.keptIds(j).size();
                if (part == null || !keepsItems(p.header(), part) || p.header().status() == PoStatus.RECEIVED && kept == 0) {
                    continue;
                }
                if (!p.revisionsGiven().get(j) || !createsOnOrder(p.header(), part)) {
                    checkWholeUnits(part, quantity, lineAt(p.header().poNumber(), j), problems); // not checked yet
                }
                if (p.header().status() == PoStatus.RECEIVED && OnOrderInventory.wholeUnits(quantity) > kept
                        && part.trackingType() == TrackingType.SERIAL) {
                    problems.add(lineAt(p.header().poNumber(), j), "the PO is loaded as RECEIVED with " + quantity.toPlainString()
                            + " units of serial-tracked " + part.ref() + ", but " + kept + " were on order: a load receives"
                            + " what was on order; load it as ORDERED with " + quantity.toPlainString() + " first, then as RECEIVED");
                }
            }
        }
    }

    /** Whether {@code record} has a serial and a quantity an item with a serial cannot have. */
    private static boolean serialledAboveOne(InventoryRecord record) {
        return record.serialNumber() != null && !OnOrderInventory.zeroOrOne(record.quantity());
    }

    private static String lineAt(String poNumber, int line) {
        return "purchaseOrders (" + poNumber + ").lines[" + line + "]";
    }

    private static boolean createsOnOrder(PurchaseOrder po, Part part) {
        return part.createsInventory() && !WITHOUT_ON_ORDER.contains(po.status());
    }

    /**
     * Whether a line of {@code part} keeps the On Order items its stored line had, brought in step
     * with it: unless the PO is CANCELED (a RECEIVED one receives them so).
     */
    private static boolean keepsItems(PurchaseOrder po, Part part) {
        return part.createsInventory() && po.status() != PoStatus.CANCELED;
    }

    /**
     * The On Order items a line of {@code part} has after the load, its stored line having {@code
     * have}: a line of a RECEIVED PO receives no more than it had (one that had none gets none, as
     * a PO first loaded as RECEIVED; checkSettledLines refuses more of a serial-tracked part).
     */
    private static int unitsAfterLoad(PurchaseOrder po, Part part, BigDecimal quantity, int have) {
        if (part == null || !keepsItems(po, part)) {
            return 0;
        }
        int units = OnOrderInventory.units(part, quantity);
        return po.status() == PoStatus.RECEIVED ? Math.min(units, have) : units; // what was on order is received
    }

    /**
     * A number a rename gave up (its release trace) is free to seed only once that rename's import
     * has finished: its undo would give the number back to the renamed PO's header, and two POs
     * would carry it. The load is refused, naming the import.
     */
    private static void refuseNumbersAnUnfinishedImportGaveUp(String org, List<String> fresh, DynamoPurchaseOrderStore orders,
                                                             ImportLedger ledger) throws CatalogException {
        var traces = fresh.isEmpty() ? List.<Stamped<GivenUpNumber>>of() : orders.givenUpNumbers(org, fresh);
        if (traces.isEmpty()) {
            return;
        }
        var unfinished = ledger.unfinished(traces.stream().map(trace -> trace.stamp().writtenBy()).toList());
        for (var trace : traces) {
            if (unfinished.contains(trace.stamp().writtenBy())) {
                throw new CatalogException(trace.item().describe() + " was given up by import " + trace.stamp().writtenBy()
                        + ", which has not finished, and may yet be undone: load the catalog again once that import has"
                        + " finished (docs/lifecycle.md)");
            }
        }
    }

    /**
     * The claims on {@code numbers} (none of them a stored PO's) that a load wrote, by number, with
     * the PO id each holds: a load that died between claiming a new PO's number and writing the PO
     * left it (an import's claim names its import). Taken over, with its id, by this load; refused
     * as taken, the number could never be loaded again (found on 5 December 2026).
     */
    private static Map<String, Long> claimsLeftByALoad(String org, List<String> numbers, DynamoPurchaseOrderStore orders) {
        var left = new HashMap<String, Long>();
        if (!numbers.isEmpty()) {
            orders.numberClaims(org, numbers).forEach((number, claim) -> {
                if (claim.stamp().writtenBy() == null) {
                    left.put(number, claim.item().poId());
                }
            });
        }
        return left;
    }

    /**
     * A stored RECEIVED PO loaded with another status: what it had on order is in stock, and its
     * lines list no records any more, so a status with On Order inventory would make a second set
     * of them beside the received ones (the org's catalog file loaded again, still saying ORDERED,
     * counted four boards twice). CANCELED was let through, and nothing then remembered the PO
     * was received: loaded as ORDERED after it, the boards were counted twice again (found by
     * review "catalogpo" on 6 December 2026). A problem of the file: nothing is loaded.
     */
    private static void refuseUnreceiving(List<Planned> planned, Map<String, StoredPurchaseOrder> stored, Problems problems) {
        for (var p : planned) {
            var status = p.header().status();
            var before = stored.get(p.header().poNumber());
            if (status != PoStatus.RECEIVED && before != null && before.header().status() == PoStatus.RECEIVED) {
                problems.add("purchaseOrders (" + before.header().poNumber() + ").status", "the PO is RECEIVED, and a load"
                        + " keeps it so: what it had on order was received into stock when it became RECEIVED, and as "
                        + status + " it would be ordered or cancelled again; load it as RECEIVED, or leave it out of the file");
            }
        }
    }

    /**
     * Writes the POs: new ones get an id and claim their number; stored ones keep theirs. Each
     * line's On Order inventory reuses the ids the stored line had, so reloading adds nothing.
     */
    static void write(String org, List<Planned> planned, Catalog catalog, DynamoPurchaseOrderStore orders,
                      PurchaseOrderSeeding poWrites, DynamoInventoryStore inventory, DynamoIdAllocator ids, ImportLedger ledger,
                      SeededRecords seeded) throws CatalogException {
        if (planned.isEmpty()) {
            return;
        }
        var stored = orders.findByNumbers(org, planned.stream().map(p -> p.header().poNumber()).toList());
        var unstored = planned.stream().map(p -> p.header().poNumber()).filter(number -> !stored.containsKey(number)).toList();
        refuseNumbersAnUnfinishedImportGaveUp(org, unstored, orders, ledger);
        var leftByALoad = claimsLeftByALoad(org, unstored, orders);
        int fresh = (int) unstored.stream().filter(number -> !leftByALoad.containsKey(number)).count();
        long nextPoId = fresh == 0 ? 0 : ids.allocate(org, PO_SEQUENCE, fresh);
        var reloads = planned.stream().map(p -> ReloadedLines.of(p, stored.get(p.header().poNumber()), catalog)).toList();
        int newUnits = 0;
        for (var reload : reloads) {
            var p = reload.planned();
            for (int j = 0; j < p.lines().size(); j++) {
                int have = reload.keptIds(j).size();
                newUnits += Math.max(0, unitsAfterLoad(p.header(), p.parts().get(j), p.lines().get(j).quantity(), have) - have);
            }
        }
        long nextInventoryId = newUnits == 0 ? 0 : ids.allocate(org, INVENTORY_SEQUENCE, newUnits);
        // A reload keeps what imports may set on On Order items (serial, lot, attributes), as the importer does.
        var current = inventory.findByIds(org, stored.values().stream()
                .flatMap(po -> po.lines().stream()).flatMap(line -> line.inventoryIds().stream()).toList());
        var currentRecords = new HashMap<Long, InventoryRecord>();
        current.forEach((id, read) -> currentRecords.put(id, read.item()));

        var poIds = new HashMap<String, Long>(); // of the POs not stored: the number claims' ids
        for (var number : unstored) {
            poIds.put(number, leftByALoad.containsKey(number) ? leftByALoad.get(number) : nextPoId++);
        }
        // before any PO, record or stale item is written: a claim a load died after is taken over by the next
        var taken = poWrites.seedNumbers(org, poIds);
        if (!taken.isEmpty()) {
            throw new CatalogException("PO number " + taken.getFirst() + " was taken by another PO while loading");
        }
        var headers = new ArrayList<PurchaseOrder>();
        var lines = new ArrayList<PoLine>();
        var records = new ArrayList<InventoryRecord>();
        var received = new ArrayList<InventoryRecord>();
        var stale = new java.util.LinkedHashMap<Long, Stale>();
        var serialled = new ArrayList<String>();
        for (var reload : reloads) {
            var p = reload.planned();
            var number = p.header().poNumber();
            var before = stored.get(number);
            long poId = before != null ? before.header().poId() : poIds.get(number);
            var header = withId(p.header(), poId);
            headers.add(header);
            var staleInventory = stale.computeIfAbsent(poId, id -> new Stale(header.poNumber(), new ArrayList<>(), new ArrayList<>()))
                    .records();
            for (int j = 0; j < p.lines().size(); j++) {
                var line = p.lines().get(j);
                var part = p.parts().get(j);
                var previous = reload.keptIds(j);
                var withPrevious = withIds(line, poId, previous);
                boolean receiving = header.status() == PoStatus.RECEIVED;
                if (part == null || !keepsItems(header, part) || receiving && previous.isEmpty()) {
                    staleInventory.addAll(previous);
                    lines.add(withIds(line, poId, List.of()));
                    continue;
                }
                // The importer's own rule; new units take the next ids of this load's block. A PO
                // received by the load is brought in step first, as if ordered at the file's lines,
                // then received: received as stored, 3 boards of 4 ordered were 4 in stock, at the
                // old ship-to (found by review "untried" on 6 December 2026).
                var sync = OnOrderInventory.sync(header, withPrevious, part, currentRecords, nextInventoryId - previous.size(),
                        receiving ? 0 : Integer.MAX_VALUE); // no block: this load's counter gives the next ids
                // checked before writing (checkSerialledOnOrder), and again on what this read found: a
                // file may have given the record a serial in between
                for (var record : sync.puts()) {
                    if (serialledAboveOne(record)) {
                        serialled.add(lineAt(number, j) + ": " + OnOrderInventory.serialHoldsTheLine(record));
                        break;
                    }
                }
                nextInventoryId += Math.max(0, sync.inventoryIds().size() - previous.size());
                staleInventory.addAll(sync.deletes());
                if (receiving) {
                    // the goods arrived: their records stay, no longer On Order, with what files gave
                    // them (a serial for the supplier's label); deleted, they were lost
                    sync.puts().forEach(record -> received.add(record.received()));
                    lines.add(withIds(line, poId, List.of()));
                } else {
                    lines.add(withIds(line, poId, sync.inventoryIds()));
                    records.addAll(sync.puts());
                }
            }
            if (before != null) {
                staleInventory.addAll(reload.droppedIds()); // of lines the file no longer has, or of another part
                stale.get(poId).items().addAll(staleItems(org, poId, before, p.lines().size()));
            }
        }
        // before any PO, record or stale item is written (a new PO's number claim is taken over by the next load)
        if (!serialled.isEmpty()) {
            throw new CatalogException(String.join("\n", serialled)
                    + "\nThe purchase orders were not written: load the catalog again");
        }
        // Received goods go first: a load stopped after rewriting their PO left them On Order, and
        // loading again, which found the PO's lines without them, never received them.
        seeded.write(current, received);
        var storedById = new HashMap<Long, StoredPurchaseOrder>();
        stored.values().forEach(po -> storedById.put(po.header().poId(), po));
        // The POs first: a load stopped at a record an import changed is then finished by loading
        // again, which finds them stored. Written after, a stopped load's number claim and On
        // Order items had no PO, and every later load was refused. The records a PO drops go in
        // its transaction: deleted before, a record a file changed stopped the load before the PO
        // was rewritten (rewritten, it would drop the record's line and leave it owned by none),
        // but a PO a file changed was refused after its records were gone (review "own51c").
        var refused = poWrites.seed(org, headers, lines, storedById, staleRecordDeletes(stale, seeded, current));
        if (!refused.isEmpty()) { // before their stale items and records: loading again finishes the job
            var numbers = new HashMap<Long, String>();
            headers.forEach(header -> numbers.put(header.poId(), header.poNumber()));
            throw new CatalogException(refused.stream().map(po -> (po.record() == null ? "" : "inventory " + po.record() + " of ")
                            + "PO " + numbers.get(po.poId())).collect(java.util.stream.Collectors.joining(", "))
                    + " changed by an import after this load read it, and not written over: load the catalog again");
        }
        deleteStaleItems(stale.values(), poWrites);
        seeded.write(current, records);
    }

    /** What a reload leaves out of a stored PO: pages and line items past its lines, and their records. */
    private record Stale(String poNumber, List<StaleItem> items, List<Long> records) {}

    /** A page or line item of a stored PO, by key, as the load read it. */
    private record StaleItem(Map<String, AttributeValue> key, Stamped<?> read) {}

    /**
     * The deletes of the On Order records each PO drops, by the PO's internal id, each record's
     * with its serial's claim, while the record is as the load read it: they go in the PO's own
     * transaction ({@link PurchaseOrderSeeding#seed}). A record gone already has none.
     */
    private static Map<Long, List<List<TransactWriteItem>>> staleRecordDeletes(Map<Long, Stale> stale, SeededRecords seeded,
            Map<Long, Stamped<InventoryRecord>> current) {
        var deletes = new HashMap<Long, List<List<TransactWriteItem>>>();
        stale.forEach((poId, po) -> po.records().stream().distinct().map(current::get).filter(java.util.Objects::nonNull)
                .forEach(read -> deletes.computeIfAbsent(poId, id -> new ArrayList<>()).add(seeded.deletesAsRead(read))));
        return deletes;
    }


    /**
     * Deletes the pages and line items a reload leaves past each PO's lines, each while it is as
     * the load read it; a PO a file changed since stops the load, naming it. Deleted without a
     * condition, a line another file had just added was lost, and its On Order record left with
     * no line.
     */
    private static void deleteStaleItems(java.util.Collection<Stale> stale, PurchaseOrderSeeding poWrites)
            throws CatalogException {
        var changedSince = new ArrayList<String>();
        for (var po : stale) {
            boolean asRead = true;
            for (var item : po.items()) {
                asRead &= poWrites.deleteAsRead(item.key(), item.read());
            }
            if (!asRead) {
                changedSince.add("PO " + po.poNumber());
            }
        }
        stopIfChanged(changedSince);
    }

    private static void stopIfChanged(List<String> changedSince) throws CatalogException {
        if (!changedSince.isEmpty()) {
            throw new CatalogException(String.join(", ", changedSince)
                    + " changed by an import after this load read it, and not deleted: load the catalog again");
        }
    }

    /**
     * What of a stored PO's lines the seeded lines do not overwrite: its pages past the last
     * seeded line, and its line items (stored before pages: the seed writes every line in pages).
     */
    private static List<StaleItem> staleItems(String org, long poId, StoredPurchaseOrder before, int lineCount) {
        var stale = new ArrayList<StaleItem>();
        before.lineItems().forEach(item -> stale.add(new StaleItem(PurchaseOrderItems.lineKeyOf(org, poId, item.item().line()), item)));
        before.stampedPages().stream().filter(page -> lineCount == 0 || page.item().page() > PoLinePage.pageOf(lineCount))
                .forEach(page -> stale.add(new StaleItem(PurchaseOrderItems.pageKeyOf(org, poId, page.item().page()), page)));
        return stale;
    }

    private static int units(PurchaseOrder po, Part part, BigDecimal quantity) {
        return part == null || !createsOnOrder(po, part) ? 0 : OnOrderInventory.units(part, quantity);
    }

    private static PurchaseOrder withId(PurchaseOrder po, long poId) {
        return po.withIdentity(poId, po.poNumber());
    }

    private static PoLine withIds(PoLine line, long poId, List<Long> inventoryIds) {
        return line.withPosition(poId, line.line()).withInventoryIds(inventoryIds);
    }
}
