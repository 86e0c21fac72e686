package dev.intake.core.report;

/** A record an import created: the row it came from and its new id (or key, for purchase orders). */
public record CreatedRecord(int row, Object id) {}
