package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.aws.DynamoIdAllocator;
import dev.intake.aws.SeededIdRanges;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SeededIdRanges: the ranges of ids catalog loads reserved. */
class SeedingReservationTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    /**
     * Found by review (5 Dec 2026): the id sequence kept one range a load reserved (then
     * {@code seededFrom} and {@code seededTo}; {@code seededRanges} now), extended only where the
     * counter still stood at its end. A load whose new ids lie partly in that range (items an earlier load reserved and never
     * wrote) and partly above a counter that imports (or seeded POs' On Order items) have moved
     * past it raises the counter to its highest id, but keeps no range for the ids it reserved
     * above the old counter. Stopped before it writes them (throttled, Ctrl-C), loading the same
     * file again is refused for ever: "new ids [2000] are at or below 2000, the last id imports
     * have been given", though no import was given 2000. catalog.md promises "Loading the same
     * file again ends where a load that never stopped would." Fix: keep the ranges a load reserved
     * (a small list), or the newest one where the counter moved past the old.
     */
    @Test
    void reserve_loadAgainAfterALoadReservedAboveACounterImportsMovedPastTheLastRange_notRefused() {
        var ids = new DynamoIdAllocator(emulators.aws.dynamo(), emulators.aws.config().catalogTable());
        var reserved = new SeededIdRanges(emulators.aws.dynamo(), emulators.aws.config().catalogTable());
        var org = "seeding";
        // a first load reserves 1001..1013 and stops after writing 1001..1005
        assertThat(reserved.reserve(org, "inventory", range(1001, 1013), 1013)).isEmpty();
        // an import is handed 1014..1018
        assertThat(ids.allocate(org, "inventory", 5)).isEqualTo(1014);
        // the file, given one more item (2000), is loaded again: allowed, and stopped before it writes 1006.. and 2000
        var fresh = Stream.concat(range(1006, 1013).stream(), Stream.of(2000L)).toList();
        assertThat(reserved.reserve(org, "inventory", fresh, 2000)).isEmpty();

        assertThat(reserved.reserve(org, "inventory", fresh, 2000))
                .as("loading the same file again: every new id is one a load reserved, none an import's").isEmpty();
    }

    private static List<Long> range(long from, long to) {
        return LongStream.rangeClosed(from, to).boxed().toList();
    }
}
