package dev.intake.aws;

import static dev.intake.aws.Attr.*;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.AbomSlot;
import dev.intake.core.inventory.Assembly;
import dev.intake.core.inventory.Placement;
import dev.intake.core.inventory.Quantities;
import dev.intake.core.inventory.Tracking;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialKey;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps inventory records to InventoryTable items and back (docs/dynamodb.md). An org's records
 * are spread over {@link Shards#COUNT} partition keys ({@code <org>#<id mod COUNT>}), so a bulk
 * import is not held to one partition's write rate.
 */
public final class InventoryItems {

    /** The partition key attribute: {@code <org>#<shard>}. */
    public static final String PARTITION = "shard";

    private InventoryItems() {}

    public static Map<String, AttributeValue> key(String org, long id) {
        return Map.of(PARTITION, s(Shards.of(org, id)), "id", n(id));
    }

    /** Whether {@code item}, an inventory record as stored (null: none), holds {@code serial}. */
    static boolean holds(Map<String, AttributeValue> item, SerialKey serial) {
        return item != null && serial.equals(SerialKey.of(fromItem(item)));
    }

    /** The item for a record as seeded: version 0, written by no import. */
    public static Map<String, AttributeValue> toItem(String org, InventoryRecord record) {
        return toItem(org, record, 0, null);
    }

    /** The item for a record as {@code importId} stores it, at {@code version}. */
    static Map<String, AttributeValue> toItem(String org, InventoryRecord record, long version, String importId) {
        var item = new HashMap<String, AttributeValue>();
        item.put(PARTITION, s(Shards.of(org, record.id())));
        item.put("org", s(org));
        item.put("id", n(record.id()));
        item.put("partNumber", s(record.part().partNumber()));
        item.put("revision", s(record.part().revision()));
        putIfPresent(item, "serialNumber", record.serialNumber());
        putIfPresent(item, "lotNumber", record.lotNumber());
        item.put("quantity", n(record.quantity()));
        // Empty values are left out (they read back as zero, none and empty): fewer and smaller
        // attributes are less to write, for DynamoDB and for each of a million created items.
        if (record.quantityScrapped().signum() != 0) {
            item.put("quantityScrapped", n(record.quantityScrapped()));
        }
        putIfPresent(item, "location", record.location());
        putIfPresent(item, "supplier", record.supplier());
        putIfPresent(item, "unitOfMeasure", record.unitOfMeasure());
        putIfPresent(item, "intentOption", record.intentOption());
        item.put("status", s(record.status().name()));
        if (!record.attributes().isEmpty()) {
            item.put("attributes", attributesValue(record.attributes()));
        }
        if (record.installedIn() != null) {
            item.put("installedIn", n(record.installedIn()));
            // The key of both sparse indexes: byParent's partition, installations' sort key.
            item.put("parentKey", s(org + "#" + record.installedIn()));
        }
        if (!record.abom().isEmpty()) {
            item.put("abom", AttributeValue.fromL(record.abom().stream().map(InventoryItems::slot).toList()));
        }
        putIfPresent(item, "purchaseOrderLine", record.purchaseOrderLine());
        return putStamp(item, version, importId);
    }

    public static InventoryRecord fromItem(Map<String, AttributeValue> item) {
        return fromItem(item, StringPool.NONE);
    }

    /** A record whose repeated values (part, lot, placement) are {@code pool}'s instances. */
    static InventoryRecord fromItem(Map<String, AttributeValue> item, StringPool pool) {
        return new InventoryRecord(
                longValue(item, "id"),
                new PartRef(pool.of(str(item, "partNumber")), pool.of(str(item, "revision"))),
                new Tracking(str(item, "serialNumber"), pool.of(str(item, "lotNumber"))),
                new Quantities(decimal(item, "quantity"),
                        item.containsKey("quantityScrapped") ? decimal(item, "quantityScrapped") : BigDecimal.ZERO),
                new Placement(pool.of(str(item, "location")), pool.of(str(item, "supplier")),
                        pool.of(str(item, "unitOfMeasure")), pool.of(str(item, "intentOption"))),
                attributesOf(item.get("attributes"), pool),
                new Assembly(longValue(item, "installedIn"),
                        item.containsKey("abom") ? item.get("abom").l().stream().map(v -> slot(v.m(), pool)).toList() : List.of()),
                str(item, "purchaseOrderLine"));
    }

    /** The id of the record an index entry's item is installed in, from its {@code parentKey} (org#id). */
    static long parentOf(Map<String, AttributeValue> item) {
        var parentKey = item.get("parentKey").s();
        return Long.parseLong(parentKey.substring(parentKey.lastIndexOf('#') + 1));
    }

    /** A record as read, with its version and last writer. */
    static Stamped<InventoryRecord> read(Map<String, AttributeValue> item) {
        return read(item, StringPool.NONE);
    }

    /** A record as read, its repeated values (and the import that wrote it) {@code pool}'s instances. */
    static Stamped<InventoryRecord> read(Map<String, AttributeValue> item, StringPool pool) {
        var stamp = stampOf(item);
        return new Stamped<>(fromItem(item, pool), new ItemStamp(stamp.version(), pool.of(stamp.writtenBy())));
    }

    /** Writes a versioned item's stamp into it, as {@link #stampOf} reads it back ({@code importId} null: seeded). */
    static Map<String, AttributeValue> putStamp(Map<String, AttributeValue> item, long version, String importId) {
        item.put("version", n(version));
        putIfPresent(item, "importId", importId);
        return item;
    }

    /** The version and last writer of a versioned item (inventory, PO header, page of lines or line). */
    static ItemStamp stampOf(Map<String, AttributeValue> item) {
        var version = longValue(item, "version");
        return new ItemStamp(version == null ? 0 : version, str(item, "importId"));
    }

    /** Custom attributes as a map attribute; shared by inventory, POs and PO lines. */
    static AttributeValue attributesValue(Map<String, CustomValue> attributes) {
        var map = new LinkedHashMap<String, AttributeValue>();
        attributes.forEach((key, value) -> map.put(key, switch (value) {
            case CustomValue.Text t -> s(t.value());
            case CustomValue.Number num -> n(num.value());
            case CustomValue.Flag f -> AttributeValue.fromBool(f.value());
            case CustomValue.Day d -> AttributeValue.fromM(Map.of("date", s(d.value().toString())));
        }));
        return AttributeValue.fromM(map);
    }

    /** Dates are stored as {@code {"date": "2026-01-31"}} so they read back as dates, not text. */
    static Map<String, CustomValue> attributesOf(AttributeValue value) {
        return attributesOf(value, StringPool.NONE);
    }

    /** Their names and texts {@code pool}'s instances: many records share them (a file of updates holds every one). */
    private static Map<String, CustomValue> attributesOf(AttributeValue value, StringPool pool) {
        var map = new LinkedHashMap<String, CustomValue>();
        if (value == null || !value.hasM()) {
            return map;
        }
        value.m().forEach((key, v) -> map.put(pool.of(key), switch (v.type()) {
            case N -> new CustomValue.Number(new BigDecimal(v.n()));
            case BOOL -> new CustomValue.Flag(v.bool());
            case M -> new CustomValue.Day(LocalDate.parse(v.m().get("date").s()));
            default -> new CustomValue.Text(pool.of(v.s()));
        }));
        return map;
    }

    private static AttributeValue slot(AbomSlot slot) {
        var map = new HashMap<String, AttributeValue>();
        map.put("partNumber", s(slot.partNumber()));
        map.put("revision", s(slot.revision()));
        map.put("quantity", n(slot.quantity()));
        if (slot.installed() != null) {
            map.put("installed", n(slot.installed()));
        }
        return AttributeValue.fromM(map);
    }

    private static AbomSlot slot(Map<String, AttributeValue> map, StringPool pool) {
        return new AbomSlot(pool.of(str(map, "partNumber")), pool.of(str(map, "revision")), decimal(map, "quantity"),
                longValue(map, "installed"));
    }
}
