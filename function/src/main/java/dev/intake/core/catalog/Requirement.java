package dev.intake.core.catalog;

/** A reusable requirement; {@code type} is TERMS_AND_CONDITIONS or QUALITY_CLAUSE. */
public record Requirement(String title, String type) {}
