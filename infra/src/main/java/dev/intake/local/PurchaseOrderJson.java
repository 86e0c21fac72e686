package dev.intake.local;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.purchasing.Fee;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.StoredPurchaseOrder;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The public shape of a purchase order (SPEC §10): the header fields named after the CSV columns
 * in camelCase, then {@code lines[]}; every field present, {@code null} when unset. The internal
 * {@code poId} is left out: users know a PO by its number.
 */
final class PurchaseOrderJson {

    private PurchaseOrderJson() {}

    static Map<String, Object> of(StoredPurchaseOrder po) {
        var header = po.header();
        var json = new LinkedHashMap<String, Object>();
        json.put("poNumber", header.poNumber());
        json.put("status", header.status().name());
        json.put("description", header.description());
        json.put("supplier", header.parties().supplier());
        json.put("shipToLocation", header.parties().shipToLocation());
        json.put("billToLocation", header.parties().billToLocation());
        json.put("currency", header.terms().currency());
        json.put("orderedAt", header.terms().orderedAt());
        json.put("assignedTo", header.parties().assignedTo());
        json.put("intentOption", header.terms().intentOption());
        json.put("labels", header.labels());
        json.put("termsAndConditions", header.terms().termsAndConditions());
        json.put("fees", header.terms().fees().stream().map(PurchaseOrderJson::fee).toList());
        json.put("attributes", attributes(header.attributes()));
        json.put("lines", po.lines().stream().map(PurchaseOrderJson::line).toList());
        return json;
    }

    private static Map<String, Object> line(PoLine line) {
        var json = new LinkedHashMap<String, Object>();
        json.put("line", line.line());
        json.put("partNumber", line.partNumber());
        json.put("revision", line.revision());
        json.put("description", line.description());
        json.put("quantity", line.amounts().quantity());
        json.put("cost", line.amounts().cost());
        json.put("needDate", line.dates().needDate());
        json.put("estimatedArrivalDate", line.dates().estimatedArrivalDate());
        json.put("paid", line.amounts().paid());
        json.put("percentageFeeExempt", line.amounts().percentageFeeExempt());
        json.put("labels", line.terms().labels());
        json.put("qualityClauses", line.terms().qualityClauses());
        json.put("intentOption", line.terms().intentOption());
        json.put("attributes", attributes(line.attributes()));
        json.put("inventoryIds", line.inventoryIds());
        return json;
    }

    private static Map<String, Object> fee(Fee fee) {
        var json = new LinkedHashMap<String, Object>();
        json.put("name", fee.name());
        json.put("value", fee.value());
        json.put("type", fee.type().name().toLowerCase(Locale.ROOT));
        return json;
    }

    private static Map<String, Object> attributes(Map<String, CustomValue> attributes) {
        // Stored as a DynamoDB map, which keeps no order: sorted, so dumps compare line by line.
        var json = new java.util.TreeMap<String, Object>();
        attributes.forEach((key, value) -> json.put(key, value.plain()));
        return json;
    }
}
