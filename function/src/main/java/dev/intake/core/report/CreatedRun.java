package dev.intake.core.report;

/**
 * Rows an import created records from (SPEC §9): the {@code count} consecutive rows {@code row}
 * … {@code row + count - 1} each created one record, with ids {@code id} … {@code id + count - 1}
 * (a run of one when the id is not a number, such as a PO number).
 */
public record CreatedRun(int row, Object id, int count) {}
