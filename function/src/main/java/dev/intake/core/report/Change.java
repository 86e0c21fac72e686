package dev.intake.core.report;

/**
 * A field a dry run's commit would change (SPEC §9): on the record {@code id} (an inventory id, a
 * PO number), the column {@code field} goes from {@code from} to {@code to}, both written as cells
 * (null for unset). {@code row} is the row that changes it.
 */
public record Change(int row, Object id, String field, String from, String to) {}
