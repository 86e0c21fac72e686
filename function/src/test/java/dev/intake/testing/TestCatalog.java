package dev.intake.testing;

import dev.intake.core.catalog.AttributeDef;
import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.AttributeType;
import dev.intake.core.catalog.BomLine;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.PartIndex;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.catalog.Requirement;
import dev.intake.core.catalog.TrackingType;
import dev.intake.core.catalog.User;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The reference data most tests import against: org "acme" with a serial-tracked part in two
 * revisions, a lot-tracked part, and an untracked assembly whose BOM has two lines.
 */
public final class TestCatalog {

    public static final PartRef WIDGET_A_REV_A = new PartRef("WIDGET-A", "A");
    public static final PartRef WIDGET_A_REV_B = new PartRef("WIDGET-A", "B");
    public static final PartRef RESIN = new PartRef("RESIN", "1");
    public static final PartRef ASSY = new PartRef("ASSY-1", "C");
    public static final PartRef BOLT = new PartRef("BOLT-M3", "A");
    public static final PartRef BRACKET = new PartRef("BRACKET", "A");
    /** In {@link #purchasing}: bought but not stocked (purchase type receivable_non_inventory). */
    public static final PartRef CABLE = new PartRef("CABLE-5", "A");

    public static final String TERMS = "TERMS_AND_CONDITIONS";
    public static final String QUALITY_CLAUSE = "QUALITY_CLAUSE";

    private TestCatalog() {}

    public static Catalog acme() {
        return of("acme");
    }

    /** The same reference data under another org. */
    public static Catalog of(String org) {
        return new Catalog(
                org,
                NameIndex.of(List.of("Stockroom A", "Receiving", "Line 2")),
                NameIndex.of(List.of("Acme Metals", "Polymer Co")),
                NameIndex.of(List.of("each", "kg")),
                NameIndex.of(List.of("Flight", "Development")),
                NameIndex.of(List.of("USD")),
                Map.of("ana@acme.test", new User("ana@acme.test", "Ana")),
                NameIndex.of(List.of("urgent")),
                Map.of("standard terms", new Requirement("Standard Terms", "TERMS_AND_CONDITIONS")),
                "Standard Terms",
                List.of(
                        new AttributeDef("BatchID", AttributeEntity.INVENTORY, AttributeType.TEXT),
                        new AttributeDef("Weight", AttributeEntity.INVENTORY, AttributeType.NUMBER),
                        new AttributeDef("Inspected", AttributeEntity.INVENTORY, AttributeType.BOOLEAN),
                        new AttributeDef("Expires", AttributeEntity.INVENTORY, AttributeType.DATE),
                        new AttributeDef("Incoterm", AttributeEntity.PURCHASE_ORDER, AttributeType.TEXT)),
                PartIndex.of(List.of(
                        part(WIDGET_A_REV_A, TrackingType.SERIAL, "each", List.of()),
                        part(RESIN, TrackingType.LOT, "kg", List.of()),
                        part(BOLT, TrackingType.NONE, "each", List.of()),
                        part(BRACKET, TrackingType.NONE, "each", List.of()),
                        part(ASSY, TrackingType.NONE, "each", List.of(
                                new BomLine("BOLT-M3", "A", new BigDecimal("4")),
                                new BomLine("BRACKET", "A", new BigDecimal("2")))),
                        part(WIDGET_A_REV_B, TrackingType.SERIAL, "each", List.of()))));
    }

    public static Catalog acmePurchasing() {
        return purchasing("acme");
    }

    /**
     * Reference data for Purchase Orders tests: two currencies and users, terms and quality clauses
     * (default terms "Standard Terms"), custom attributes of purchase orders (Incoterm, Budget), of
     * their lines (Inspection, DockDate) and one key of both (Reference); parts: WIDGET-A
     * serial-tracked in revisions A and B (B latest), RESIN lot-tracked in kg, BOLT-M3 untracked,
     * CABLE-5 receivable_non_inventory in m.
     */
    public static Catalog purchasing(String org) {
        return new Catalog(
                org,
                NameIndex.of(List.of("Stockroom A", "Receiving", "Line 2")),
                NameIndex.of(List.of("Acme Metals", "Polymer Co")),
                NameIndex.of(List.of("each", "kg", "m")),
                NameIndex.of(List.of("Flight", "Development")),
                NameIndex.of(List.of("USD", "EUR")),
                Map.of("ana@acme.test", new User("ana@acme.test", "Ana"),
                        "ben@acme.test", new User("ben@acme.test", "Ben")),
                NameIndex.of(List.of("urgent", "Long Lead")),
                Map.of("standard terms", new Requirement("Standard Terms", TERMS),
                        "export terms", new Requirement("Export Terms", TERMS),
                        "certificate of conformance", new Requirement("Certificate of Conformance", QUALITY_CLAUSE),
                        "first article inspection", new Requirement("First Article Inspection", QUALITY_CLAUSE)),
                "Standard Terms",
                List.of(
                        new AttributeDef("BatchID", AttributeEntity.INVENTORY, AttributeType.TEXT),
                        new AttributeDef("Incoterm", AttributeEntity.PURCHASE_ORDER, AttributeType.TEXT),
                        new AttributeDef("Budget", AttributeEntity.PURCHASE_ORDER, AttributeType.NUMBER),
                        new AttributeDef("Inspection", AttributeEntity.PURCHASE_ORDER_LINE, AttributeType.BOOLEAN),
                        new AttributeDef("DockDate", AttributeEntity.PURCHASE_ORDER_LINE, AttributeType.DATE),
                        new AttributeDef("Reference", AttributeEntity.PURCHASE_ORDER, AttributeType.TEXT),
                        new AttributeDef("Reference", AttributeEntity.PURCHASE_ORDER_LINE, AttributeType.TEXT)),
                PartIndex.of(List.of(
                        part(WIDGET_A_REV_A, TrackingType.SERIAL, "each", List.of()),
                        part(RESIN, TrackingType.LOT, "kg", List.of()),
                        part(BOLT, TrackingType.NONE, "each", List.of()),
                        new Part(CABLE.partNumber(), CABLE.revision(), TrackingType.NONE, "m", "receivable_non_inventory",
                                List.of()),
                        part(WIDGET_A_REV_B, TrackingType.SERIAL, "each", List.of()))));
    }

    /** {@code catalog} with one more part revision, listed last (so the latest of its part number). */
    public static Catalog withRevision(Catalog catalog, PartRef ref, TrackingType tracking, String unit) {
        var parts = new java.util.ArrayList<Part>();
        catalog.parts().revisionsByNumber().values().forEach(parts::addAll);
        parts.add(part(ref, tracking, unit, List.of()));
        return withParts(catalog, PartIndex.of(parts));
    }

    /** {@code catalog} with {@code parts} for its part index. */
    public static Catalog withParts(Catalog catalog, PartIndex parts) {
        return new Catalog(catalog.org(), catalog.locations(), catalog.suppliers(), catalog.unitsOfMeasure(),
                catalog.intentOptions(), catalog.currencies(), catalog.usersByEmail(), catalog.labels(),
                catalog.requirementsByTitle(), catalog.defaultTermsAndConditions(), catalog.attributes(), parts);
    }

    private static Part part(PartRef ref, TrackingType tracking, String unit, List<BomLine> bom) {
        return new Part(ref.partNumber(), ref.revision(), tracking, unit, null, bom);
    }
}
