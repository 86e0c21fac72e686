package dev.intake.core.inventory;

import dev.intake.core.commit.InParallel;
import dev.intake.core.commit.Stamped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * The installation trees under the records a file may move, read before the commit pass. Most
 * records have nothing installed, yet only the store can say so: asking it once per moved record,
 * one after another, made a file of location changes wait on a round trip per row. A file that
 * moves a few records asks about each, a level at a time, in parallel; one that moves more reads
 * the org's installations as ids once and then loads just the records in its trees.
 */
final class InstalledTrees {

    /** Moved records up to which asking about each costs less than reading every installation. */
    static final int ASK_EACH_UP_TO = 500;
    /** Lookups out at once, as for serials: enough to hide the round trips, few enough to stay polite. */
    private static final int IN_FLIGHT = 16;

    private InstalledTrees() {}

    /**
     * What is installed in each record of the trees under {@code roots}, by its id: an entry for
     * every record of those trees, roots and leaves included (empty when nothing is installed).
     */
    static Map<Long, List<Stamped<InventoryRecord>>> under(InventoryStore inventory, String org, Collection<Long> roots,
                                                           Executor executor) {
        return roots.size() <= ASK_EACH_UP_TO
                ? askingEach(inventory, org, roots, executor)
                : fromAllInstallations(inventory, org, roots);
    }

    private static Map<Long, List<Stamped<InventoryRecord>>> askingEach(InventoryStore inventory, String org,
                                                                      Collection<Long> roots, Executor executor) {
        var children = new HashMap<Long, List<Stamped<InventoryRecord>>>();
        Set<Long> level = new HashSet<>(roots);
        while (!level.isEmpty()) {
            askInParallel(inventory, org, level, executor, children);
            var next = new HashSet<Long>();
            for (long parent : level) {
                for (var child : children.get(parent)) {
                    if (!children.containsKey(child.item().id())) {
                        next.add(child.item().id());
                    }
                }
            }
            level = next;
        }
        return Map.copyOf(children);
    }

    private static void askInParallel(InventoryStore inventory, String org, Set<Long> parents, Executor executor,
                                      Map<Long, List<Stamped<InventoryRecord>>> children) {
        var asked = List.copyOf(parents);
        var answers = InParallel.map(asked, IN_FLIGHT, executor, parent -> inventory.installedIn(org, parent));
        for (int i = 0; i < asked.size(); i++) {
            children.put(asked.get(i), answers.get(i));
        }
    }

    /**
     * Walks the org's installations (ids) from the roots, then reads the records found. The index
     * may lag: a record it names that is no longer installed in that parent is left out.
     */
    private static Map<Long, List<Stamped<InventoryRecord>>> fromAllInstallations(InventoryStore inventory, String org,
                                                                                Collection<Long> roots) {
        var installedIds = inventory.installedIds(org);
        var inTrees = new HashSet<Long>(roots);
        var installedInTrees = new HashSet<Long>(); // a root may be installed in another root
        var toVisit = new ArrayList<Long>(roots);
        while (!toVisit.isEmpty()) {
            for (long child : installedIds.getOrDefault(toVisit.removeLast(), List.of())) {
                installedInTrees.add(child);
                if (inTrees.add(child)) {
                    toVisit.add(child);
                }
            }
        }
        var records = installedInTrees.isEmpty() ? Map.<Long, Stamped<InventoryRecord>>of()
                : inventory.findByIds(org, installedInTrees);
        var children = new HashMap<Long, List<Stamped<InventoryRecord>>>();
        for (long parent : inTrees) {
            children.put(parent, installedIds.getOrDefault(parent, List.of()).stream()
                    .map(records::get)
                    .filter(Objects::nonNull)
                    .filter(child -> Objects.equals(child.item().installedIn(), parent))
                    .toList());
        }
        return Map.copyOf(children);
    }
}
