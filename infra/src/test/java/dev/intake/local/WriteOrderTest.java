package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.catalog.PartRef;
import dev.intake.core.inventory.Assembly;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.Placement;
import dev.intake.core.inventory.Quantities;
import dev.intake.core.inventory.Tracking;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The order of a catalog load's record writes (found by review "own47" on 6 December 2026): a
 * chain of records each taking the next one's serial made as many waves, each rescanning every
 * record left (40,000 took over a minute of CPU before a write). Two records swapping serials are
 * one circle, written together (CatalogReloadRacesTest).
 */
class WriteOrderTest {

    @Test
    void waves_chainOfSerialsShiftedByOne_oneWaveARecordFromTheEndOfTheChain() {
        // record i takes the serial record i + 1 gives up: i waits on i + 1
        var order = chain(5);

        var waves = new ArrayList<List<Long>>();
        for (var wave = order.firstWave(); !wave.isEmpty(); wave = order.nextWave(wave)) {
            waves.add(wave.stream().map(InventoryRecord::id).toList());
        }

        assertThat(waves).containsExactly(List.of(1004L), List.of(1003L), List.of(1002L), List.of(1001L), List.of(1000L));
        assertThat(order.circles()).isEmpty();
    }

    @Test
    void waves_chainOf200000_orderedWhole() {
        var order = chain(200_000);

        int waves = 0;
        for (var wave = order.firstWave(); !wave.isEmpty(); wave = order.nextWave(wave)) {
            waves++;
        }

        assertThat(waves).isEqualTo(200_000);
    }

    @Test
    void circles_twoSwappingAndOneWaitingOnThem_theCircleFirstThenTheOneAlone() {
        Map<Long, List<Long>> dependsOn = Map.of(1000L, List.of(1001L), 1001L, List.of(1000L), 1002L, List.of(1000L),
                1003L, List.of());
        var order = new WriteOrder(List.of(unit(1000, "a"), unit(1001, "b"), unit(1002, "c"), unit(1003, "d")),
                record -> dependsOn.get(record.id()));

        assertThat(order.firstWave()).extracting(InventoryRecord::id).containsExactly(1003L);
        assertThat(order.nextWave(order.firstWave())).isEmpty();
        assertThat(order.circles()).extracting(group -> group.stream().map(InventoryRecord::id).sorted().toList())
                .containsExactly(List.of(1000L, 1001L), List.of(1002L));
    }

    /** Written by review "own47b" on 6 December 2026: random graphs of up to two dependencies a record; every record after its dependencies, once. */
    @Test
    void randomGraphs_everyRecordAfterItsDependencies() {
        var random = new java.util.Random(47);
        for (int round = 0; round < 3000; round++) {
            int n = 1 + random.nextInt(12);
            var dependsOn = new java.util.HashMap<Long, List<Long>>();
            var records = new ArrayList<InventoryRecord>();
            for (int i = 0; i < n; i++) {
                var deps = new ArrayList<Long>();
                for (int k = random.nextInt(3); k > 0; k--) {
                    deps.add(1000L + random.nextInt(n + 2)); // some outside the load
                }
                dependsOn.put(1000L + i, deps);
                records.add(unit(1000 + i, "S-" + i));
            }
            var order = new WriteOrder(records, record -> dependsOn.get(record.id()));
            var group = new java.util.HashMap<Long, Integer>();
            int g = 0;
            for (var wave = order.firstWave(); !wave.isEmpty(); wave = order.nextWave(wave)) {
                for (var r : wave) {
                    assertThat(group.put(r.id(), g)).as("round %d: %d twice", round, r.id()).isNull();
                }
                g++;
            }
            int waves = g;
            for (var circle : order.circles()) {
                for (var r : circle) {
                    assertThat(group.put(r.id(), g)).as("round %d: %d twice", round, r.id()).isNull();
                }
                g++;
            }
            assertThat(group).as("round %d %s", round, dependsOn).hasSize(n);
            for (var entry : dependsOn.entrySet()) {
                for (var dep : entry.getValue()) {
                    if (group.containsKey(dep) && !dep.equals(entry.getKey())) {
                        assertThat(group.get(dep)).as("round %d %s: %d before %d", round, dependsOn, dep, entry.getKey())
                                .isLessThanOrEqualTo(group.get(entry.getKey()));
                        if (group.get(dep).equals(group.get(entry.getKey()))) {
                            assertThat(group.get(dep)).as("round %d %s: %d with %d in a wave, not a circle", round, dependsOn,
                                    dep, entry.getKey()).isGreaterThanOrEqualTo(waves);
                        }
                    }
                }
            }
        }
    }

    private static WriteOrder chain(int length) {
        var records = new ArrayList<InventoryRecord>();
        for (int i = 0; i < length; i++) {
            records.add(unit(1000 + i, "S-" + (i + 1)));
        }
        long last = 1000L + length - 1;
        return new WriteOrder(records, record -> record.id() < last ? List.of(record.id() + 1) : List.of());
    }

    private static InventoryRecord unit(long id, String serial) {
        return new InventoryRecord(id, new PartRef("PCB-410", "A"), new Tracking(serial, null),
                new Quantities(BigDecimal.ONE, BigDecimal.ZERO), new Placement("Dock", null, "each", null),
                Map.of(), Assembly.NONE, null);
    }
}
