package dev.intake.local;

import java.util.ArrayList;
import java.util.List;

/** Problems found in a catalog file, collected so that one run reports all of them. */
final class Problems {

    private final List<String> messages = new ArrayList<>();

    void add(String where, String message) {
        messages.add(where + ": " + message);
    }

    /**
     * A value too long for the DynamoDB key the catalog stores it in: {@code what} took
     * {@code bytes} of UTF-8, where the key leaves it {@code limit}. DynamoDB would refuse it
     * partway through the load.
     */
    void keyTooLong(String where, String what, int limit, int bytes) {
        add(where, what + " is part of a DynamoDB key and may take at most " + limit + " bytes of UTF-8, got " + bytes);
    }

    int size() {
        return messages.size();
    }

    boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Throws when anything was found: nothing of an invalid catalog is written. */
    void throwIfAny(String subject) throws CatalogException {
        if (!messages.isEmpty()) {
            var noun = messages.size() == 1 ? "problem" : "problems";
            throw new CatalogException(subject + " has " + messages.size() + " " + noun + "; nothing was loaded:\n  "
                    + String.join("\n  ", messages));
        }
    }
}
