package dev.intake.aws;

import java.util.HashMap;
import java.util.Map;

/**
 * One instance of each equal string, for the values many items repeat (a part number, a location,
 * the import that wrote them): the SDK hands every item its own copies, and a file of updates
 * holds every record it names until it is committed. Bounded, so a read of values that hardly
 * repeat costs no more than its strings; confined to the thread that reads one batch of items.
 */
final class StringPool {

    /** Enough for the distinct names of any catalog; past it, strings pass through unshared. */
    static final int MAX_STRINGS = 50_000;

    /** Shares nothing: for a read of one item, which has nothing to share with. */
    static final StringPool NONE = new StringPool(0);

    private final Map<String, String> canonical = new HashMap<>();
    private final int maxStrings;

    StringPool() {
        this(MAX_STRINGS);
    }

    private StringPool(int maxStrings) {
        this.maxStrings = maxStrings;
    }

    /** The pool's instance equal to {@code value} ({@code null} for {@code null}). */
    String of(String value) {
        if (value == null || maxStrings == 0) {
            return value;
        }
        var known = canonical.get(value);
        if (known != null) {
            return known;
        }
        if (canonical.size() < maxStrings) {
            canonical.put(value, value);
        }
        return value;
    }
}
