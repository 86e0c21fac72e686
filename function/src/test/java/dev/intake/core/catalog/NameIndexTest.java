package dev.intake.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NameIndexTest {

    private final NameIndex locations = NameIndex.of(List.of("Z\u00fcrich Lager", "Stockroom A"));

    @Test
    void find_anyCaseAndSurroundingSpaces_givesTheStoredSpelling() {
        assertThat(locations.find("  stockroom a ")).contains("Stockroom A");
    }

    /** Decomposed text (macOS file names): u and a combining diaeresis is the catalog's ü. */
    @Test
    void find_decomposedUnicodeOfAStoredName_givesTheStoredSpelling() {
        assertThat(locations.find("Zu\u0308rich lager")).contains("Z\u00fcrich Lager");
    }

    @Test
    void key_composedAndDecomposedForms_areOneKey() {
        assertThat(NameIndex.key("ZU\u0308RICH")).isEqualTo(NameIndex.key("Z\u00fcrich")).isEqualTo("z\u00fcrich");
    }
}
