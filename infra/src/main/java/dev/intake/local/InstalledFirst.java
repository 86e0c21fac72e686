package dev.intake.local;

import dev.intake.core.inventory.InventoryRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Orders an export's records so that each item others are installed in comes after the last of
 * them, deeper assemblies first; the rest keep id order. Rows apply in file order, and a changed
 * location moves what is installed in the item: written in id order, an assembly's row came before
 * the rows of items installed later (higher ids), whose unchanged locations put them back, so
 * moving an assembly in an exported file moved it alone (found by review on 5 December 2026).
 * Streams: it holds only the assemblies waiting for their last installed item.
 */
final class InstalledFirst {

    /** An assembly's id, and the id of the record it is written after (its highest installed id). */
    private final Map<Long, Long> heldUntil = new HashMap<>();
    private final Map<Long, Long> parentOf = new HashMap<>();

    private InstalledFirst(Map<Long, List<Long>> installed) {
        installed.forEach((parent, children) -> children.forEach(child -> parentOf.put(child, parent)));
        var last = new HashMap<Long, Long>();
        installed.keySet().forEach(parent -> lastInstalled(parent, installed, last, new HashSet<>()));
        last.forEach((parent, lastId) -> {
            if (lastId > parent) {
                heldUntil.put(parent, lastId);
            }
        });
    }

    /**
     * {@code byId} (in id order) reordered; {@code installed}: the ids installed in each item, from
     * the installations index (one that lags only puts a row where id order would).
     */
    static Stream<InventoryRecord> order(Stream<InventoryRecord> byId, Map<Long, List<Long>> installed) {
        return new InstalledFirst(installed).reorder(byId);
    }

    private Stream<InventoryRecord> reorder(Stream<InventoryRecord> byId) {
        var held = new HashMap<Long, List<InventoryRecord>>();
        var ordered = byId.flatMap(record -> {
            var until = heldUntil.get(record.id());
            if (until != null) {
                held.computeIfAbsent(until, id -> new ArrayList<>()).add(record);
                return Stream.empty();
            }
            var released = held.remove(record.id());
            return released == null ? Stream.of(record) : Stream.concat(Stream.of(record), deepestFirst(released));
        });
        // an assembly whose last installed item was not listed (gone meanwhile) still gets its row, at the end
        return Stream.concat(ordered, Stream.of(held).flatMap(rest -> deepestFirst(rest.values().stream().flatMap(List::stream).toList())));
    }

    private Stream<InventoryRecord> deepestFirst(List<InventoryRecord> records) {
        return records.stream().sorted(Comparator.comparingInt((InventoryRecord r) -> depth(r.id())).reversed()
                .thenComparingLong(InventoryRecord::id));
    }

    private int depth(long id) {
        int depth = 0;
        var seen = new HashSet<Long>();
        for (Long at = parentOf.get(id); at != null && seen.add(at); at = parentOf.get(at)) {
            depth++;
        }
        return depth;
    }

    /** The highest id installed in {@code parent}, at any depth (a loop, which loads refuse, is cut). */
    private static long lastInstalled(long parent, Map<Long, List<Long>> installed, Map<Long, Long> last, Set<Long> path) {
        var known = last.get(parent);
        if (known != null || !path.add(parent)) {
            return known == null ? parent : known;
        }
        long highest = parent;
        for (var child : installed.getOrDefault(parent, List.of())) {
            highest = Math.max(highest, Math.max(child, lastInstalled(child, installed, last, path)));
        }
        last.put(parent, highest);
        return highest;
    }
}
