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
import java.util.function.Function;

/**
 * The installation trees under the records a file may move, read before the commit pass. Most
 * records have nothing installed, yet only the store can say so: asking it once per moved record,
 * one after another, made a file of location changes wait on a round trip per row. A file that
 * moves a few records asks about each, a level at a time, in parallel; one that moves more reads
 * the org's installations as ids once. Either way it then loads just the records in its trees, by
 * key.
 */
final class InstalledTrees {

    /**
     * Moved records up to which Intake asks about each rather than reading every installation of
     * the org: a bound for a large org, where the whole read grows with its installations (half a
     * read unit a question, 250 at 500, against some 8 for every 15,000 installations). In an org
     * of few installations the whole read costs less from a few dozen moved records (review
     * "cost", 6 December 2026: 100 moves asked 100 questions, 50 read units, where the whole read
     * took 8); both are small there, and nothing tells the org's size before reading.
     */
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

    /**
     * The trees under {@code roots}: every record in them, roots and leaves included. Both ways of
     * finding them read an index, which on DynamoDB may lag the records: every record found is read
     * again by key, and one that is no longer installed where the index says is left out, with
     * what is installed in it. The few-records way took the index's copies as they came until 6
     * December 2026: a record another import had just taken out was moved along, from its old
     * version, and the file failed as a concurrent change.
     */
    static Trees under(InventoryStore inventory, String org, RecordIds roots, Executor executor) {
        if (roots.isEmpty()) {
            return Trees.NONE;
        }
        var indexed = roots.size() <= ASK_EACH_UP_TO
                ? askingEach(inventory, org, roots.boxed(), executor)
                : inventory.installedIds(org);
        return new Trees(roots, readAgain(inventory, org, roots, indexed));
    }

    /** As above, for a few roots given as a set (tests). */
    static Trees under(InventoryStore inventory, String org, Set<Long> roots, Executor executor) {
        return under(inventory, org, RecordIds.of(roots), executor);
    }

    /** What the index says is installed in each record of the trees, asked a level at a time. */
    private static Map<Long, List<Long>> askingEach(InventoryStore inventory, String org, Collection<Long> roots,
                                                   Executor executor) {
        var answered = new HashMap<Long, List<Long>>();
        Set<Long> level = new HashSet<>(roots);
        while (!level.isEmpty()) {
            var asked = List.copyOf(level);
            var answers = InParallel.map(asked, IN_FLIGHT, executor, parent -> inventory.idsInstalledIn(org, parent));
            var next = new HashSet<Long>();
            for (int i = 0; i < asked.size(); i++) {
                var children = answers.get(i);
                answered.put(asked.get(i), children);
                next.addAll(children);
            }
            next.removeAll(answered.keySet());
            level = next;
        }
        answered.values().removeIf(List::isEmpty);
        return answered;
    }

    /**
     * Walks {@code indexed} (what the index says is installed in each record) from the roots,
     * reads the records found by key, and walks again over what they say: a record the index still
     * names under a parent it has left is not in the trees, nor what is installed in it. Only the
     * records with something installed are visited and kept: most of a large file's roots have
     * nothing installed.
     */
    private static Map<Long, List<Stamped<InventoryRecord>>> readAgain(InventoryStore inventory, String org,
                                                                     RecordIds roots, Map<Long, List<Long>> indexed) {
        var named = new HashSet<Long>();
        walk(roots, indexed, parent -> {
            var children = indexed.get(parent);
            named.addAll(children);
            return children;
        });
        var records = named.isEmpty() ? Map.<Long, Stamped<InventoryRecord>>of() : inventory.findByIds(org, named);
        var children = new HashMap<Long, List<Stamped<InventoryRecord>>>();
        walk(roots, indexed, parent -> {
            var installed = indexed.get(parent).stream()
                    .map(records::get)
                    .filter(Objects::nonNull)
                    .filter(child -> Objects.equals(child.item().installedIn(), parent))
                    .toList();
            if (!installed.isEmpty()) {
                children.put(parent, installed);
            }
            return installed.stream().map(child -> child.item().id()).toList();
        });
        return children;
    }

    /** Visits each record with something in {@code indexed} that {@code visit} leads to from the roots, once. */
    private static void walk(RecordIds roots, Map<Long, List<Long>> indexed, Function<Long, List<Long>> visit) {
        var toVisit = new ArrayList<Long>();
        roots.forEach(root -> {
            if (indexed.containsKey(root)) {
                toVisit.add(root);
            }
        });
        var visited = new HashSet<Long>();
        while (!toVisit.isEmpty()) {
            long parent = toVisit.removeLast();
            if (!visited.add(parent)) {
                continue;
            }
            for (long child : visit.apply(parent)) {
                if (indexed.containsKey(child)) {
                    toVisit.add(child);
                }
            }
        }
    }
}
