package dev.intake.core.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One org's reference data (SPEC §8), loaded once per import. Name lookups are case-insensitive;
 * attribute keys are exact.
 */
public record Catalog(
        String org,
        NameIndex locations,
        NameIndex suppliers,
        NameIndex unitsOfMeasure,
        NameIndex intentOptions,
        NameIndex currencies,
        Map<String, User> usersByEmail,
        NameIndex labels,
        Map<String, Requirement> requirementsByTitle,
        String defaultTermsAndConditions,
        List<AttributeDef> attributes,
        PartIndex parts) {

    public Catalog {
        usersByEmail = Map.copyOf(usersByEmail);
        requirementsByTitle = Map.copyOf(requirementsByTitle);
        attributes = List.copyOf(attributes);
    }

    public static Catalog empty(String org) {
        return new Catalog(org, NameIndex.EMPTY, NameIndex.EMPTY, NameIndex.EMPTY, NameIndex.EMPTY, NameIndex.EMPTY,
                Map.of(), NameIndex.EMPTY, Map.of(), null, List.of(), PartIndex.of(List.of()));
    }

    public Optional<AttributeDef> attribute(AttributeEntity entity, String key) {
        return attributes.stream().filter(a -> a.entity() == entity && a.key().equals(key)).findFirst();
    }

    public Optional<User> user(String email) {
        return Optional.ofNullable(usersByEmail.get(NameIndex.key(email)));
    }

    public Optional<Requirement> requirement(String title, String type) {
        return Optional.ofNullable(requirementsByTitle.get(NameIndex.key(title))).filter(r -> r.type().equals(type));
    }
}
