package dev.intake.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A part index read on demand (an import's, in a large org) answers as a whole one does, reading
 * each part number once, and the rest at once past {@link PartIndex#ON_DEMAND_NUMBERS}.
 */
class PartIndexTest {

    private final Map<String, List<Part>> catalog = new ConcurrentHashMap<>();
    private final List<String> numbersRead = new ArrayList<>();
    private int wholeReads;

    private final PartSource source = new PartSource() {
        @Override
        public List<Part> revisions(String partNumberKey) {
            numbersRead.add(partNumberKey);
            return catalog.getOrDefault(partNumberKey, List.of());
        }

        @Override
        public List<Part> all() {
            wholeReads++;
            return catalog.values().stream().flatMap(List::stream).toList();
        }
    };

    @Test
    void onDemand_readsAPartNumberOnce_inAnyCase() {
        catalog.put("widget-a", List.of(part("Widget-A", "A"), part("Widget-A", "B")));
        var index = PartIndex.onDemand(source, false);

        assertThat(index.find("WIDGET-A", "")).contains(part("Widget-A", "B"));
        assertThat(index.find(" widget-a ", "a")).contains(part("Widget-A", "A"));
        assertThat(index.hasPartNumber("Widget-A")).isTrue();

        assertThat(numbersRead).containsExactly("widget-a");
        assertThat(wholeReads).isZero();
        assertThat(index.revisionsByNumber()).containsOnlyKeys("widget-a");
    }

    /**
     * A part number its key does not find reads every part, which are grouped by their own part
     * numbers: a part stored under an older form of the key (a no-break space kept before 5
     * December 2026) is found so (review "ondemand", 6 December 2026). A typo reads the rest once.
     */
    @Test
    void onDemand_numberNotFoundUnderItsKey_readsEveryPartOnce() {
        var oldForm = new Part("NB\u00A0PART", "A", TrackingType.NONE, "each", null, List.of());
        catalog.put("nb\u00A0part", List.of(oldForm)); // where the source keeps it: its key of then
        var index = PartIndex.onDemand(source, false);

        assertThat(index.find("NB PART", "A")).contains(oldForm);
        assertThat(index.hasPartNumber("NOPE")).isFalse();
        assertThat(index.hasPartNumber("nope-2")).isFalse();

        assertThat(numbersRead).containsExactly("nb part");
        assertThat(wholeReads).isEqualTo(1);
    }

    @Test
    void onDemand_pastTheLimit_readsEveryPartOnceAndNoNumberAgain() {
        for (int i = 0; i <= PartIndex.ON_DEMAND_NUMBERS + 5; i++) {
            catalog.put("p" + i, List.of(part("P" + i, "A")));
        }
        var index = PartIndex.onDemand(source, false);
        for (int i = 0; i < PartIndex.ON_DEMAND_NUMBERS; i++) {
            assertThat(index.hasPartNumber("P" + i)).isTrue();
        }
        assertThat(wholeReads).isZero();

        assertThat(index.find("P" + PartIndex.ON_DEMAND_NUMBERS, "A")).contains(part("P" + PartIndex.ON_DEMAND_NUMBERS, "A"));
        assertThat(index.hasPartNumber("P" + (PartIndex.ON_DEMAND_NUMBERS + 5))).isTrue();
        assertThat(index.hasPartNumber("unknown")).isFalse();

        assertThat(wholeReads).isEqualTo(1);
        assertThat(numbersRead).hasSize(PartIndex.ON_DEMAND_NUMBERS);
    }

    /** A catalog load between an import's reads must not change a part under it: the whole read keeps what was read first. */
    @Test
    void onDemand_wholeReadAfterTheCatalogChanged_keepsWhatWasReadFirst() {
        catalog.put("bolt", List.of(new Part("BOLT", "A", TrackingType.NONE, "each", null, List.of())));
        var index = PartIndex.onDemand(source, false);
        assertThat(index.find("bolt", "A")).map(Part::trackingType).contains(TrackingType.NONE);
        catalog.put("bolt", List.of(new Part("BOLT", "A", TrackingType.SERIAL, "each", null, List.of())));
        catalog.put("new", List.of(part("NEW", "A")));

        assertThat(index.hasPartNumber("nope")).as("not under its key: the rest read").isFalse();

        assertThat(wholeReads).isEqualTo(1);
        assertThat(index.hasPartNumber("new")).as("read with the rest").isTrue();
        assertThat(index.find("bolt", "A")).map(Part::trackingType).contains(TrackingType.NONE);
        assertThat(wholeReads).isEqualTo(1);
    }

    @Test
    void isEmpty_isWhatTheStoreSaid_orWhetherAWholeIndexHasParts() {
        assertThat(PartIndex.onDemand(source, true).isEmpty()).isTrue();
        assertThat(PartIndex.onDemand(source, false).isEmpty()).isFalse();
        assertThat(PartIndex.of(List.of()).isEmpty()).isTrue();
        assertThat(PartIndex.of(List.of(part("X", "A"))).isEmpty()).isFalse();
        assertThat(numbersRead).isEmpty();
    }

    private static Part part(String number, String revision) {
        return new Part(number, revision, TrackingType.NONE, "each", null, List.of());
    }
}
