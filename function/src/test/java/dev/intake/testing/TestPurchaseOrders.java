package dev.intake.testing;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.inventory.Assembly;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.Placement;
import dev.intake.core.inventory.Quantities;
import dev.intake.core.inventory.Tracking;
import dev.intake.core.purchasing.Fee;
import dev.intake.core.purchasing.LineAmounts;
import dev.intake.core.purchasing.LineDates;
import dev.intake.core.purchasing.LineItem;
import dev.intake.core.purchasing.LineTerms;
import dev.intake.core.purchasing.PoParties;
import dev.intake.core.purchasing.PoTerms;
import dev.intake.core.purchasing.PoLine;
import dev.intake.core.purchasing.PoStatus;
import dev.intake.core.purchasing.PurchaseOrder;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds stored purchase orders, lines and their On Order inventory for tests. Unset fields are
 * null or empty, a PO is a DRAFT, a line's quantity and cost are 0.
 */
public final class TestPurchaseOrders {

    private TestPurchaseOrders() {}

    public static Po po(long poId, String poNumber) {
        return new Po(poId, poNumber);
    }

    public static Line line(long poId, int line) {
        return new Line(poId, line);
    }

    /** An On Order record as the importer writes it for a new line (no serial, lot or attributes yet). */
    public static InventoryRecord onOrder(long id, PartRef part, String quantity, String unit, String poLine,
                                          String location, String supplier) {
        return new InventoryRecord(id, part, Tracking.NONE, Quantities.of(new BigDecimal(quantity)),
                new Placement(location, supplier, unit, null), Map.of(), Assembly.NONE, poLine);
    }

    /** A purchase order header under construction. */
    public static final class Po {
        private final long poId;
        private final String poNumber;
        private PoStatus status = PoStatus.DRAFT;
        private String description;
        private String supplier;
        private String shipTo;
        private String billTo;
        private String currency;
        private LocalDate orderedAt;
        private String assignedTo;
        private String intent;
        private List<String> labels = List.of();
        private String terms;
        private final List<Fee> fees = new ArrayList<>();
        private final Map<String, CustomValue> attributes = new LinkedHashMap<>();

        private Po(long poId, String poNumber) {
            this.poId = poId;
            this.poNumber = poNumber;
        }

        public Po status(PoStatus value) {
            status = value;
            return this;
        }

        public Po description(String value) {
            description = value;
            return this;
        }

        public Po supplier(String value) {
            supplier = value;
            return this;
        }

        public Po shipTo(String value) {
            shipTo = value;
            return this;
        }

        public Po billTo(String value) {
            billTo = value;
            return this;
        }

        public Po currency(String value) {
            currency = value;
            return this;
        }

        public Po orderedAt(LocalDate value) {
            orderedAt = value;
            return this;
        }

        public Po assignedTo(String value) {
            assignedTo = value;
            return this;
        }

        public Po intent(String value) {
            intent = value;
            return this;
        }

        public Po labels(String... values) {
            labels = List.of(values);
            return this;
        }

        public Po terms(String value) {
            terms = value;
            return this;
        }

        public Po fee(String name, String value, Fee.Type type) {
            fees.add(new Fee(name, new BigDecimal(value), type));
            return this;
        }

        public Po attribute(String key, CustomValue value) {
            attributes.put(key, value);
            return this;
        }

        public PurchaseOrder build() {
            return new PurchaseOrder(poId, poNumber, status, description, new PoParties(supplier, shipTo, billTo, assignedTo),
                    new PoTerms(currency, orderedAt, intent, terms, fees), labels, attributes);
        }
    }

    /** A purchase order line under construction. */
    public static final class Line {
        private final long poId;
        private final int line;
        private String partNumber;
        private String revision;
        private String description;
        private BigDecimal quantity = BigDecimal.ZERO;
        private BigDecimal cost = BigDecimal.ZERO;
        private LocalDate needDate;
        private LocalDate eta;
        private boolean paid;
        private boolean feeExempt;
        private List<String> labels = List.of();
        private List<String> qualityClauses = List.of();
        private String intent;
        private final Map<String, CustomValue> attributes = new LinkedHashMap<>();
        private List<Long> inventoryIds = List.of();

        private Line(long poId, int line) {
            this.poId = poId;
            this.line = line;
        }

        public Line part(PartRef value) {
            partNumber = value.partNumber();
            revision = value.revision();
            return this;
        }

        public Line description(String value) {
            description = value;
            return this;
        }

        public Line quantity(String value) {
            quantity = new BigDecimal(value);
            return this;
        }

        public Line cost(String value) {
            cost = new BigDecimal(value);
            return this;
        }

        public Line needDate(LocalDate value) {
            needDate = value;
            return this;
        }

        public Line eta(LocalDate value) {
            eta = value;
            return this;
        }

        public Line paid(boolean value) {
            paid = value;
            return this;
        }

        public Line feeExempt(boolean value) {
            feeExempt = value;
            return this;
        }

        public Line labels(String... values) {
            labels = List.of(values);
            return this;
        }

        public Line qualityClauses(String... values) {
            qualityClauses = List.of(values);
            return this;
        }

        public Line intent(String value) {
            intent = value;
            return this;
        }

        public Line attribute(String key, CustomValue value) {
            attributes.put(key, value);
            return this;
        }

        public Line inventory(Long... ids) {
            inventoryIds = List.of(ids);
            return this;
        }

        public PoLine build() {
            var part = partNumber == null ? null : new PartRef(partNumber, revision);
            return new PoLine(poId, line, new LineItem(part, description), new LineAmounts(quantity, cost, paid, feeExempt),
                    new LineDates(needDate, eta), new LineTerms(labels, qualityClauses, intent), attributes, inventoryIds);
        }
    }
}
