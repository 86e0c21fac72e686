package dev.intake.local;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.inventory.AbomSlot;
import dev.intake.core.inventory.InventoryRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public shape of an inventory record (SPEC §10, docs/part-inventory.md): camelCase fields
 * named after the CSV columns, every field present, {@code null} when unset.
 */
final class InventoryJson {

    private InventoryJson() {}

    static Map<String, Object> of(InventoryRecord record) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", record.id());
        json.put("partNumber", record.part().partNumber());
        json.put("revision", record.part().revision());
        json.put("serialNumber", record.serialNumber());
        json.put("lotNumber", record.lotNumber());
        json.put("quantity", record.quantity());
        json.put("quantityScrapped", record.quantityScrapped());
        json.put("location", record.location());
        json.put("supplier", record.supplier());
        json.put("unitOfMeasure", record.unitOfMeasure());
        json.put("intentOption", record.intentOption());
        json.put("status", record.status().name());
        // Stored as a DynamoDB map, which keeps no order: sorted, so dumps compare line by line.
        var attributes = new java.util.TreeMap<String, Object>();
        record.attributes().forEach((key, value) -> attributes.put(key, plain(value)));
        json.put("attributes", attributes);
        json.put("installedIn", record.installedIn());
        json.put("abom", record.abom().stream().map(InventoryJson::slot).toList());
        json.put("purchaseOrderLine", record.purchaseOrderLine());
        return json;
    }

    private static Object plain(CustomValue value) {
        return value.plain();
    }

    private static Map<String, Object> slot(AbomSlot slot) {
        var json = new LinkedHashMap<String, Object>();
        json.put("partNumber", slot.partNumber());
        json.put("revision", slot.revision());
        json.put("quantity", slot.quantity());
        json.put("installed", slot.installed());
        return json;
    }
}
