package dev.intake.local;

import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.TrackingType;
import dev.intake.core.inventory.AbomSlot;
import dev.intake.core.inventory.Assembly;
import dev.intake.core.inventory.InventoryRecord;
import dev.intake.core.inventory.SerialKey;
import dev.intake.core.inventory.Placement;
import dev.intake.core.inventory.Quantities;
import dev.intake.core.inventory.Tracking;
import dev.intake.core.values.CellValues;
import dev.intake.core.values.KeyText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a catalog file's {@code inventory} entries into records, checked with the Part Inventory
 * rules (tracking, serial quantity and uniqueness, scrapped quantity, catalog names, attribute
 * types, installations). As-built BOM slots are created from the part's BOM and filled with the
 * items installed in them, so a seeded installation tree looks like one built by hand.
 */
final class SeedInventory {

    /**
     * The highest id a catalog may seed: 17 digits, so that the ids imports hand out after it keep
     * to the 18 digits a file's {@code id} may have. A seeded id of 19 digits could never be named
     * by a file (its export did not import back), and one at the top of a long overflowed the
     * org's id sequence at the next create.
     */
    static final long MAX_SEEDED_ID = 99_999_999_999_999_999L;

    /** Who holds each serial asked for, by its claim (SerialsTable), as an import looks serials up. */
    interface SerialHolders {
        Map<SerialKey, Long> of(Collection<SerialKey> keys);
    }

    private final Catalog catalog;
    private final Map<Long, InventoryRecord> stored;
    private final SerialHolders holders;
    private final Problems problems;
    private final SeedValues values;

    /**
     * {@code stored}: the stored records the entries touch ({@link SeedNeighbourhood}), not the
     * org's whole inventory.
     */
    SeedInventory(Catalog catalog, Map<Long, InventoryRecord> stored, SerialHolders holders, Problems problems) {
        this.catalog = catalog;
        this.stored = stored;
        this.holders = holders;
        this.problems = problems;
        this.values = new SeedValues(catalog, problems);
    }

    /** The records to write: the file's, plus stored parents whose aBOM slots changed. */
    List<InventoryRecord> build(List<CatalogFile.InventoryEntry> entries) {
        var seeded = new LinkedHashMap<Long, InventoryRecord>();
        var places = new HashMap<Long, String>();
        for (int i = 0; i < entries.size(); i++) {
            var at = "inventory[" + i + "]";
            var entry = entries.get(i);
            if (entry == null || entry.id() == null || entry.id() <= 0) {
                problems.add(at, "id is required and must be a positive whole number");
                continue;
            }
            if (entry.id() > MAX_SEEDED_ID) {
                problems.add(at, "id " + entry.id() + " is above " + MAX_SEEDED_ID + ", the highest a catalog seeds: files"
                        + " name ids of at most " + CellValues.MAX_ID_DIGITS + " digits, and imports go on from the highest seeded id");
                continue;
            }
            at += " (id " + entry.id() + ")";
            if (places.containsKey(entry.id())) {
                problems.add(at, "id " + entry.id() + " is already used by " + places.get(entry.id()));
                continue;
            }
            places.put(entry.id(), at);
            var held = stored.get(entry.id());
            if (held != null && held.purchaseOrderLine() != null) {
                // replaced, the PO's line would still list it as its On Order item
                problems.add(at, "id " + entry.id() + " is the On Order item of a purchase order line ("
                        + held.purchaseOrderLine() + "); seed new items with ids no record holds");
                continue;
            }
            var record = record(entry, at);
            if (record != null) {
                seeded.put(entry.id(), record);
            }
        }
        var all = new HashMap<>(stored);
        all.putAll(seeded);
        checkSerials(seeded, places);
        checkInstallations(seeded, all, places);
        return withSlots(seeded, all);
    }

