package dev.intake.core.catalog;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.KeyText;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One org's reference data (SPEC §8), loaded once per import (its parts as the import names them:
 * {@link PartIndex}). Name lookups are case-insensitive; attribute keys are exact, in either
 * Unicode form.
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

    /**
     * The error for a file under an org with no catalog at all (no parts, locations or
     * suppliers): a typo in the key's first folder, or "Acme" for "acme". Every reference of
     * every row failed UNKNOWN_REFERENCE, and nothing named the org (found by review on 5
     * December 2026).
     */
    public Optional<ImportError> missing() {
        if (!parts.isEmpty() || !locations.byLowerCase().isEmpty() || !suppliers.byLowerCase().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ImportError.file(ErrorCode.UNKNOWN_REFERENCE, null, "org \"" + org + "\" has no catalog:"
                + " check the key's first folder (org names match exactly, including case)" + KeyText.decomposedNote(org)
                + ", or load the org's catalog with ./intake catalog (docs/catalog.md)"));
    }

    /**
     * The attribute of {@code entity} keyed {@code key}, exactly, in either Unicode form: a header
     * copied from macOS ("Pru\u0308fdatum", u and a combining diaeresis) is the catalog's
     * "Prüfdatum" (found by review "scripts" on 6 December 2026: it was an unknown column).
     */
    public Optional<AttributeDef> attribute(AttributeEntity entity, String key) {
        var wanted = KeyText.composed(key);
        return attributes.stream().filter(a -> a.entity() == entity && KeyText.composed(a.key()).equals(wanted)).findFirst();
    }

    public Optional<User> user(String email) {
        return Optional.ofNullable(usersByEmail.get(NameIndex.key(email)));
    }

    public Optional<Requirement> requirement(String title, String type) {
        return Optional.ofNullable(requirementsByTitle.get(NameIndex.key(title))).filter(r -> r.type().equals(type));
    }
}
