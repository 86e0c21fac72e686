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
     * What the registry holds for {@code keys}: the claim on each held one, stamped with the import
     * that wrote it, and each free one that an import gave up, stamped with that import (keys never
     * claimed, or whose trace has expired, are in neither).
     */
    Lookup lookUp(String org, Collection<SerialKey> keys);

    /** The answer of one {@link #lookUp}. */
    record Lookup(Map<SerialKey, Stamped<SerialClaim>> holders, List<Stamped<GivenUpSerial>> givenUp) {

        /** Nothing held, nothing given up. */
        public static final Lookup NOTHING = new Lookup(Map.of(), List.of());

        public Lookup {
            holders = Map.copyOf(holders);
            givenUp = List.copyOf(givenUp);
        }
    }
}