    private InventoryRecord record(CatalogFile.InventoryEntry entry, String at) {
        if (CatalogText.blank(entry.partNumber()) || CatalogText.blank(entry.revision())) {
            problems.add(at, "partNumber and revision are required");
            return null;
        }
        var part = catalog.parts().find(entry.partNumber(), entry.revision()).orElse(null);
        if (part == null) {
            problems.add(at, "unknown part " + entry.partNumber() + " rev " + entry.revision());
            return null;
        }
        int before = problemCount();
        var quantity = entry.quantity();
        var scrapped = entry.quantityScrapped() == null ? BigDecimal.ZERO : entry.quantityScrapped();
        if (quantity == null) {
            problems.add(at, "quantity is required");
            return null;
        }
        if (!values.readable(quantity, "quantity", at) || !values.readable(scrapped, "quantityScrapped", at)) {
            return null;
        }
        if (quantity.signum() < 0 || scrapped.signum() < 0) {
            problems.add(at, "quantity and quantityScrapped must be zero or more");
        } else if (scrapped.compareTo(quantity) > 0) {
            problems.add(at, "quantityScrapped (" + scrapped.toPlainString() + ") may not exceed quantity ("
                    + quantity.toPlainString() + ")");
        }
        var serial = CatalogText.trimmedOrNull(entry.serialNumber());
        var lot = CatalogText.trimmedOrNull(entry.lotNumber());
        // As the importer holds an update: a stored item without the number its part's new type
        // wants is not held to it by an entry that leaves its serial and lot as they are; the file
        // that seeded it could never be loaded again after a parts file retyped the part (review
        // "catalogchanges" on 7 December 2026).
        var kept = stored.get(entry.id());
        boolean numbersAsStored = kept != null // the same part, as the catalog matches it: an entry may move it to another (review "own54b")
                && partKey(kept.part().partNumber(), kept.part().revision()).equals(partKey(part.partNumber(), part.revision()))
                && Objects.equals(kept.serialNumber(), serial) && Objects.equals(kept.lotNumber(), lot);
        if (part.trackingType() == TrackingType.SERIAL && serial == null && !numbersAsStored) {
            problems.add(at, part.ref() + " is serial-tracked: serialNumber is required");
        }
        if (serial != null && !KeyText.fits(serial)) { // its claim's key
            problems.keyTooLong(at, "serialNumber", KeyText.MAX_BYTES, KeyText.bytes(serial));
        }
        if (part.trackingType() == TrackingType.LOT && lot == null && !numbersAsStored) {
            problems.add(at, part.ref() + " is lot-tracked: lotNumber is required");
        }
        if (serial != null && quantity.compareTo(BigDecimal.ZERO) != 0 && quantity.compareTo(BigDecimal.ONE) != 0) {
            problems.add(at, "inventory with a serial number has quantity 0 or 1, got " + quantity.toPlainString());
        }
        var location = values.name(entry.location(), catalog.locations(), "location", at);
        var supplier = values.name(entry.supplier(), catalog.suppliers(), "supplier", at);
        var intent = values.name(entry.intentOption(), catalog.intentOptions(), "intentOption", at);
        var unit = entry.unitOfMeasure() == null ? part.unitOfMeasure()
                : values.name(entry.unitOfMeasure(), catalog.unitsOfMeasure(), "unitOfMeasure", at);
        var attributes = values.attributes(AttributeEntity.INVENTORY, entry.attributes(), at);
        if (problemCount() > before) {
            return null;
        }
        return new InventoryRecord(entry.id(), part.ref(), new Tracking(serial, lot), new Quantities(quantity, scrapped),
                new Placement(location, supplier, unit, intent), attributes, new Assembly(entry.installedIn(), emptySlots(part)), null);
    }

