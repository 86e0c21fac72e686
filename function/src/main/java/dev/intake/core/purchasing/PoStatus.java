package dev.intake.core.purchasing;

/** Status of a purchase order. Only a {@code DRAFT} accepts every change; the importer creates drafts. */
public enum PoStatus {
    DRAFT,
    REQUESTED,
    APPROVED,
    ORDERED,
    RECEIVED,
    CANCELED
}
