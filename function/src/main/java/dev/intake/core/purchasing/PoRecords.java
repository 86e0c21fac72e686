package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.*;

import dev.intake.core.columns.AttributeChanges;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds the PO headers and lines a valid file describes, used by validation and by the commit
 * alike so both agree. Absent columns leave stored values as they are; present blank cells apply
 * the empty-cell defaults.
 */
final class PoRecords {

    private PoRecords() {}

    static PurchaseOrder header(PoPlan plan, PoRowParser.HeaderValues values, String defaultTerms) {
        var current = plan.existing() == null ? null : plan.existing().header();
        var terms = values.termsAndConditions().or(current == null ? null : current.termsAndConditions());
        return new PurchaseOrder(
                plan.poId(),
                plan.poNumber(),
                current == null ? PoStatus.DRAFT : current.status(),
                values.description().or(current == null ? null : current.description()),
                values.supplier().or(current == null ? null : current.supplier()),
                values.shipToLocation().or(current == null ? null : current.shipToLocation()),
                values.billToLocation().or(current == null ? null : current.billToLocation()),
                values.currency().or(current == null ? null : current.currency()),
                values.orderedAt().or(current == null ? null : current.orderedAt()),
                values.assignedTo().or(current == null ? null : current.assignedTo()),
                values.intentOption().or(current == null ? null : current.intentOption()),
                values.labels().or(current == null ? List.of() : current.labels()),
                current == null && terms == null ? defaultTerms : terms,
                values.fees().or(current == null ? List.of() : current.fees()),
                AttributeChanges.apply(current == null ? Map.of() : current.attributes(), values.attributes()),
                current == null ? 0 : current.version(),
                current == null ? null : current.writtenBy());
    }

    static PoLine line(long poId, LineMatcher.Match match, PoRowParser.LineValues values) {
        var current = match.existing();
        var part = values.part();
        return new PoLine(
                poId,
                match.line(),
                part != null ? part.partNumber() : current == null ? null : current.partNumber(),
                part != null ? part.revision() : current == null ? null : current.revision(),
                values.description().or(current == null ? null : current.description()),
                values.quantity().or(current == null ? BigDecimal.ZERO : current.quantity()),
                values.cost().or(current == null ? BigDecimal.ZERO : current.cost()),
                values.needDate().or(current == null ? null : current.needDate()),
                values.estimatedArrivalDate().or(current == null ? null : current.estimatedArrivalDate()),
                values.paid().or(current != null && current.paid()),
                values.percentageFeeExempt().or(current != null && current.percentageFeeExempt()),
                values.labels().or(current == null ? List.of() : current.labels()),
                values.qualityClauses().or(current == null ? List.of() : current.qualityClauses()),
                values.intentOption().or(current == null ? null : current.intentOption()),
                AttributeChanges.apply(current == null ? Map.of() : current.attributes(), values.attributes()),
                current == null ? List.of() : current.inventoryIds(),
                current == null ? 0 : current.version(),
                current == null ? null : current.writtenBy());
    }

    static PoLine withInventory(PoLine line, List<Long> inventoryIds) {
        return new PoLine(line.poId(), line.line(), line.partNumber(), line.revision(), line.description(),
                line.quantity(), line.cost(), line.needDate(), line.estimatedArrivalDate(), line.paid(),
                line.percentageFeeExempt(), line.labels(), line.qualityClauses(), line.intentOption(), line.attributes(),
                inventoryIds, line.version(), line.writtenBy());
    }

    /** Columns whose change a non-draft PO refuses: everything but ETA, paid and custom attributes. */
    static List<String> restrictedChanges(PoLine before, PoLine after) {
        var changed = new ArrayList<String>();
        compare(changed, DESCRIPTION, before.description(), after.description());
        compareNumbers(changed, QUANTITY, before.quantity(), after.quantity());
        compareNumbers(changed, COST, before.cost(), after.cost());
        compare(changed, NEED_DATE, before.needDate(), after.needDate());
        compare(changed, PERCENTAGE_FEE_EXEMPT, before.percentageFeeExempt(), after.percentageFeeExempt());
        compare(changed, LABELS, before.labels(), after.labels());
        compare(changed, QUALITY_CLAUSES, before.qualityClauses(), after.qualityClauses());
        compare(changed, INTENT_OPTION, before.intentOption(), after.intentOption());
        return changed;
    }

    private static void compare(List<String> changed, String column, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            changed.add(column);
        }
    }

    private static void compareNumbers(List<String> changed, String column, BigDecimal before, BigDecimal after) {
        if (before.compareTo(after) != 0) {
            changed.add(column);
        }
    }
}
