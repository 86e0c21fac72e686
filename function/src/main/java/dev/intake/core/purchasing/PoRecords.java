package dev.intake.core.purchasing;

import dev.intake.core.columns.RowValues;

/**
 * Builds the PO headers and lines a valid file describes, used by validation and by the commit
 * alike so both agree. Fields the row does not give (an absent column, a header column blank on
 * every row of the PO) stay as stored; a present blank line cell applies the empty-cell default.
 */
final class PoRecords {

    private PoRecords() {}

    /** The PO as the file leaves it: its stored header (or a new draft) with the row's header values. */
    static PurchaseOrder header(PoPlan plan, RowValues<PurchaseOrder> values, String defaultTerms) {
        var current = plan.creates()
                ? PurchaseOrder.draft(plan.poId(), plan.poNumber())
                : plan.existing().header().withIdentity(plan.poId(), plan.poNumber());
        var po = values.applyTo(current);
        if (plan.creates() && po.terms().termsAndConditions() == null) {
            po = po.withTerms(po.terms().withTermsAndConditions(defaultTerms));
        }
        return po;
    }

    /**
     * The line as the row leaves it: the matched stored line (which keeps its part: a line never
     * changes part) or a new line of the row's part, with the row's line values.
     */
    static PoLine line(long poId, LineMatcher.Match match, PoRowParser.LineValues values) {
        var current = match.existing() != null
                ? match.existing()
                : PoLine.blank(poId, match.line()).withItem(new LineItem(values.part() == null ? null : values.part().ref(), null));
        return values.values().applyTo(current);
    }
}
