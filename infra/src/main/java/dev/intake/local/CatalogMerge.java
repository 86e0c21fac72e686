package dev.intake.local;

import dev.intake.aws.CatalogItems;
import dev.intake.core.catalog.AttributeDef;
import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.AttributeType;
import dev.intake.core.catalog.BomLine;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.PartIndex;
import dev.intake.core.catalog.Requirement;
import dev.intake.core.catalog.TrackingType;
import dev.intake.core.catalog.User;
import dev.intake.core.csv.FailedRowsCsv;
import dev.intake.core.inventory.InventoryColumns;
import dev.intake.core.purchasing.PoColumns;
import dev.intake.core.values.KeyText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Merges a catalog file's reference data into an org's stored catalog items: an item with the
 * same key is replaced, others are added, nothing is removed. Item shapes come from
 * {@link CatalogItems}, the function's own mapping, so what is written is what imports read.
 */
final class CatalogMerge {

    private static final Set<String> REQUIREMENT_TYPES = Set.of("TERMS_AND_CONDITIONS", "QUALITY_CLAUSE");
    /**
     * A label or a quality clause is named in a list cell, whose items ';' separates (SPEC §5): a
     * name holding one would come back from an export as two.
     */
    static final String LIST_SEPARATOR = "may not contain ';', which separates the items of a list cell"
            + " (labels, quality_clauses), got ";
    private static final Set<String> PURCHASE_TYPES =
            Set.of("receivable_inventory", "receivable_non_inventory", "non_receivable_non_inventory");

    private final String org;
    private final Problems problems;
    /** The org's catalog after the merge, by sort key: stored items overwritten by the file's. */
    private final Map<String, Map<String, AttributeValue>> merged = new LinkedHashMap<>();
    private final Map<String, Map<String, AttributeValue>> writes = new LinkedHashMap<>();
    private final List<String> legacyKeys = new ArrayList<>();
    private final Set<String> movedKeys = new HashSet<>();
    private long nextSeq;
    private int newParts;
    /** The catalog as stored before this load: what a reload retypes is told from it. */
    private final Catalog before;
    private final Retypes retypes = new Retypes();

    CatalogMerge(String org, List<Map<String, AttributeValue>> stored, Problems problems) {
        this.org = org;
        this.problems = problems;
        long highest = 0;
        for (var item : stored) {
            merged.put(item.get("sk").s(), item);
            if (item.get("sk").s().startsWith("part#") && item.containsKey("seq")) {
                highest = Math.max(highest, new BigDecimal(item.get("seq").n()).longValue());
            }
        }
        this.nextSeq = highest + 1;
        stored.forEach(this::keepUnderTheCurrentKey);
        this.before = CatalogItems.toCatalog(org, List.copyOf(merged.values()));
    }

    /**
     * A part revision a load stored before 5 December 2026 under an older form of its key (one
     * that kept a no-break space or a decomposed letter) moves to the current key, as it is, in
     * its place among its revisions, and the old item goes: a reload matched it by the old key,
     * added the revision again under the new one, and imports found one or the other (found by
     * review "own45" on 6 December 2026). Where an item under the current key exists already (such
     * a reload's, before that day), both are left as they are: which of the two imports found
     * depended on how they read, and a move would change a part under them unchecked (review
     * "own45b").
     */
    private void keepUnderTheCurrentKey(Map<String, AttributeValue> item) {
        var sortKey = item.get("sk").s();
        if (!sortKey.startsWith("part#")) {
            return;
        }
        var current = CatalogItems.partSortKey(item.get("partNumber").s(), item.get("revision").s());
        if (current.equals(sortKey) || merged.containsKey(current)) {
            return;
        }
        legacyKeys.add(sortKey);
        merged.remove(sortKey);
        var moved = new HashMap<>(item);
        moved.put("sk", AttributeValue.fromS(current));
        put(moved);
        movedKeys.add(current);
    }

