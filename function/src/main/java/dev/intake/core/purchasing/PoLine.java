package dev.intake.core.purchasing;

import dev.intake.core.attributes.CustomValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a purchase order, numbered from 1 within its PO. {@code inventoryIds} are the On
 * Order inventory records the line created (empty for lines without an inventoried part).
 */
public record PoLine(
        long poId,
        int line,
        String partNumber,
        String revision,
        String description,
        BigDecimal quantity,
        BigDecimal cost,
        LocalDate needDate,
        LocalDate estimatedArrivalDate,
        boolean paid,
        boolean percentageFeeExempt,
        List<String> labels,
        List<String> qualityClauses,
        String intentOption,
        Map<String, CustomValue> attributes,
        List<Long> inventoryIds) {

    public PoLine {
        labels = List.copyOf(labels);
        qualityClauses = List.copyOf(qualityClauses);
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        inventoryIds = List.copyOf(inventoryIds);
    }

    /** Reference stored on On Order inventory: stable across PO renames. */
    public String reference() {
        return poId + "#" + line;
    }
}
