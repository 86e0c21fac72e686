package dev.intake.local;

import dev.intake.aws.DynamoInventoryStore;
import dev.intake.core.commit.Stamped;
import dev.intake.core.inventory.AbomSlot;
import dev.intake.core.inventory.InventoryRecord;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The stored records a catalog load's {@code inventory} entries touch, and no others: the records
 * under the seeded ids, the items installed in them, the parents they leave and join, and those
 * parents' ancestors (for the loop check). A load used to read the org's whole inventory for
 * this, some 256 MB for 100,000 items to reload a 13-item catalog (found by review on 5 December
 * 2026); it now reads what the seeding rules look at, by key, plus the keys-only installations
 * index (about 60 bytes an installed item).
 */
final class SeedNeighbourhood {

    private final DynamoInventoryStore inventory;
    private final String org;
    private final Map<Long, Stamped<InventoryRecord>> read = new HashMap<>();
    private final Set<Long> asked = new HashSet<>();
    /** The installations index: each parent's children, by id. */
    private Map<Long, List<Long>> installed = Map.of();

    private SeedNeighbourhood(DynamoInventoryStore inventory, String org) {
        this.inventory = inventory;
        this.org = org;
    }

    /** The stored records around {@code entries}, by id, as read (strongly consistent). */
    static Map<Long, Stamped<InventoryRecord>> read(DynamoInventoryStore inventory, String org,
                                                    List<CatalogFile.InventoryEntry> entries) {
        var neighbourhood = new SeedNeighbourhood(inventory, org);
        if (entries.isEmpty()) {
            return neighbourhood.read;
        }
        var seeded = entries.stream().filter(Objects::nonNull).toList();
        var ids = seeded.stream().map(CatalogFile.InventoryEntry::id).filter(Objects::nonNull).toList();
        neighbourhood.fetch(ids);
        neighbourhood.fetch(neighbourhood.childrenAndFormerParents(ids));
        neighbourhood.fetch(neighbourhood.childrenOfParentsLeft(seeded));
        neighbourhood.fetchAncestors(seeded.stream().map(CatalogFile.InventoryEntry::installedIn).toList());
        return neighbourhood.read;
    }

    /**
     * The items installed in the seeded ids (by the index, and by their stored slots, which the
     * index may lag), and the parents their stored records are installed in.
     */
    private Set<Long> childrenAndFormerParents(List<Long> ids) {
        var wanted = new HashSet<Long>();
        installed = inventory.installedIds(org);
        for (var id : ids) {
            wanted.addAll(installed.getOrDefault(id, List.of()));
            var stored = read.get(id);
            if (stored != null) {
                stored.item().abom().stream().map(AbomSlot::installed).filter(Objects::nonNull).forEach(wanted::add);
                wanted.add(stored.item().installedIn());
            }
        }
        return wanted;
    }

    /**
     * Where a seeded item leaves a slot of its parent (moving out, or staying as another part or
     * revision), the parent's other items that hold no slot: one of them may take it. Without
     * them, the slot stayed empty until the parent itself was loaded again, which then filled it:
     * an unchanged reload changed the as-built BOM (review "own50b", 7 December 2026). Only
     * then, and only those: an item holding no slot that leaves reads none of its siblings
     * (review "own50c": one loose item of a bin of 10,000 read them all).
     */
    private Set<Long> childrenOfParentsLeft(List<CatalogFile.InventoryEntry> entries) {
        var wanted = new HashSet<Long>();
        for (var entry : entries) {
            var stored = entry.id() == null ? null : read.get(entry.id());
            var parent = stored == null || stored.item().installedIn() == null ? null : read.get(stored.item().installedIn());
            if (parent == null || stored.item().installedIn().equals(entry.installedIn()) && samePart(stored.item(), entry)) {
                continue;
            }
            var slotted = parent.item().abom().stream().map(AbomSlot::installed).filter(Objects::nonNull).collect(Collectors.toSet());
            if (slotted.contains(entry.id())) {
                installed.getOrDefault(parent.item().id(), List.of()).stream().filter(id -> !slotted.contains(id)).forEach(wanted::add);
            }
        }
        return wanted;
    }

    private static boolean samePart(InventoryRecord stored, CatalogFile.InventoryEntry entry) {
        return entry.partNumber() != null && entry.revision() != null
                && SeedInventory.partKey(stored.part().partNumber(), stored.part().revision())
                        .equals(SeedInventory.partKey(entry.partNumber(), entry.revision()));
    }

    /** The new parents and, level by level, their stored parents, up to the roots. */
    private void fetchAncestors(List<Long> parents) {
        var walked = new HashSet<Long>();
        var level = parents.stream().filter(Objects::nonNull).filter(walked::add).toList();
        while (!level.isEmpty()) {
            fetch(level);
            level = level.stream().map(read::get).filter(Objects::nonNull).map(stored -> stored.item().installedIn())
                    .filter(Objects::nonNull).filter(walked::add).toList();
        }
    }

    /** Reads the ids not read before. */
    private void fetch(Collection<Long> ids) {
        var fresh = ids.stream().filter(Objects::nonNull).filter(asked::add).toList();
        if (!fresh.isEmpty()) {
            read.putAll(inventory.findByIds(org, fresh));
        }
    }
}
