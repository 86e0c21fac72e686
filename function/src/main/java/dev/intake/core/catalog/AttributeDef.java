package dev.intake.core.catalog;

/** A configured custom attribute. Its {@code key} matches CSV headers exactly (case-sensitive). */
public record AttributeDef(String key, AttributeEntity entity, AttributeType type) {}