    /** The sort keys of part items stored under an older form of the key: to delete once the current ones are written. */
    List<String> legacyKeys() {
        return List.copyOf(legacyKeys);
    }

    /** How many of {@link #writes()} only move a stored part revision to its current key (none the file gives). */
    int movedParts() {
        return movedKeys.size();
    }

    /** Applies the file in dependency order: names first, then what refers to them. */
    void apply(CatalogFile file) {
        named(file.locations(), "locations", CatalogItems.LOCATION);
        named(file.suppliers(), "suppliers", CatalogItems.SUPPLIER);
        named(file.unitsOfMeasure(), "unitsOfMeasure", CatalogItems.UNIT);
        named(file.intentOptions(), "intentOptions", CatalogItems.INTENT);
        named(file.currencies(), "currencies", CatalogItems.CURRENCY);
        named(file.labels(), "labels", CatalogItems.LABEL);
        users(file.users());
        requirements(file.requirements());
        attributes(file.attributes());
        defaultTerms(file.defaultTermsAndConditions());
        parts(file.parts());
    }

    /** The org's whole catalog as imports will see it once the writes are done. */
    Catalog catalog() {
        return CatalogItems.toCatalog(org, List.copyOf(merged.values()));
    }

    /** The stored parts and requirements this load gives another type (for {@link Retypes#checkAgainst}). */
    Retypes retypes() {
        return retypes;
    }

    List<Map<String, AttributeValue>> writes() {
        return List.copyOf(writes.values());
    }

    int newParts() {
        return newParts;
    }

    private void named(List<String> names, String field, String kind) {
        for (int i = 0; i < names.size(); i++) {
            var name = names.get(i);
            if (CatalogText.blank(name)) {
                problems.add(field + "[" + i + "]", "a name may not be blank");
            } else if (CatalogItems.LABEL.equals(kind) && name.contains(";")) {
                problems.add(field + "[" + i + "]", LIST_SEPARATOR + quoted(name));
            } else if (keyFits(field + "[" + i + "]", "a name", CatalogText.trimmed(name))) {
                put(CatalogItems.named(org, kind, CatalogText.trimmed(name)));
            }
        }
    }

    /**
     * Whether {@code value} fits in a DynamoDB key, where the catalog stores it lowercased
     * ({@link KeyText#fitsLowercased}); else a problem at {@code at}: DynamoDB would refuse it,
     * with part of the catalog written.
     */
    private boolean keyFits(String at, String what, String value) {
        if (KeyText.fitsLowercased(value)) {
            return true;
        }
        problems.keyTooLong(at, what, KeyText.MAX_BYTES, KeyText.lowercasedBytes(value));
        return false;
    }

    private void users(List<CatalogFile.UserEntry> users) {
        for (int i = 0; i < users.size(); i++) {
            var user = users.get(i);
            var at = "users[" + i + "]";
            if (user == null || CatalogText.blank(user.email())) {
                problems.add(at, "email is required");
            } else if (!user.email().contains("@")) {
                problems.add(at, "\"" + user.email() + "\" is not an e-mail address");
            } else if (keyFits(at, "an email", CatalogText.trimmed(user.email()))) {
                put(CatalogItems.user(org, new User(CatalogText.trimmed(user.email()), CatalogText.trimmed(user.name()))));
            }
        }
    }

