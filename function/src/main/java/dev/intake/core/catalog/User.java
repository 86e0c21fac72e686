package dev.intake.core.catalog;

/** A user of the org, referenced by email. */
public record User(String email, String name) {}
