package dev.intake.core.purchasing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The standard columns of a Purchase Orders file (seed page, SPEC §7). */
final class PoColumns {

    static final String PO_NUMBER = "po_number";
    static final String ORIGINAL_PO_NUMBER = "original_po_number";
    static final String PO_DESCRIPTION = "po_description";
    static final String SUPPLIER = "supplier";
    static final String SHIP_TO_LOCATION = "ship_to_location";
    static final String BILL_TO_LOCATION = "bill_to_location";
    static final String CURRENCY = "currency";
    static final String ORDERED_AT = "ordered_at";
    static final String ASSIGNED_TO = "assigned_to";
    static final String PO_INTENT_OPTION = "po_intent_option";
    static final String PO_LABELS = "po_labels";
    static final String TERMS_AND_CONDITIONS = "terms_and_conditions";
    static final String FEES = "fees";

    static final String PART_NUMBER = "part_number";
    static final String REVISION = "revision";
    static final String DESCRIPTION = "description";
    static final String QUANTITY = "quantity";
    static final String COST = "cost";
    static final String NEED_DATE = "need_date";
    static final String ESTIMATED_ARRIVAL_DATE = "estimated_arrival_date";
    static final String PAID = "paid";
    static final String PERCENTAGE_FEE_EXEMPT = "percentage_fee_exempt";
    static final String LABELS = "labels";
    static final String QUALITY_CLAUSES = "quality_clauses";
    static final String INTENT_OPTION = "intent_option";

    /** Header columns other than the grouping key, in a fixed order (consistency is checked on these). */
    static final List<String> HEADER = List.of(ORIGINAL_PO_NUMBER, PO_DESCRIPTION, SUPPLIER, SHIP_TO_LOCATION,
            BILL_TO_LOCATION, CURRENCY, ORDERED_AT, ASSIGNED_TO, PO_INTENT_OPTION, PO_LABELS, TERMS_AND_CONDITIONS, FEES);

    static final List<String> LINE = List.of(PART_NUMBER, REVISION, DESCRIPTION, QUANTITY, COST, NEED_DATE,
            ESTIMATED_ARRIVAL_DATE, PAID, PERCENTAGE_FEE_EXEMPT, LABELS, QUALITY_CLAUSES, INTENT_OPTION);

    /** Line columns a non-draft PO still accepts changes to (custom line attributes too). */
    static final Set<String> EDITABLE_AFTER_DRAFT = Set.of(ESTIMATED_ARRIVAL_DATE, PAID);

    static final Set<String> ALL;

    static {
        var all = new HashSet<String>();
        all.add(PO_NUMBER);
        all.addAll(HEADER);
        all.addAll(LINE);
        ALL = Set.copyOf(all);
    }

    private PoColumns() {}
}
