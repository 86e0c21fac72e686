package dev.intake.local;

import java.util.ArrayList;
import java.util.List;

/** Problems found in a catalog file, collected so that one run reports all of them. */
final class Problems {

    private final List<String> messages = new ArrayList<>();

    void add(String where, String message) {
        messages.add(where + ": " + message);
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
