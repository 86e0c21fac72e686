package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.catalog.PartRef;
import dev.intake.core.commit.Stamped;
import dev.intake.core.purchasing.Fee;
import dev.intake.core.purchasing.LineAmounts;
import dev.intake.core.purchasing.LineDates;
import dev.intake.core.purchasing.LineItem;
import dev.intake.core.purchasing.LineTerms;
import dev.intake.core.purchasing.NumberClaim;
import dev.intake.core.purchasing.PoParties;
import dev.intake.core.purchasing.PoTerms;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PoLinePage;
import dev.intake.core.purchasing.PoStatus;
import dev.intake.core.purchasing.PurchaseOrder;
import java.time.LocalDate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Maps purchase orders to PurchaseOrdersTable items and back (docs/dynamodb.md): a header item
 * {@code po#<poId>}, its lines ten to an item {@code po#<poId>#page#<k>} (or, as stored before
 * pages, one item per line {@code po#<poId>#line#<n>}), and {@code number#<poNumber>}
 * holding the number's owner, which keeps PO numbers unique per org. A PO's items share the
 * partition key {@code <org>#<poId mod shards>} ({@link Shards}); a number item's is taken from the number.
 */
public final class PurchaseOrderItems {

    /** The partition key attribute. */
    public static final String PARTITION = "shard";

    private PurchaseOrderItems() {}

    /** The key of a PO's header (its lines share the partition). */
    public static Map<String, AttributeValue> headerKey(String org, long poId) {
        return Map.of(PARTITION, s(Shards.of(org, poId)), "sk", s(poKey(poId)));
    }

    /**
     * A transaction's check on the header of {@code claim}'s PO: that it carries the claimed
     * number ({@code carries}), or that it does not (or is gone). Beside a number's put or delete,
     * it keeps the number with the PO whose header shows it.
     */
    static TransactWriteItem headerCheck(String table, String org, NumberClaim claim, boolean carries) {
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(headerKey(org, claim.poId()))
                .conditionExpression(carries ? "poNumber = :n" : "attribute_not_exists(poNumber) OR poNumber <> :n")
                .expressionAttributeValues(Map.of(":n", s(claim.poNumber())))).build();
    }

    public static Map<String, AttributeValue> lineKeyOf(String org, long poId, int line) {
        return Map.of(PARTITION, s(Shards.of(org, poId)), "sk", s(lineKey(poId, line)));
    }

    /** What the sort keys of a PO's items begin with, before its id. */
    static final String PO_PREFIX = "po#";

    /** Fixed width, so a Query on the prefix of one PO never matches another PO's items. */
    public static String poKey(long poId) {
        return PO_PREFIX + digits("%012d", poId);
    }

    /** The PO id of one of its items' sort key ({@code po#<poId>…}). */
    static long poIdOf(String sortKey) {
        int end = sortKey.indexOf('#', PO_PREFIX.length());
        return Long.parseLong(sortKey.substring(PO_PREFIX.length(), end < 0 ? sortKey.length() : end));
    }

    static String lineKey(long poId, int line) {
        return poKey(poId) + "#line#" + digits("%06d", line);
    }

    public static Map<String, AttributeValue> pageKeyOf(String org, long poId, int page) {
        return Map.of(PARTITION, s(Shards.of(org, poId)), "sk", s(poKey(poId) + "#page#" + digits("%05d", page)));
    }

    /**
     * ASCII digits whatever the JVM's locale: {@code String.format} writes a machine's own digits
     * (Arabic-Indic under {@code ar-EG}, Persian under {@code fa-IR}), and a key the CLI wrote on
     * such a machine would name no item the function, in {@code en-US}, looks up.
     */
    private static String digits(String format, long value) {
        return String.format(Locale.ROOT, format, value);
    }

    static Map<String, AttributeValue> numberKey(String org, String poNumber) {
        return Map.of(PARTITION, s(Shards.of(org, poNumber)), "sk", s("number#" + poNumber));
    }

    /** A number item: {@code poId} owns {@code poNumber}. */
    static Map<String, AttributeValue> numberItem(String org, String poNumber, long poId, String importId) {
        var item = poItem(numberKey(org, poNumber), org, poId);
        putIfPresent(item, "importId", importId);
        return item;
    }

    /**
     * The commit's release of {@code claim} (a rename gives its PO's old number up), for its
     * transaction: the number item becomes a <em>trace</em> of {@code importId}, with no
     * {@code poId} and an expiry, while the PO holds it. A trace is a free number, and tells the
     * check on unfinished writers who freed it (docs/dynamodb.md); so "free" is
     * {@code attribute_not_exists(poId)} wherever a number is taken.
     */
    static TransactWriteItem giveUpNumber(String table, String org, NumberClaim claim, String importId) {
        return TransactWriteItem.builder().update(u -> u.tableName(table).key(numberKey(org, claim.poNumber()))
                .updateExpression("SET importId = :me, expiresAt = :expires REMOVE poId")
                .conditionExpression("poId = :poId")
                .expressionAttributeValues(Map.of(":me", s(importId), ":poId", n(claim.poId()),
                        ":expires", n(Instant.now().plus(Duration.ofDays(DynamoImportLedger.JOURNAL_DAYS)).getEpochSecond()))))
                .build();
    }

    /** Whether a number item (null: absent) is a claim a PO holds, not a trace of one given up. */
    static boolean heldNumber(Map<String, AttributeValue> item) {
        return item != null && item.containsKey("poId");
    }

    /** The number a number item is for. */
    static String numberOf(Map<String, AttributeValue> item) {
        return str(item, "sk").substring("number#".length());
    }

    /** A PO header as seeded: version 0, written by no import. */
    public static Map<String, AttributeValue> toItem(String org, PurchaseOrder po) {
        return toItem(org, po, 0, null);
    }

    static Map<String, AttributeValue> toItem(String org, PurchaseOrder po, long version, String importId) {
        var item = poItem(headerKey(org, po.poId()), org, po.poId());
        item.put("poNumber", s(po.poNumber()));
        item.put("status", s(po.status().name()));
        putIfPresent(item, "description", po.description());
        var parties = po.parties();
        putIfPresent(item, "supplier", parties.supplier());
        putIfPresent(item, "shipToLocation", parties.shipToLocation());
        putIfPresent(item, "billToLocation", parties.billToLocation());
        putIfPresent(item, "assignedTo", parties.assignedTo());
        var terms = po.terms();
        putIfPresent(item, "currency", terms.currency());
        putIfPresent(item, "orderedAt", terms.orderedAt() == null ? null : terms.orderedAt().toString());
        putIfPresent(item, "intentOption", terms.intentOption());
        putIfPresent(item, "termsAndConditions", terms.termsAndConditions());
        item.put("fees", AttributeValue.fromL(terms.fees().stream().map(PurchaseOrderItems::fee).toList()));
        item.put("labels", strings(po.labels()));
        item.put("attributes", InventoryItems.attributesValue(po.attributes()));
        return InventoryItems.putStamp(item, version, importId);
    }

    /**
     * A line as its own item, as Intake stored lines before pages, at version 0 and written by no
     * import (tests store POs the old way with it; a catalog load measures each seeded line with it).
     */
    public static Map<String, AttributeValue> toItem(String org, PoLine line) {
        return toItem(org, line, 0, null);
    }

    /** A line as its own item: how lines were stored before pages (an undo may put one back). */
    static Map<String, AttributeValue> toItem(String org, PoLine line, long version, String importId) {
        var item = poItem(lineKeyOf(org, line.poId(), line.line()), org, line.poId());
        item.putAll(lineAttributes(line));
        return InventoryItems.putStamp(item, version, importId);
    }

    /** A page as seeded: version 0, written by no import (a catalog load measures the pages it seeds with it). */
    public static Map<String, AttributeValue> toItem(String org, PoLinePage page) {
        return toItem(org, page, 0, null);
    }

    /** A page: its lines packed into one binary value ({@link PackedAttributes}), each as a line item's attributes. */
    static Map<String, AttributeValue> toItem(String org, PoLinePage page, long version, String importId) {
        var item = poItem(pageKeyOf(org, page.poId(), page.page()), org, page.poId());
        item.put("page", n(page.page()));
        item.put("lines", PackedAttributes.pack(page.lines().stream().map(line -> AttributeValue.fromM(lineAttributes(line))).toList()));
        return InventoryItems.putStamp(item, version, importId);
    }

    /** What every item of a PO (and a PO number's) starts with: its key, its org and the PO's id. */
    private static Map<String, AttributeValue> poItem(Map<String, AttributeValue> key, String org, long poId) {
        var item = new HashMap<String, AttributeValue>(key);
        item.put("org", s(org));
        item.put("poId", n(poId));
        return item;
    }

    private static Map<String, AttributeValue> lineAttributes(PoLine line) {
        var item = new HashMap<String, AttributeValue>();
        item.put("line", n(line.line()));
        putIfPresent(item, "partNumber", line.partNumber());
        putIfPresent(item, "revision", line.revision());
        putIfPresent(item, "description", line.description());
        var amounts = line.amounts();
        item.put("quantity", n(amounts.quantity()));
        item.put("cost", n(amounts.cost()));
        item.put("paid", AttributeValue.fromBool(amounts.paid()));
        item.put("percentageFeeExempt", AttributeValue.fromBool(amounts.percentageFeeExempt()));
        var dates = line.dates();
        putIfPresent(item, "needDate", dates.needDate() == null ? null : dates.needDate().toString());
        putIfPresent(item, "estimatedArrivalDate", dates.estimatedArrivalDate() == null ? null : dates.estimatedArrivalDate().toString());
        var terms = line.terms();
        item.put("labels", strings(terms.labels()));
        item.put("qualityClauses", strings(terms.qualityClauses()));
        putIfPresent(item, "intentOption", terms.intentOption());
        item.put("attributes", InventoryItems.attributesValue(line.attributes()));
        item.put("inventoryIds", AttributeValue.fromL(line.inventoryIds().stream().map(Attr::n).toList()));
        return item;
    }

    public static PurchaseOrder header(Map<String, AttributeValue> item) {
        return new PurchaseOrder(
                longValue(item, "poId"),
                str(item, "poNumber"),
                PoStatus.valueOf(str(item, "status")),
                str(item, "description"),
                new PoParties(str(item, "supplier"), str(item, "shipToLocation"), str(item, "billToLocation"),
                        str(item, "assignedTo")),
                new PoTerms(str(item, "currency"), date(item, "orderedAt"), str(item, "intentOption"),
                        str(item, "termsAndConditions"),
                        item.containsKey("fees") ? item.get("fees").l().stream().map(v -> fee(v.m())).toList() : List.of()),
                strings(item.get("labels")),
                InventoryItems.attributesOf(item.get("attributes")));
    }

    /** A line item's line. */
    public static PoLine line(Map<String, AttributeValue> item) {
        return line(longValue(item, "poId"), item);
    }

    /** A page's lines. */
    public static PoLinePage page(Map<String, AttributeValue> item) {
        long poId = longValue(item, "poId");
        return new PoLinePage(poId, longValue(item, "page").intValue(),
                PackedAttributes.unpack(item.get("lines")).stream().map(line -> line(poId, line.m())).toList());
    }

    private static PoLine line(long poId, Map<String, AttributeValue> item) {
        var partNumber = str(item, "partNumber");
        return new PoLine(
                poId,
                longValue(item, "line").intValue(),
                new LineItem(partNumber == null ? null : new PartRef(partNumber, str(item, "revision")), str(item, "description")),
                new LineAmounts(decimal(item, "quantity"), decimal(item, "cost"), bool(item, "paid"),
                        bool(item, "percentageFeeExempt")),
                new LineDates(date(item, "needDate"), date(item, "estimatedArrivalDate")),
                new LineTerms(strings(item.get("labels")), strings(item.get("qualityClauses")), str(item, "intentOption")),
                InventoryItems.attributesOf(item.get("attributes")),
                item.containsKey("inventoryIds")
                        ? item.get("inventoryIds").l().stream().map(v -> Long.parseLong(v.n())).toList()
                        : List.of());
    }

    /** A header as read, with its version and last writer. */
    static Stamped<PurchaseOrder> readHeader(Map<String, AttributeValue> item) {
        return new Stamped<>(header(item), InventoryItems.stampOf(item));
    }

    /** A line as read, with its version and last writer. */
    static Stamped<PoLine> readLine(Map<String, AttributeValue> item) {
        return new Stamped<>(line(item), InventoryItems.stampOf(item));
    }

    /** A page as read, with its version and last writer. */
    static Stamped<PoLinePage> readPage(Map<String, AttributeValue> item) {
        return new Stamped<>(page(item), InventoryItems.stampOf(item));
    }

    /** Whether an item of the table is a line stored on its own (as before pages). */
    public static boolean isLineItem(Map<String, AttributeValue> item) {
        return str(item, "sk").contains("#line#");
    }

    public static boolean isPage(Map<String, AttributeValue> item) {
        return str(item, "sk").contains("#page#");
    }

    private static AttributeValue fee(Fee fee) {
        return AttributeValue.fromM(Map.of("name", s(fee.name()), "value", n(fee.value()),
                "type", s(fee.type().name().toLowerCase(Locale.ROOT))));
    }

    private static Fee fee(Map<String, AttributeValue> map) {
        return new Fee(str(map, "name"), decimal(map, "value"), Fee.Type.valueOf(str(map, "type").toUpperCase(Locale.ROOT)));
    }

    private static AttributeValue strings(List<String> values) {
        return AttributeValue.fromL(values.stream().map(Attr::s).toList());
    }

    private static List<String> strings(AttributeValue value) {
        return value == null || !value.hasL() ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    private static LocalDate date(Map<String, AttributeValue> item, String name) {
        var text = str(item, name);
        return text == null ? null : LocalDate.parse(text);
    }

    private static boolean bool(Map<String, AttributeValue> item, String name) {
        var value = item.get(name);
        return value != null && Boolean.TRUE.equals(value.bool());
    }
}
