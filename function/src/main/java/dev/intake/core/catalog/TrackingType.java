package dev.intake.core.catalog;

/** How inventory of a part is tracked: by serial number, by lot number, or not at all. */
public enum TrackingType {
    SERIAL,
    LOT,
    NONE
}
