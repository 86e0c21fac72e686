package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.Stored;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialClaim;
import dev.intake.core.purchasing.NumberClaim;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PoLinePage;
import dev.intake.core.purchasing.PurchaseOrder;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Everything a commit writes, as DynamoDB sees it: which table a {@link Stored} thing lives in,
 * its key, its item, and its form in the undo journal (the item plus a {@code kind}).
 * Versioned things (inventory, PO headers, line pages and lines) carry {@code version} and {@code importId}
 * (read back as their {@link ItemStamp}); claims (serials, PO numbers) carry the id holding them
 * and the import that took them.
 */
final class StoredItems {

    private final CommitTables tables;

    StoredItems(CommitTables tables) {
        this.tables = tables;
    }

    /** The tables a commit writes to. */
    record CommitTables(String inventory, String purchaseOrders, String serials) {}

    String table(Stored stored) {
        return switch (stored) {
            case InventoryRecord r -> tables.inventory();
            case PurchaseOrder h -> tables.purchaseOrders();
            case PoLine l -> tables.purchaseOrders();
            case PoLinePage p -> tables.purchaseOrders();
            case NumberClaim c -> tables.purchaseOrders();
            case SerialClaim c -> tables.serials();
            default -> throw unknown(stored);
        };
    }

    static Map<String, AttributeValue> key(String org, Stored stored) {
        return switch (stored) {
            case InventoryRecord r -> InventoryItems.key(org, r.id());
            case PurchaseOrder h -> PurchaseOrderItems.headerKey(org, h.poId());
            case PoLine l -> PurchaseOrderItems.lineKeyOf(org, l.poId(), l.line());
            case PoLinePage p -> PurchaseOrderItems.pageKeyOf(org, p.poId(), p.page());
            case NumberClaim c -> PurchaseOrderItems.numberKey(org, c.poNumber());
            case SerialClaim c -> SerialItems.key(org, c.key());
            default -> throw unknown(stored);
        };
    }

    /** The name of the partition key attribute (for {@code attribute_not_exists}). */
    static String partitionAttribute(Stored stored) {
        return stored instanceof SerialClaim ? SerialItems.KEY : InventoryItems.PARTITION;
    }

    /** The version a versioned thing was read at (0 for claims, and for things never stored). */
    static long version(Stamped<?> read) {
        return ItemStamp.versionOf(read.stamp());
    }

    /** The import that last wrote a versioned thing as it was read, or null. */
    static String writtenBy(Stamped<?> read) {
        return read.stamp().writtenBy();
    }

    static boolean versioned(Stored stored) {
        return stored instanceof InventoryRecord || stored instanceof PurchaseOrder || stored instanceof PoLine
                || stored instanceof PoLinePage;
    }

    /** The item as this import writes it: versioned things at {@code version}, stamped with {@code importId}. */
    static Map<String, AttributeValue> item(String org, Stored stored, long version, String importId) {
        return switch (stored) {
            case InventoryRecord r -> InventoryItems.toItem(org, r, version, importId);
            case PurchaseOrder h -> PurchaseOrderItems.toItem(org, h, version, importId);
            case PoLine l -> PurchaseOrderItems.toItem(org, l, version, importId);
            case PoLinePage p -> PurchaseOrderItems.toItem(org, p, version, importId);
            case NumberClaim c -> PurchaseOrderItems.numberItem(org, c.poNumber(), c.poId(), importId);
            case SerialClaim c -> SerialItems.toItem(org, c, importId);
            default -> throw unknown(stored);
        };
    }

    /** The item exactly as it was read (a before-state: its own version and writer; a claim as seeded). */
    static Map<String, AttributeValue> asRead(String org, Stamped<?> read) {
        return switch (read.item()) {
            case NumberClaim c -> PurchaseOrderItems.numberItem(org, c.poNumber(), c.poId(), null);
            case SerialClaim c -> SerialItems.toItem(org, c, null);
            default -> item(org, read.item(), version(read), writtenBy(read));
        };
    }

    /** A before-state for the journal: the item as read, and what kind of thing it is. */
    static AttributeValue journalForm(String org, Stamped<?> read) {
        var item = new HashMap<>(asRead(org, read));
        item.put("kind", s(kind(read.item())));
        return AttributeValue.fromM(item);
    }

    static Stamped<?> fromJournal(Map<String, AttributeValue> item, StringPool pool) {
        return switch (str(item, "kind")) {
            case "inventory" -> InventoryItems.read(item, pool);
            case "po" -> PurchaseOrderItems.readHeader(item);
            case "line" -> PurchaseOrderItems.readLine(item);
            case "page" -> PurchaseOrderItems.readPage(item);
            case "number" -> Stamped.unstored(new NumberClaim(str(item, "sk").substring("number#".length()), longValue(item, "poId")));
            case "serial" -> Stamped.unstored(SerialItems.fromItem(item));
            default -> throw new IllegalStateException("unknown journal kind " + str(item, "kind"));
        };
    }

    private static String kind(Stored stored) {
        return switch (stored) {
            case InventoryRecord r -> "inventory";
            case PurchaseOrder h -> "po";
            case PoLine l -> "line";
            case PoLinePage p -> "page";
            case NumberClaim c -> "number";
            case SerialClaim c -> "serial";
            default -> throw unknown(stored);
        };
    }

    private static IllegalArgumentException unknown(Stored stored) {
        return new IllegalArgumentException("not something Intake stores: " + stored.getClass().getName());
    }
}