    /**
     * Serial numbers are unique per part number (across revisions) in the org. A seeded serial is
     * taken where its claim is another record's, unless this file gives that record another
     * serial (its claim is let go before the file's are made); of two seeded items with one
     * serial, the lower id keeps it. Stored items are known by their claims alone, as imports
     * know them: an org stored before claims existed runs {@code ./intake claim-serials} first.
     */
    private void checkSerials(Map<Long, InventoryRecord> seeded, Map<Long, String> places) {
        var claimed = holders.of(seeded.values().stream().map(SerialKey::of).filter(Objects::nonNull).distinct().toList());
        var firstSeeded = new HashMap<SerialKey, Long>();
        seeded.values().stream().filter(r -> r.serialNumber() != null).sorted(Comparator.comparing(InventoryRecord::id))
                .forEach(record -> {
                    var key = SerialKey.of(record);
                    var claimant = claimed.get(key);
                    var holder = claimant != null && claimant != record.id() && !seeded.containsKey(claimant) ? claimant
                            : firstSeeded.putIfAbsent(key, record.id());
                    if (holder != null) {
                        problems.add(places.get(record.id()), "serial number " + record.serialNumber() + " of part "
                                + record.part().partNumber() + " is already used by inventory " + holder);
                    }
                });
    }

    /** An item is installed in an existing item, never in itself, and never in its own descendants. */
    private void checkInstallations(Map<Long, InventoryRecord> seeded, Map<Long, InventoryRecord> all, Map<Long, String> places) {
        for (var record : seeded.values()) {
            var parent = record.installedIn();
            if (parent == null) {
                continue;
            }
            if (!all.containsKey(parent)) {
                problems.add(places.get(record.id()), "installedIn " + parent + ": no such inventory in " + catalog.org());
                continue;
            }
            if (all.get(parent).purchaseOrderLine() != null) {
                // a PO file moves and deletes its On Order records on its own, with no tree under them
                problems.add(places.get(record.id()), "installedIn " + parent + ": inventory " + parent + " is On Order (purchase order line "
                        + all.get(parent).purchaseOrderLine() + "): nothing can be installed in it before it is received");
                continue;
            }
            var visited = new HashSet<Long>();
            for (Long current = parent; current != null; current = all.containsKey(current) ? all.get(current).installedIn() : null) {
                if (current == record.id() || !visited.add(current)) {
                    problems.add(places.get(record.id()), "installedIn " + parent + " would make an installation loop");
                    break;
                }
            }
        }
    }

    /**
     * The aBOM slots of the seeded records and of stored parents the load changes. A slot keeps
     * its child while the child is still installed in it and still of the slot's part and
     * revision; emptied slots and new children are then matched in id order. Found by review
     * "assemblies" on 7 December 2026: a seeded parent's slots were rebuilt from empty on every
     * load, so loading an assembly again unchanged could hand its slot to another child of the
     * same part; and a child reloaded as another revision or part kept a slot it no longer fits.
     */
    private List<InventoryRecord> withSlots(Map<Long, InventoryRecord> seeded, Map<Long, InventoryRecord> all) {
        var children = new HashMap<Long, List<InventoryRecord>>();
        all.values().stream()
                .filter(r -> r.installedIn() != null)
                .sorted(Comparator.comparing(InventoryRecord::id))
                .forEach(r -> children.computeIfAbsent(r.installedIn(), p -> new ArrayList<>()).add(r));
        var writes = new ArrayList<InventoryRecord>();
        for (var record : seeded.values()) {
            // every child of a seeded record is read (SeedNeighbourhood): a holder not in all is no longer in it
            var before = stored.get(record.id());
            var slots = before == null ? record.abom() : carriedOver(kept(before.abom(), record.id(), all::get, false), record.abom());
            writes.add(withAbom(record, fill(slots, children.getOrDefault(record.id(), List.of()))));
        }
        for (var parent : stored.values()) {
            if (seeded.containsKey(parent.id())) {
                continue;
            }
            // only the load's own records are judged: the parent's other children may not have been read;
            // those of a parent a seeded item leaves are (SeedNeighbourhood), and may take its slot
            var slots = kept(parent.abom(), parent.id(), seeded::get, true);
            var filled = fill(slots, children.getOrDefault(parent.id(), List.of()));
            if (!filled.equals(parent.abom())) {
                writes.add(withAbom(parent, filled));
            }
        }
        return writes;
    }

