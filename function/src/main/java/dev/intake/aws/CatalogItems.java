package dev.intake.aws;

import static dev.intake.aws.Attr.*;

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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps catalog records to CatalogTable items and back (docs/dynamodb.md). The sort key says what
 * an item is: {@code location#…}, {@code part#…}, {@code sequence#…} and so on.
 */
public final class CatalogItems {

    /** The sort key of a catalog load's lease on its org (the CLI's {@code CatalogLoadLease}): one load at a time. */
    public static final String LOAD_LEASE = "load#lease";
    /** How many catalog loads that retype have begun in the org, and until when one is under way ({@code CatalogRetypes}). */
    public static final String LOAD_RETYPES = "load#retypes";
    /** The sort keys' start of the marks of catalog loads writing or stopped part way, one per file (the CLI's {@code CatalogLoader}). */
    public static final String LOAD_UNFINISHED = "load#unfinished";

    /** Kinds of plain named records, by sort-key prefix. */
    public static final String LOCATION = "location";
    public static final String SUPPLIER = "supplier";
    public static final String UNIT = "unit";
    public static final String INTENT = "intent";
    public static final String CURRENCY = "currency";
    public static final String LABEL = "label";

    private CatalogItems() {}

    public static Map<String, AttributeValue> named(String org, String kind, String name) {
        return item(org, kind + "#" + NameIndex.key(name), Map.of("name", s(name)));
    }

    public static Map<String, AttributeValue> user(String org, User user) {
        var fields = new HashMap<String, AttributeValue>();
        fields.put("email", s(user.email()));
        putIfPresent(fields, "name", user.name());
        return item(org, "user#" + NameIndex.key(user.email()), fields);
    }

    public static Map<String, AttributeValue> requirement(String org, Requirement requirement) {
        return item(org, "requirement#" + NameIndex.key(requirement.title()),
                Map.of("title", s(requirement.title()), "type", s(requirement.type())));
    }

    public static Map<String, AttributeValue> attribute(String org, AttributeDef def) {
        return item(org, attributeSortKey(def.entity(), def.key()), Map.of(
                "key", s(def.key()),
                "entity", s(def.entity().label()),
                "type", s(def.type().name().toLowerCase(Locale.ROOT))));
    }

    /** An attribute definition's sort key: its entity and its key, exactly as written. */
    public static String attributeSortKey(AttributeEntity entity, String key) {
        return "attribute#" + entity.label() + "#" + key;
    }

    /** A part revision; {@code seq} orders revisions: the highest of a part number is its latest. */
    public static Map<String, AttributeValue> part(String org, Part part, long seq) {
        var fields = new HashMap<String, AttributeValue>();
        fields.put("partNumber", s(part.partNumber()));
        fields.put("revision", s(part.revision()));
        fields.put("trackingType", s(part.trackingType().name().toLowerCase(Locale.ROOT)));
        putIfPresent(fields, "unitOfMeasure", part.unitOfMeasure());
        fields.put("purchaseType", s(part.purchaseType()));
        fields.put("bom", AttributeValue.fromL(part.bom().stream().map(CatalogItems::bomLine).toList()));
        fields.put("seq", n(seq));
        return item(org, partSortKey(part.partNumber(), part.revision()), fields);
    }

    public static String partSortKey(String partNumber, String revision) {
        return "part#" + NameIndex.key(partNumber) + "#" + NameIndex.key(revision);
    }

    public static Map<String, AttributeValue> settings(String org, String defaultTermsAndConditions) {
        var fields = new HashMap<String, AttributeValue>();
        putIfPresent(fields, "defaultTermsAndConditions", defaultTermsAndConditions);
        return item(org, "settings", fields);
    }

    public static Map<String, AttributeValue> sequenceKey(String org, String sequence) {
        return Map.of("org", s(org), "sk", s("sequence#" + sequence));
    }

    /** Builds the org's catalog from all of its items (any order). */
    public static Catalog toCatalog(String org, List<Map<String, AttributeValue>> items) {
        return toCatalog(org, items, null);
    }

    /**
     * Builds the org's catalog from its items (any order) with {@code parts} for its part index;
     * null: the parts among the items, which are then all of the org's.
     */
    public static Catalog toCatalog(String org, List<Map<String, AttributeValue>> items, PartIndex parts) {
        var names = new HashMap<String, List<String>>();
        var users = new HashMap<String, User>();
        var requirements = new HashMap<String, Requirement>();
        var attributes = new ArrayList<AttributeDef>();
        var partItems = new ArrayList<Map<String, AttributeValue>>();
        String defaultTerms = null;
        for (var item : items) {
            var sk = str(item, "sk");
            var kind = sk.contains("#") ? sk.substring(0, sk.indexOf('#')) : sk;
            switch (kind) {
                case "user" -> users.put(NameIndex.key(str(item, "email")), new User(str(item, "email"), str(item, "name")));
                case "requirement" -> requirements.put(NameIndex.key(str(item, "title")),
                        new Requirement(str(item, "title"), str(item, "type")));
                case "attribute" -> attributes.add(new AttributeDef(str(item, "key"),
                        AttributeEntity.fromLabel(str(item, "entity")),
                        AttributeType.valueOf(str(item, "type").toUpperCase(Locale.ROOT))));
                case "part" -> partItems.add(item);
                case "settings" -> defaultTerms = str(item, "defaultTermsAndConditions");
                case "sequence", "load" -> { } // id sequences; a catalog load's lease, retype count and mark (LOAD_LEASE, LOAD_RETYPES, LOAD_UNFINISHED)
                default -> names.computeIfAbsent(kind, k -> new ArrayList<>()).add(str(item, "name"));
            }
        }
        return new Catalog(org,
                index(names, LOCATION), index(names, SUPPLIER), index(names, UNIT), index(names, INTENT),
                index(names, CURRENCY), users, index(names, LABEL), requirements, defaultTerms, attributes,
                parts != null ? parts : PartIndex.of(toParts(partItems)));
    }

    /** Part items as parts, in creation order ({@code seq}). */
    public static List<Part> toParts(List<Map<String, AttributeValue>> partItems) {
        return partItems.stream().sorted(Comparator.comparing(item -> decimal(item, "seq"))).map(CatalogItems::toPart).toList();
    }

    private static NameIndex index(Map<String, List<String>> names, String kind) {
        return NameIndex.of(names.getOrDefault(kind, List.of()));
    }

    private static Part toPart(Map<String, AttributeValue> item) {
        var bom = item.containsKey("bom")
                ? item.get("bom").l().stream().map(v -> new BomLine(str(v.m(), "partNumber"), str(v.m(), "revision"),
                        decimal(v.m(), "quantity"))).toList()
                : List.<BomLine>of();
        return new Part(str(item, "partNumber"), str(item, "revision"),
                TrackingType.valueOf(str(item, "trackingType").toUpperCase(Locale.ROOT)),
                str(item, "unitOfMeasure"), str(item, "purchaseType"), bom);
    }

    private static AttributeValue bomLine(BomLine line) {
        return AttributeValue.fromM(Map.of(
                "partNumber", s(line.partNumber()),
                "revision", s(line.revision()),
                "quantity", n(line.quantity() == null ? BigDecimal.ONE : line.quantity())));
    }

    private static Map<String, AttributeValue> item(String org, String sortKey, Map<String, AttributeValue> fields) {
        var item = new LinkedHashMap<String, AttributeValue>();
        item.put("org", s(org));
        item.put("sk", s(sortKey));
        item.putAll(fields);
        return item;
    }
}
