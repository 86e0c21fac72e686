package dev.intake.core.catalog;

/** Value type of a custom attribute. */
public enum AttributeType {
    TEXT,
    NUMBER,
    BOOLEAN,
    DATE
}
