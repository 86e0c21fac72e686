package dev.intake.core.inventory;

import dev.intake.core.commit.Stamped;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Port: the serial claims of an org's inventory, looked up by key (never by reading a part's inventory). */
public interface SerialRegistry {

    /** The most keys one {@link #lookUp} call should be given. */
    int LOOKUP_UNIT = 100;

    /**
     * What the registry holds for {@code keys}: the id of the record holding each held one, and
     * each free one that an import gave up, stamped with that import (keys never claimed, or
     * whose trace has expired, are in neither).
     */
    Lookup lookUp(String org, Collection<SerialKey> keys);

    /** The answer of one {@link #lookUp}. */
    record Lookup(Map<SerialKey, Long> holders, List<Stamped<GivenUpSerial>> givenUp) {

        public Lookup {
            holders = Map.copyOf(holders);
            givenUp = List.copyOf(givenUp);
        }

        /** Only holders: a registry that keeps no traces of serials given up. */
        public static Lookup holders(Map<SerialKey, Long> holders) {
            return new Lookup(holders, List.of());
        }
    }
}
