package dev.intake.core.inventory;

/**
 * What an inventory record was before an import first wrote it: {@code before} is null when the
 * import created the record. The journal of an import is what its undo restores.
 */
public record JournalEntry(long id, InventoryRecord before) {}
