package dev.intake.local;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An org's catalog file (SPEC §8, docs/catalog.md), parsed strictly: an unknown field, a wrong
 * type or a duplicated key is an error naming where it is, never silently ignored. Absent lists
 * read as empty. What the values mean is checked when the file is loaded ({@link CatalogLoader}).
 */
public record CatalogFile(
        String org,
        List<String> locations,
        List<String> suppliers,
        List<String> unitsOfMeasure,
        List<String> intentOptions,
        List<String> currencies,
        List<UserEntry> users,
        List<String> labels,
        List<RequirementEntry> requirements,
        String defaultTermsAndConditions,
        List<AttributeEntry> attributes,
        List<PartEntry> parts,
        List<InventoryEntry> inventory,
        List<PurchaseOrderEntry> purchaseOrders) {

    private static final Pattern QUOTED_NUMBER = Pattern.compile("\\(([-+0-9.eE]+)\\)");

    private static final ObjectMapper JSON = JsonMapper.builder()
            // "1001" is not an id and 1.5 is not 1: no silent conversions in reference data.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // 5 is not a name either: Jackson turns a number into a string unless told not to.
            .withCoercionConfig(LogicalType.Textual, strings -> strings
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    public CatalogFile {
        locations = orEmpty(locations);
        suppliers = orEmpty(suppliers);
        unitsOfMeasure = orEmpty(unitsOfMeasure);
        intentOptions = orEmpty(intentOptions);
        currencies = orEmpty(currencies);
        users = orEmpty(users);
        labels = orEmpty(labels);
        requirements = orEmpty(requirements);
        attributes = orEmpty(attributes);
        parts = orEmpty(parts);
        inventory = orEmpty(inventory);
        purchaseOrders = orEmpty(purchaseOrders);
    }

    /** A user, referenced by e-mail from purchase orders. */
    public record UserEntry(String email, String name) {}

    /** A requirement: {@code type} is TERMS_AND_CONDITIONS or QUALITY_CLAUSE. */
    public record RequirementEntry(String title, String type) {}

    /**
     * A custom attribute: {@code entity} is inventory, purchase_order or purchase_order_line;
     * {@code type} is text, number, boolean or date.
     */
    public record AttributeEntry(String key, String entity, String type) {}

    /** A part revision; the latest revision of a part number is the one listed last. */
    public record PartEntry(String partNumber, String revision, String trackingType, String unitOfMeasure,
                            String purchaseType, List<BomEntry> bom) {
        public PartEntry {
            bom = orEmpty(bom);
        }
    }

    /** A line of a part's bill of materials. */
    public record BomEntry(String partNumber, String revision, BigDecimal quantity) {}

    /** An existing inventory item, with the id files refer to it by. */
    public record InventoryEntry(Long id, String partNumber, String revision, String serialNumber, String lotNumber,
                                 BigDecimal quantity, BigDecimal quantityScrapped, String location, String supplier,
                                 String unitOfMeasure, String intentOption, Map<String, JsonNode> attributes,
                                 Long installedIn) {
        public InventoryEntry {
            attributes = attributes == null ? Map.of() : attributes;
        }
    }

    /** An existing purchase order with its lines (numbered 1, 2, … in the order given). */
    public record PurchaseOrderEntry(String poNumber, String status, String description, String supplier,
                                     String shipToLocation, String billToLocation, String currency, String orderedAt,
                                     String assignedTo, String intentOption, List<String> labels,
                                     String termsAndConditions, List<FeeEntry> fees, Map<String, JsonNode> attributes,
                                     List<PoLineEntry> lines) {
        public PurchaseOrderEntry {
            labels = orEmpty(labels);
            fees = orEmpty(fees);
            attributes = attributes == null ? Map.of() : attributes;
            lines = orEmpty(lines);
        }
    }

    /** A PO fee: {@code type} currency or percentage. */
    public record FeeEntry(String name, BigDecimal value, String type) {}

    /** A purchase order line; a blank revision means the part's latest. */
    public record PoLineEntry(String partNumber, String revision, String description, BigDecimal quantity, BigDecimal cost,
                              String needDate, String estimatedArrivalDate, Boolean paid, Boolean percentageFeeExempt,
                              List<String> labels, List<String> qualityClauses, String intentOption,
                              Map<String, JsonNode> attributes) {
        public PoLineEntry {
            labels = orEmpty(labels);
            qualityClauses = orEmpty(qualityClauses);
            attributes = attributes == null ? Map.of() : attributes;
        }
    }

    /** Reads and parses a catalog file; the exception's message says what is wrong and where. */
    public static CatalogFile read(Path file) throws CatalogException {
        try {
            return parse(JsonFiles.read(file));
        } catch (CatalogException e) {
            throw new CatalogException(file + ": " + e.getMessage());
        } catch (IOException e) {
            throw new CatalogException(file + ": cannot read it: " + e.getMessage());
        }
    }

    public static CatalogFile parse(String json) throws CatalogException {
        try {
            var file = JSON.readValue(json, CatalogFile.class);
            if (file == null) {
                throw new CatalogException("the file holds no catalog object");
            }
            return file;
        } catch (UnrecognizedPropertyException e) {
            var known = e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", "));
            var at = path(e.getPath().subList(0, e.getPath().size() - 1));
            throw new CatalogException("unknown field \"" + e.getPropertyName() + "\"" + (at.isEmpty() ? "" : " in " + at)
                    + " (the fields are: " + known + ")");
        } catch (MismatchedInputException e) {
            var type = e.getTargetType() == null ? "another kind of value" : describe(e.getTargetType());
            throw new CatalogException(where(e) + "expected " + type + location(e));
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof InputCoercionException tooLarge) {
                // the only whole numbers a catalog holds are ids: say what an id may be, not Java's long range
                throw new CatalogException(where(e) + number(tooLarge) + " is not an id: ids are whole numbers from 1 to "
                        + SeedInventory.MAX_SEEDED_ID + ", the highest a catalog seeds" + location(e));
            }
            throw new CatalogException(where(e) + "not valid JSON: " + e.getOriginalMessage() + location(e));
        }
    }

    /** The number as the file wrote it: the parser has moved past it, its message still quotes it. */
    private static String number(InputCoercionException e) {
        var quoted = QUOTED_NUMBER.matcher(e.getOriginalMessage());
        return quoted.find() ? quoted.group(1) : "the number";
    }

    private static String where(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping) {
            var at = path(mapping.getPath());
            return at.isEmpty() ? "" : at + ": ";
        }
        return "";
    }

    private static String location(JsonProcessingException e) {
        var location = e.getLocation();
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    /** {@code parts[2].bom[0].quantity}, the way the messages of {@link CatalogLoader} name places. */
    private static String path(List<JsonMappingException.Reference> references) {
        var out = new StringBuilder();
        for (var reference : references) {
            if (reference.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                out.append('[').append(reference.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String describe(Class<?> type) {
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "an object";
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
