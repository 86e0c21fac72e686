package dev.intake.core.inventory;

import java.util.Collection;
import java.util.Map;

/** Port: the serial claims of an org's inventory, looked up by key (never by reading a part's inventory). */
public interface SerialRegistry {

    /** The most keys one {@link #holders} call should be given. */
    int LOOKUP_UNIT = 100;

    /** The id of the record holding each of {@code keys}; keys nobody holds are absent. */
    Map<SerialKey, Long> holders(String org, Collection<SerialKey> keys);
}