    private void requirements(List<CatalogFile.RequirementEntry> requirements) {
        var firstOfTitle = new HashMap<String, Integer>(); // by a title's key: where the file first gave it
        for (int i = 0; i < requirements.size(); i++) {
            var requirement = requirements.get(i);
            var at = "requirements[" + i + "]";
            if (requirement == null || CatalogText.blank(requirement.title())) {
                problems.add(at, "title is required");
            } else if (requirement.type() == null || !REQUIREMENT_TYPES.contains(CatalogText.trimmed(requirement.type()))) {
                problems.add(at, "type must be one of " + sorted(REQUIREMENT_TYPES) + ", got " + quoted(requirement.type()));
            } else if ("QUALITY_CLAUSE".equals(CatalogText.trimmed(requirement.type())) && requirement.title().contains(";")) {
                problems.add(at, LIST_SEPARATOR + quoted(requirement.title()));
            } else if (keyFits(at, "a title", CatalogText.trimmed(requirement.title()))
                    && oneTypeATitle(at, i, requirements, firstOfTitle)) {
                var type = CatalogText.trimmed(requirement.type());
                REQUIREMENT_TYPES.stream().filter(other -> !other.equals(type))
                        .flatMap(other -> before.requirement(CatalogText.trimmed(requirement.title()), other).stream())
                        .forEach(stored -> retypes.requirement(at, stored.title(), stored.type() + " to " + type));
                put(CatalogItems.requirement(org, new Requirement(CatalogText.trimmed(requirement.title()), CatalogText.trimmed(requirement.type()))));
            }
        }
    }

    /**
     * A requirement is keyed by its title alone (as importers name it), so a title the file gives
     * both types would keep only the later: a PO naming the earlier then failed UNKNOWN_REFERENCE.
     */
    private boolean oneTypeATitle(String at, int i, List<CatalogFile.RequirementEntry> requirements,
                                  Map<String, Integer> firstOfTitle) {
        var first = firstOfTitle.putIfAbsent(NameIndex.key(requirements.get(i).title()), i);
        var type = CatalogText.trimmed(requirements.get(i).type());
        if (first == null || CatalogText.trimmed(requirements.get(first).type()).equals(type)) {
            return true;
        }
        problems.add(at, quoted(requirements.get(i).title()) + " is a " + type + ", and requirements[" + first
                + "] gives that title to a " + CatalogText.trimmed(requirements.get(first).type())
                + ": a title names one requirement (matched in any case)");
        return false;
    }

