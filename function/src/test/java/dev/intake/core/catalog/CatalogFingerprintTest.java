package dev.intake.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.testing.TestCatalog;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fingerprint a resume compares covers the parts named to it and every list, nothing else. */
class CatalogFingerprintTest {

    private final Catalog acme = TestCatalog.acme();

    @Test
    void of_partsNotNamed_leftOut() {
        var grown = TestCatalog.withRevision(acme, new PartRef("RESIN", "2"), TrackingType.SERIAL, "kg");

        assertThat(CatalogFingerprint.of(grown, Set.of("bolt-m3", "WIDGET-A")))
                .isEqualTo(CatalogFingerprint.of(acme, Set.of("Bolt-M3", "widget-a")));
        assertThat(CatalogFingerprint.changedSince(Optional.of(CatalogFingerprint.of(acme, Set.of("BOLT-M3"))), grown, Set.of("bolt-m3")))
                .isFalse();
    }

    @Test
    void of_aNamedPartGainingARevision_differs() {
        var grown = TestCatalog.withRevision(acme, new PartRef("BOLT-M3", "B"), TrackingType.NONE, "each");

        assertThat(CatalogFingerprint.of(grown, Set.of("BOLT-M3"))).isNotEqualTo(CatalogFingerprint.of(acme, Set.of("BOLT-M3")));
        assertThat(CatalogFingerprint.changedSince(Optional.of(CatalogFingerprint.of(acme, Set.of("BOLT-M3"))), grown, Set.of("BOLT-M3")))
                .isTrue();
    }

    @Test
    void of_aListChanging_differsWhateverThePartsNamed() {
        var moved = new Catalog(acme.org(), NameIndex.of(List.of("Dock 9")), acme.suppliers(), acme.unitsOfMeasure(),
                acme.intentOptions(), acme.currencies(), acme.usersByEmail(), acme.labels(), acme.requirementsByTitle(),
                acme.defaultTermsAndConditions(), acme.attributes(), acme.parts());

        assertThat(CatalogFingerprint.of(moved, Set.of())).isNotEqualTo(CatalogFingerprint.of(acme, Set.of()));
    }

    @Test
    void changedSince_noRecordedFingerprint_notChanged() {
        assertThat(CatalogFingerprint.changedSince(Optional.empty(), acme, Set.of("BOLT-M3"))).isFalse();
    }

    /**
     * A fingerprint taken over the whole catalog, by an Intake before 6 December 2026, is told
     * apart from one of this form, and never equal to it: a resume across the update is undone
     * with its own reason (review "upgrade", 6 December 2026).
     */
    @Test
    void takenByAnEarlierIntake_fingerprintsWithoutThisForm() {
        var now = CatalogFingerprint.of(acme, Set.of("BOLT-M3"));

        assertThat(CatalogFingerprint.takenByAnEarlierIntake(Optional.of("0f3a9c2b7d1e4f5a6b7c8d9e0f1a2b3c"))).isTrue();
        assertThat(CatalogFingerprint.takenByAnEarlierIntake(Optional.of("p:0f3a9c2b7d1e4f5a6b7c8d9e0f1a2b3c")))
                .as("of the form that covered every stored line a file named").isTrue();
        assertThat(CatalogFingerprint.takenByAnEarlierIntake(Optional.of(now))).isFalse();
        assertThat(CatalogFingerprint.takenByAnEarlierIntake(Optional.empty())).isFalse();
        assertThat(CatalogFingerprint.changedSince(Optional.of(now.substring(2)), acme, Set.of("BOLT-M3"))).isTrue();
    }
}
