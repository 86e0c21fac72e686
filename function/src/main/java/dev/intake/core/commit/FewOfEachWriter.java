package dev.intake.core.commit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A few of the items each import wrote, as read: what a file builds on whose writers may not have
 * finished. The refusal that follows names a few items of each such import, so a few are all it
 * keeps, however many rows of the file meet them.
 */
public final class FewOfEachWriter<T extends Stored> {

    /** Items kept of each writer: as many as a refusal's message names in all (CommitUndo). */
    static final int KEPT = 10;

    private final Map<String, List<Stamped<T>>> byWriter = new LinkedHashMap<>();

    public synchronized void add(Stamped<T> item) {
        var kept = byWriter.computeIfAbsent(item.stamp().writtenBy(), writer -> new ArrayList<>());
        if (kept.size() < KEPT) {
            kept.add(item);
        }
    }

    public synchronized List<Stamped<T>> all() {
        return byWriter.values().stream().flatMap(List::stream).toList();
    }
}
