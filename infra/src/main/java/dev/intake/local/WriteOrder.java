package dev.intake.local;

import dev.intake.core.inventory.InventoryRecord;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The order a catalog load writes its records in: each after the records of the load it depends
 * on, in waves (every record of a wave waits only on earlier waves, so a wave's writes go out
 * together), then what is left, which depends on itself round a circle: one group per circle
 * (or per record that waits on one), each after the groups it waits on. Linear in the records
 * and their dependencies.
 */
final class WriteOrder {

    private final Map<Long, InventoryRecord> records = new LinkedHashMap<>();
    private final Map<Long, List<Long>> dependencies = new HashMap<>();
    private final Map<Long, List<Long>> dependents = new HashMap<>();
    private final Map<Long, Integer> waitingOn = new HashMap<>();

    /** {@code dependsOn} may name records outside {@code records}: those are not waited for. */
    WriteOrder(List<InventoryRecord> records, Function<InventoryRecord, List<Long>> dependsOn) {
        records.forEach(record -> this.records.put(record.id(), record));
        for (var record : records) {
            var within = dependsOn.apply(record).stream().filter(this.records::containsKey).distinct().toList();
            dependencies.put(record.id(), within);
            waitingOn.put(record.id(), within.size());
            within.forEach(id -> dependents.computeIfAbsent(id, d -> new ArrayList<>()).add(record.id()));
        }
    }

    /** The records of the load {@code id} waits on. */
    List<Long> dependencies(long id) {
        return dependencies.getOrDefault(id, List.of());
    }

    List<InventoryRecord> firstWave() {
        return records.values().stream().filter(record -> waitingOn.get(record.id()) == 0).toList();
    }

    /** The records that waited on {@code wave} and on nothing later; empty once none is left. */
    List<InventoryRecord> nextWave(List<InventoryRecord> wave) {
        var next = new ArrayList<InventoryRecord>();
        for (var written : wave) {
            for (var id : dependents.getOrDefault(written.id(), List.of())) {
                if (waitingOn.merge(id, -1, Integer::sum) == 0) {
                    next.add(records.get(id));
                }
            }
        }
        return next;
    }

    /**
     * Once the waves are done, the records left, grouped: the records of one circle together, a
     * record that waits on a circle alone, each group after those it waits on (Tarjan's strongly
     * connected components, which come out in that order; iterative, for a chain may be long).
     */
    List<List<InventoryRecord>> circles() {
        var left = records.keySet().stream().filter(id -> waitingOn.get(id) > 0).toList();
        var index = new HashMap<Long, Integer>();
        var lowest = new HashMap<Long, Integer>();
        var stack = new ArrayDeque<Long>();
        var onStack = new java.util.HashSet<Long>();
        var groups = new ArrayList<List<InventoryRecord>>();
        for (var start : left) {
            if (index.containsKey(start)) {
                continue;
            }
            var path = new ArrayDeque<long[]>(); // a record's id and how many of its dependencies were visited
            visit(start, index, lowest, stack, onStack);
            path.push(new long[] {start, 0});
            while (!path.isEmpty()) {
                var top = path.peek();
                long id = top[0];
                var next = dependencies(id);
                if (top[1] < next.size()) {
                    long dependency = next.get((int) top[1]++);
                    if (waitingOn.get(dependency) == 0) {
                        continue; // written in a wave
                    }
                    if (!index.containsKey(dependency)) {
                        visit(dependency, index, lowest, stack, onStack);
                        path.push(new long[] {dependency, 0});
                    } else if (onStack.contains(dependency)) {
                        lowest.merge(id, index.get(dependency), Math::min);
                    }
                    continue;
                }
                path.pop();
                if (!path.isEmpty()) {
                    lowest.merge(path.peek()[0], lowest.get(id), Math::min);
                }
                if (lowest.get(id).equals(index.get(id))) {
                    var group = new ArrayList<InventoryRecord>();
                    long member;
                    do {
                        member = stack.pop();
                        onStack.remove(member);
                        group.add(records.get(member));
                    } while (member != id);
                    groups.add(group);
                }
            }
        }
        return groups;
    }

    private static void visit(long id, Map<Long, Integer> index, Map<Long, Integer> lowest, ArrayDeque<Long> stack,
                              java.util.Set<Long> onStack) {
        index.put(id, index.size());
        lowest.put(id, index.get(id));
        stack.push(id);
        onStack.add(id);
    }
}