    /**
     * {@code slots} of {@code parent}, each slot's child kept where {@code records} has it still
     * installed in the parent and of the slot's part and revision, and emptied otherwise; a child
     * {@code records} does not hold is kept where {@code unknownStays}.
     */
    private static List<AbomSlot> kept(List<AbomSlot> slots, long parent, Function<Long, InventoryRecord> records, boolean unknownStays) {
        return slots.stream().map(slot -> {
            if (slot.installed() == null) {
                return slot;
            }
            var holder = records.apply(slot.installed());
            boolean stays = holder == null ? unknownStays : Long.valueOf(parent).equals(holder.installedIn()) && fits(slot, holder);
            return stays ? slot : new AbomSlot(slot.partNumber(), slot.revision(), slot.quantity(), null);
        }).toList();
    }

    /**
     * {@code fresh} slots (the part's BOM now), each taking over the child of a stored slot of the
     * same part and revision, in order: a BOM that gained a line, or changed a quantity, in the
     * file that reloads the item keeps which unit holds which slot (review "own50b").
     */
    private static List<AbomSlot> carriedOver(List<AbomSlot> stored, List<AbomSlot> fresh) {
        var held = new ArrayList<>(stored.stream().filter(slot -> slot.installed() != null).toList());
        return fresh.stream().map(slot -> {
            for (var it = held.iterator(); it.hasNext(); ) {
                var before = it.next();
                if (samePart(before.partNumber(), before.revision(), slot)) {
                    it.remove();
                    return new AbomSlot(slot.partNumber(), slot.revision(), slot.quantity(), before.installed());
                }
            }
            return slot;
        }).toList();
    }

    private static boolean fits(AbomSlot slot, InventoryRecord child) {
        return samePart(child.part().partNumber(), child.part().revision(), slot);
    }

    /** Compared as the catalog compares part numbers and revisions: a respelling is the same part (review "own50b"). */
    private static boolean samePart(String partNumber, String revision, AbomSlot slot) {
        return partKey(slot.partNumber(), slot.revision()).equals(partKey(partNumber, revision));
    }

    /** A part number and revision as the catalog matches them. */
    static List<String> partKey(String partNumber, String revision) {
        return List.of(NameIndex.key(partNumber), NameIndex.key(revision));
    }

    /**
     * Each child that holds no slot yet takes the first empty slot for its part revision; a child
     * with no such slot takes none.
     */
    private static List<AbomSlot> fill(List<AbomSlot> slots, List<InventoryRecord> children) {
        var result = new ArrayList<>(slots);
        // the slots' keys once, not per child: a parent may hold thousands of children
        var slotKeys = slots.stream().map(slot -> partKey(slot.partNumber(), slot.revision())).toList();
        var holding = slots.stream().map(AbomSlot::installed).filter(Objects::nonNull).collect(Collectors.toSet());
        for (var child : children) {
            if (holding.contains(child.id())) {
                continue;
            }
            var childKey = partKey(child.part().partNumber(), child.part().revision());
            for (int i = 0; i < result.size(); i++) {
                var slot = result.get(i);
                if (slot.installed() == null && slotKeys.get(i).equals(childKey)) {
                    result.set(i, new AbomSlot(slot.partNumber(), slot.revision(), slot.quantity(), child.id()));
                    break;
                }
            }
        }
        return result;
    }

    private static InventoryRecord withAbom(InventoryRecord r, List<AbomSlot> abom) {
        return r.withAssembly(new Assembly(r.installedIn(), abom));
    }

    private static List<AbomSlot> emptySlots(Part part) {
        return part.bom().stream().map(line -> new AbomSlot(line.partNumber(), line.revision(), line.quantity(), null)).toList();
    }

    private int problemCount() {
        return problems.size();
    }
}
