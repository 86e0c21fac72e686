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

    /**
     * The trees read: their roots, and what is installed in each record that has anything
     * installed. Records with nothing installed have no entry, so a file that moves a million
     * loose records keeps no map of them.
     */
    static final class Trees {

        static final Trees NONE = new Trees(RecordIds.NONE, Map.of());

        private final RecordIds roots;
        private final Map<Long, List<Stamped<InventoryRecord>>> children;
        private final Set<Long> installedIds = new HashSet<>();

        Trees(RecordIds roots, Map<Long, List<Stamped<InventoryRecord>>> children) {
            this.roots = roots;
            this.children = Map.copyOf(children);
            children.values().forEach(list -> list.forEach(child -> installedIds.add(child.item().id())));
        }

        /** What is installed in a record of the trees; fails for a record whose tree was not read. */
        List<Stamped<InventoryRecord>> childrenOf(long id) {
            var found = children.get(id);
            if (found != null) {
                return found;
            }
            if (!roots.contains(id) && !installedIds.contains(id)) {
                throw new IllegalStateException("inventory " + id + " moves, but its installation tree was not read");
            }
            return List.of();
        }

        /** Whether the record is installed in another record of the trees: a move of that one takes it along. */
        boolean isInstalled(long id) {
            return installedIds.contains(id);
        }

        /** The records installed in others, as read: a file that moves their trees builds on them. */
        List<Stamped<InventoryRecord>> installedRecords() {
            return children.values().stream().flatMap(List::stream).toList();
        }

        /** Every record of the trees, roots and leaves, with the ids of what is installed in it. */
        Map<Long, List<Long>> ids() {
            var ids = new HashMap<Long, List<Long>>();
            roots.forEach(root -> ids.put(root, List.of()));
            installedIds.forEach(child -> ids.put(child, List.of()));
            children.forEach((parent, list) -> ids.put(parent, list.stream().map(child -> child.item().id()).sorted().toList()));
            return ids;
        }
    }

    private InstalledTrees() {}

    /** The trees under {@code roots}: every record in them, roots and leaves included. */
    static Trees under(InventoryStore inventory, String org, RecordIds roots, Executor executor) {
        if (roots.isEmpty()) {
            return Trees.NONE;
        }
        return new Trees(roots, roots.size() <= ASK_EACH_UP_TO
                ? askingEach(inventory, org, roots.boxed(), executor)
                : fromAllInstallations(inventory, org, roots));
    }

    /** As above, for a few roots given as a set (tests). */
    static Trees under(InventoryStore inventory, String org, Set<Long> roots, Executor executor) {
        return under(inventory, org, RecordIds.of(roots), executor);
    }

    private static Map<Long, List<Stamped<InventoryRecord>>> askingEach(InventoryStore inventory, String org,
                                                                      Collection<Long> roots, Executor executor) {
        var answered = new HashMap<Long, List<Stamped<InventoryRecord>>>();
        Set<Long> level = new HashSet<>(roots);
        while (!level.isEmpty()) {
            askInParallel(inventory, org, level, executor, answered);
            var next = new HashSet<Long>();
            for (long parent : level) {
                for (var child : answered.get(parent)) {
                    if (!answered.containsKey(child.item().id())) {
                        next.add(child.item().id());
                    }
                }
            }
            level = next;
        }
        answered.values().removeIf(List::isEmpty);
        return answered;
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
     * may lag: a record it names that is no longer installed in that parent is left out. Only the
     * records with something installed are visited and kept: most of a large file's roots have
     * nothing installed.
     */
    private static Map<Long, List<Stamped<InventoryRecord>>> fromAllInstallations(InventoryStore inventory, String org,
                                                                                RecordIds roots) {
        var installedIds = inventory.installedIds(org);
        var parents = new HashSet<Long>(); // the records of the trees with something installed
        var toVisit = new ArrayList<Long>();
        roots.forEach(root -> {
            if (installedIds.containsKey(root)) {
                toVisit.add(root);
            }
        });
        var installedInTrees = new HashSet<Long>(); // a root may be installed in another root
        while (!toVisit.isEmpty()) {
            long parent = toVisit.removeLast();
            if (!parents.add(parent)) {
                continue;
            }
            for (long child : installedIds.getOrDefault(parent, List.of())) {
                installedInTrees.add(child);
                if (installedIds.containsKey(child)) {
                    toVisit.add(child);
                }
            }
        }
        var records = installedInTrees.isEmpty() ? Map.<Long, Stamped<InventoryRecord>>of()
                : inventory.findByIds(org, installedInTrees);
        var children = new HashMap<Long, List<Stamped<InventoryRecord>>>();
        for (long parent : parents) {
            var installed = installedIds.get(parent).stream()
                    .map(records::get)
                    .filter(Objects::nonNull)
                    .filter(child -> Objects.equals(child.item().installedIn(), parent))
                    .toList();
            if (!installed.isEmpty()) {
                children.put(parent, installed);
            }
        }
        return children;
    }
}