    private void attributes(List<CatalogFile.AttributeEntry> attributes) {
        var seen = new HashMap<String, Integer>();
        var stored = attributes.isEmpty() ? List.<AttributeDef>of() : catalog().attributes();
        for (int i = 0; i < attributes.size(); i++) {
            var attribute = attributes.get(i);
            var at = "attributes[" + i + "]";
            if (attribute == null || CatalogText.blank(attribute.key())) {
                problems.add(at, "key is required");
                continue;
            }
            if (!attribute.key().equals(CatalogText.trimmed(attribute.key()))) {
                problems.add(at, "key " + quoted(attribute.key()) + " begins or ends with spaces or invisible characters; CSV headers are read"
                        + " trimmed, so no column would ever be this attribute");
                continue;
            }
            if (!keyFits(at, "a key", attribute.key())) {
                continue;
            }
            var unreadable = CatalogText.unreadableAsCell(attribute.key());
            if (unreadable.isPresent()) {
                problems.add(at, "key " + quoted(attribute.key()) + " " + unreadable.get() + ", so no column would ever be"
                        + " this attribute");
                continue;
            }
            var entity = Arrays.stream(AttributeEntity.values())
                    .filter(e -> e.label().equals(attribute.entity())).findFirst().orElse(null);
            var type = Arrays.stream(AttributeType.values())
                    .filter(t -> t.name().equalsIgnoreCase(String.valueOf(attribute.type()))).findFirst().orElse(null);
            if (entity == null) {
                problems.add(at, "entity must be one of " + Arrays.stream(AttributeEntity.values()).map(AttributeEntity::label)
                        .collect(Collectors.joining(", ")) + ", got " + quoted(attribute.entity()));
            }
            if (type == null) {
                problems.add(at, "type must be one of text, number, boolean, date, got " + quoted(attribute.type()));
            }
            if (entity == null || type == null) {
                continue;
            }
            if (standardColumns(entity).contains(attribute.key().toLowerCase(Locale.ROOT))) {
                problems.add(at, "key " + quoted(attribute.key()) + " is a standard column of the " + importer(entity)
                        + " importer, which headers match in any case, so no column would ever be this attribute");
                continue;
            }
            if (FailedRowsCsv.ADDED_COLUMNS.contains(attribute.key().toLowerCase(Locale.ROOT))) {
                // the errors CSV named two columns "row" and two "errors" (review "catalogchanges", 7 December 2026)
                problems.add(at, "key " + quoted(attribute.key()) + " is a column the errors CSV adds to a failing row ("
                        + String.join(", ", FailedRowsCsv.ADDED_COLUMNS) + "), so its cells could not be told from them there");
                continue;
            }
            // kept as written (not lowercased), after a prefix of up to 30 bytes
            int sortKeyBytes = KeyText.bytes(CatalogItems.attributeSortKey(entity, attribute.key()));
            if (sortKeyBytes > KeyText.MAX_SORT_KEY_BYTES) {
                problems.add(at, "a key is part of a DynamoDB key and, with its entity, may take at most "
                        + KeyText.MAX_SORT_KEY_BYTES + " bytes of UTF-8, got " + sortKeyBytes);
                continue;
            }
            // Keys are kept as written; headers match them in composed form, so two spellings of one
            // key (composed, and decomposed as macOS writes it) are one attribute: a second one
            // passed the retype refusal, took the headers, and hid the stored values (review "attrs")
            var composed = KeyText.composed(attribute.key());
            var first = seen.putIfAbsent(entity.label() + "#" + composed, i);
            var before = stored.stream().filter(def -> def.entity() == entity && KeyText.composed(def.key()).equals(composed))
                    .findFirst();
            if (before.isPresent() && before.get().type() != type) {
                // Records may hold values of the old type: an export of them would no longer import
                // back, and a file moving such a record would fail on them.
                problems.add(at, attribute.key() + otherSpelling(attribute.key(), before.get().key()) + " (" + entity.label()
                        + ") is a " + before.get().type().name().toLowerCase(Locale.ROOT) + " attribute, and a load does not"
                        + " change an attribute's type: records may hold values of that type. Define the attribute under a new key");
            } else if (first != null) {
                problems.add(at, attribute.key() + otherSpelling(attribute.key(), attributes.get(first).key()) + " ("
                        + entity.label() + ") is already defined at attributes[" + first + "]");
            } else { // in the stored spelling, where it is stored
                put(CatalogItems.attribute(org, new AttributeDef(before.map(AttributeDef::key).orElse(attribute.key()), entity, type)));
            }
        }
    }

    /**
     * Where {@code key} is {@code other} in another Unicode form, a note saying so: the two look
     * alike in a message, and headers match them as one.
     */
    private static String otherSpelling(String key, String other) {
        return key.equals(other) ? "" : " (the same key as " + quoted(other) + " in another Unicode form, one letter"
                + " composed, the other a letter and a combining accent, as macOS writes them: every file matches them as one)";
    }

    private void defaultTerms(String title) {
        if (title == null) {
            keptDefaultTerms();
            return;
        }
        var requirement = catalog().requirement(title, "TERMS_AND_CONDITIONS");
        if (requirement.isEmpty()) {
            problems.add("defaultTermsAndConditions",
                    quoted(title) + " is not the title of a TERMS_AND_CONDITIONS requirement of " + org);
        } else {
            put(CatalogItems.settings(org, requirement.get().title()));
        }
    }

    /**
     * The stored default terms stay a TERMS_AND_CONDITIONS requirement: a file that gives its title
     * another type would have every new PO take a quality clause as its terms (found by review on
     * 4 December 2026).
     */
    private void keptDefaultTerms() {
        var catalog = catalog();
        var stored = catalog.defaultTermsAndConditions();
        if (stored != null && catalog.requirement(stored, "TERMS_AND_CONDITIONS").isEmpty()) {
            problems.add("defaultTermsAndConditions", quoted(stored) + ", the org's default terms, would no longer be a"
                    + " TERMS_AND_CONDITIONS requirement; give the default another title in this file, or keep its type");
        }
    }

