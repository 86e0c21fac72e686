package dev.intake.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.report.ErrorCode;
import org.junit.jupiter.api.Test;

class CatalogTest {

    /**
     * A key whose org folder was typed on macOS, "Zu\u0308rich" (u and a combining diaeresis),
     * names an org that looks like the catalog's "Zürich": the refusal says it is decomposed
     * (found by review "scripts" on 6 December 2026).
     */
    @Test
    void missing_orgFolderInDecomposedForm_saysSo() {
        var missing = Catalog.empty("Zu\u0308rich").missing();

        assertThat(missing).hasValueSatisfying(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_REFERENCE);
            assertThat(error.message()).startsWith("org \"Zu\u0308rich\" has no catalog").contains("written in decomposed form");
        });
        assertThat(Catalog.empty("Z\u00FCrich").missing()).hasValueSatisfying(error ->
                assertThat(error.message()).doesNotContain("decomposed"));
    }

    /** An attribute key in either Unicode form is the catalog's attribute (review "scripts", 6 December 2026). */
    @Test
    void attribute_keyInDecomposedForm_foundAsTheComposedOne() {
        var empty = Catalog.empty("acme");
        var catalog = new Catalog("acme", empty.locations(), empty.suppliers(), empty.unitsOfMeasure(), empty.intentOptions(),
                empty.currencies(), empty.usersByEmail(), empty.labels(), empty.requirementsByTitle(), null,
                java.util.List.of(new AttributeDef("Pr\u00FCfdatum", AttributeEntity.INVENTORY, AttributeType.DATE)), empty.parts());

        assertThat(catalog.attribute(AttributeEntity.INVENTORY, "Pru\u0308fdatum")).map(AttributeDef::key).contains("Pr\u00FCfdatum");
        assertThat(catalog.attribute(AttributeEntity.PURCHASE_ORDER, "Pru\u0308fdatum")).isEmpty();
        assertThat(catalog.attribute(AttributeEntity.INVENTORY, "pr\u00FCfdatum")).as("case still counts").isEmpty();
    }
}
