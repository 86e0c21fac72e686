package dev.intake.core.purchasing;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.commit.Stored;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of a purchase order, numbered from 1 within its PO. {@code inventoryIds} are the On
 * Order inventory records the line created (empty for lines without an inventoried part).
 * {@code version} and {@code writtenBy} as on {@link PurchaseOrder}.
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
        List<Long> inventoryIds,
        long version,
        String writtenBy) implements Stored {

    /** A line not read from the store (a new line, or one built by a test). */
    public PoLine(long poId, int line, String partNumber, String revision, String description, BigDecimal quantity,
                  BigDecimal cost, LocalDate needDate, LocalDate estimatedArrivalDate, boolean paid,
                  boolean percentageFeeExempt, List<String> labels, List<String> qualityClauses, String intentOption,
                  Map<String, CustomValue> attributes, List<Long> inventoryIds) {
        this(poId, line, partNumber, revision, description, quantity, cost, needDate, estimatedArrivalDate, paid,
                percentageFeeExempt, labels, qualityClauses, intentOption, attributes, inventoryIds, 0, null);
    }

    public PoLine {
        labels = List.copyOf(labels);
        qualityClauses = List.copyOf(qualityClauses);
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        inventoryIds = List.copyOf(inventoryIds);
    }

    @Override
    public String identity() {
        return "line#" + poId + "#" + line;
    }

    @Override
    public String describe() {
        return "line " + line + " of PO id " + poId;
    }

    /** This line as stored by {@code importId}, at {@code newVersion}. */
    public PoLine stored(long newVersion, String importId) {
        return new PoLine(poId, line, partNumber, revision, description, quantity, cost, needDate, estimatedArrivalDate,
                paid, percentageFeeExempt, labels, qualityClauses, intentOption, attributes, inventoryIds, newVersion,
                importId);
    }

    /** Reference stored on On Order inventory: stable across PO renames. */
    public String reference() {
        return poId + "#" + line;
    }
}