    /** Parts go in two passes: every revision first, then the BOMs, which may name any of them. */
    private void parts(List<CatalogFile.PartEntry> parts) {
        var units = catalog().unitsOfMeasure(); // built from every item: once, not per part
        var accepted = new LinkedHashMap<Integer, Part>();
        var seqs = new HashMap<Integer, Long>();
        var firstIndex = new HashMap<String, Integer>();
        for (int i = 0; i < parts.size(); i++) {
            var entry = parts.get(i);
            var at = "parts[" + i + "]";
            var sortKey = sortKey(at, entry);
            if (sortKey == null) {
                continue;
            }
            var first = firstIndex.putIfAbsent(sortKey, i);
            if (first != null) {
                problems.add(at, entry.partNumber() + " rev " + entry.revision() + " is already listed at parts[" + first + "]");
                continue;
            }
            var part = revision(at, entry, units);
            if (part == null) {
                continue;
            }
            noteRetyped(at, part);
            long seq = seqOf(sortKey);
            accepted.put(i, part);
            seqs.put(i, seq);
            put(CatalogItems.part(org, part, seq));
        }
        var index = catalog().parts();
        accepted.forEach((i, part) -> {
            var bom = bom("parts[" + i + "]", part, parts.get(i).bom(), index);
            if (!bom.isEmpty()) {
                var withBom = new Part(part.partNumber(), part.revision(), part.trackingType(), part.unitOfMeasure(),
                        part.purchaseType(), bom);
                put(CatalogItems.part(org, withBom, seqs.get(i)));
            }
        });
    }

    /** The table key of a part entry's revision; null, with the problem noted, where it has none. */
    private String sortKey(String at, CatalogFile.PartEntry entry) {
        if (entry == null || CatalogText.blank(entry.partNumber()) || CatalogText.blank(entry.revision())) {
            problems.add(at, "partNumber and revision are required");
            return null;
        }
        // '#' separates the parts of table keys (docs/dynamodb.md): "X#Y" rev "Z" and "X" rev "Y#Z" would collide.
        if (entry.partNumber().contains("#") || entry.revision().contains("#")) {
            problems.add(at, "a part number or revision may not contain '#', got " + entry.partNumber() + " rev "
                    + entry.revision());
            return null;
        }
        var partNumber = CatalogText.trimmed(entry.partNumber());
        var revision = CatalogText.trimmed(entry.revision());
        return keyFits(at, "a part number and revision", partNumber + revision)
                ? CatalogItems.partSortKey(partNumber, revision) : null;
    }

    /** The revision a part entry describes, without its BOM; null, with its problems noted, where a value is wrong. */
    private Part revision(String at, CatalogFile.PartEntry entry, NameIndex units) {
        var tracking = Arrays.stream(TrackingType.values())
                .filter(t -> t.name().equalsIgnoreCase(String.valueOf(entry.trackingType()))).findFirst().orElse(null);
        if (tracking == null) {
            problems.add(at, "trackingType must be serial, lot or none, got " + quoted(entry.trackingType()));
        }
        String unit = null;
        if (CatalogText.blank(entry.unitOfMeasure())) {
            problems.add(at, "unitOfMeasure is required");
        } else {
            unit = units.find(entry.unitOfMeasure()).orElse(null);
            if (unit == null) {
                problems.add(at, "unknown unitOfMeasure " + quoted(entry.unitOfMeasure()) + " (not in unitsOfMeasure)");
            }
        }
        var purchaseType = entry.purchaseType() == null ? Part.CREATES_INVENTORY : CatalogText.trimmed(entry.purchaseType());
        if (!PURCHASE_TYPES.contains(purchaseType)) {
            problems.add(at, "purchaseType must be one of " + sorted(PURCHASE_TYPES) + ", got " + quoted(entry.purchaseType()));
        }
        if (tracking == null || unit == null || !PURCHASE_TYPES.contains(purchaseType)) {
            return null;
        }
        return new Part(CatalogText.trimmed(entry.partNumber()), CatalogText.trimmed(entry.revision()), tracking, unit,
                purchaseType, List.of());
    }

