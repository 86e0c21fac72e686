package dev.intake.core.report;

/**
 * A field a dry run's commit would change (SPEC §9): on the record {@code id} (an inventory id, a
 * PO number), the column {@code field} goes from {@code from} to {@code to}, both written as cells
 * (null for unset) and shortened as an error's value is. Whole, a cell of up to 32,767 characters
 * on each of 1,000 changes made a report of some 64 MB.
 * {@code row} is the row that changes it.
 */
public record Change(int row, Object id, String field, String from, String to) {

    public Change {
        from = ImportError.shortened(from);
        to = ImportError.shortened(to);
    }
}
