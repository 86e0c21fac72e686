package dev.intake.core.purchasing;

import dev.intake.core.attributes.Attributed;
import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.commit.Stored;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One line of a purchase order, numbered from 1 within its PO. {@code inventoryIds} are the On
 * Order inventory records the line created (empty for lines without an inventoried part).
 */
public record PoLine(
        long poId,
        int line,
        LineItem item,
        LineAmounts amounts,
        LineDates dates,
        LineTerms terms,
        Map<String, CustomValue> attributes,
        List<Long> inventoryIds) implements Stored, Attributed<PoLine> {

    public PoLine {
        Objects.requireNonNull(item, "item");
        Objects.requireNonNull(amounts, "amounts");
        Objects.requireNonNull(dates, "dates");
        Objects.requireNonNull(terms, "terms");
        attributes = Attributed.copyOf(attributes);
        inventoryIds = List.copyOf(inventoryIds);
    }

    /** A new line with nothing set yet. */
    public static PoLine blank(long poId, int line) {
        return new PoLine(poId, line, LineItem.NONE, LineAmounts.NONE, LineDates.NONE, LineTerms.NONE, Map.of(), List.of());
    }

    @Override
    public String identity() {
        return "line#" + poId + "#" + line;
    }

    @Override
    public String describe() {
        return "line " + line + " of PO id " + poId;
    }

    /** Reference stored on On Order inventory: stable across PO renames. */
    public String reference() {
        return poId + "#" + line;
    }

    public PartRef part() {
        return item.part();
    }

    public String partNumber() {
        return item.part() == null ? null : item.part().partNumber();
    }

    public String revision() {
        return item.part() == null ? null : item.part().revision();
    }

    public String description() {
        return item.description();
    }

    public BigDecimal quantity() {
        return amounts.quantity();
    }

    public String intentOption() {
        return terms.intentOption();
    }

    public PoLine withPosition(long newPoId, int newLine) {
        return new PoLine(newPoId, newLine, item, amounts, dates, terms, attributes, inventoryIds);
    }

    public PoLine withItem(LineItem value) {
        return new PoLine(poId, line, value, amounts, dates, terms, attributes, inventoryIds);
    }

    public PoLine withAmounts(LineAmounts value) {
        return new PoLine(poId, line, item, value, dates, terms, attributes, inventoryIds);
    }

    public PoLine withDates(LineDates value) {
        return new PoLine(poId, line, item, amounts, value, terms, attributes, inventoryIds);
    }

    public PoLine withTerms(LineTerms value) {
        return new PoLine(poId, line, item, amounts, dates, value, attributes, inventoryIds);
    }

    @Override
    public PoLine withAttributes(Map<String, CustomValue> value) {
        return new PoLine(poId, line, item, amounts, dates, terms, value, inventoryIds);
    }

    public PoLine withInventoryIds(List<Long> value) {
        return new PoLine(poId, line, item, amounts, dates, terms, attributes, value);
    }
}