    /** What of a stored revision the entry changes that its On Order inventory follows (tracking, unit, purchase type). */
    private void noteRetyped(String at, Part part) {
        before.parts().find(part.partNumber(), part.revision()).ifPresent(stored -> {
            var changes = new ArrayList<String>();
            if (stored.trackingType() != part.trackingType()) {
                changes.add("trackingType " + stored.trackingType().name().toLowerCase(Locale.ROOT) + " to "
                        + part.trackingType().name().toLowerCase(Locale.ROOT));
            }
            if (!NameIndex.key(stored.unitOfMeasure()).equals(NameIndex.key(part.unitOfMeasure()))) {
                changes.add("unitOfMeasure " + stored.unitOfMeasure() + " to " + part.unitOfMeasure());
            }
            if (!stored.purchaseType().equals(part.purchaseType())) {
                changes.add("purchaseType " + stored.purchaseType() + " to " + part.purchaseType());
            }
            if (!changes.isEmpty()) {
                retypes.part(at, stored.ref(), String.join(", ", changes), part);
            }
        });
    }

    /** A revision already stored keeps its place in the order; a new one becomes its part's latest. */
    private long seqOf(String sortKey) {
        var stored = merged.get(sortKey);
        if (stored != null && stored.containsKey("seq")) {
            return new BigDecimal(stored.get("seq").n()).longValue();
        }
        newParts++;
        return nextSeq++;
    }

    /** The BOM lines of {@code part} that name a known part other than itself, with a quantity above 0. */
    private List<BomLine> bom(String at, Part part, List<CatalogFile.BomEntry> entries, PartIndex index) {
        var bom = new ArrayList<BomLine>();
        for (int j = 0; j < entries.size(); j++) {
            var line = entries.get(j);
            var lineAt = at + ".bom[" + j + "]";
            if (line == null || CatalogText.blank(line.partNumber()) || CatalogText.blank(line.revision())) {
                problems.add(lineAt, "partNumber and revision are required");
                continue;
            }
            var child = index.find(line.partNumber(), line.revision());
            if (child.isEmpty()) {
                problems.add(lineAt, "unknown part " + line.partNumber() + " rev " + line.revision());
                continue;
            }
            if (child.get().ref().equals(part.ref())) {
                problems.add(lineAt, part.ref() + " cannot be in its own bill of materials");
                continue;
            }
            var quantity = line.quantity() == null ? BigDecimal.ONE : line.quantity();
            // checked here, where the message can name the line: DynamoDB's refusal named the part's key
            var unreadable = SeedValues.unreadable(quantity, "quantity");
            if (unreadable.isPresent()) {
                problems.add(lineAt, unreadable.get());
                continue;
            }
            if (quantity.signum() <= 0) {
                problems.add(lineAt, "quantity must be more than 0, got " + quantity);
                continue;
            }
            bom.add(new BomLine(child.get().partNumber(), child.get().revision(), quantity));
        }
        return bom;
    }

    private void put(Map<String, AttributeValue> item) {
        var sortKey = item.get("sk").s();
        merged.put(sortKey, item);
        writes.put(sortKey, item);
        movedKeys.remove(sortKey); // the file gives it: its write, no longer a move
    }

    private static Set<String> standardColumns(AttributeEntity entity) {
        return entity == AttributeEntity.INVENTORY ? InventoryColumns.NAMES : PoColumns.NAMES;
    }

    private static String importer(AttributeEntity entity) {
        return entity == AttributeEntity.INVENTORY ? "Part Inventory" : "Purchase Orders";
    }


    private static String quoted(String text) {
        return text == null ? "nothing" : "\"" + text + "\"";
    }

    private static String sorted(Set<String> values) {
        return values.stream().sorted().collect(Collectors.joining(", "));
    }
}
