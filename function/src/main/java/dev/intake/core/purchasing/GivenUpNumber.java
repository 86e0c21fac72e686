package dev.intake.core.purchasing;

import dev.intake.core.commit.Stored;
import dev.intake.core.report.ErrorCode;

/**
 * A PO number that no PO holds, as the store read it with the trace of the import that gave it up
 * last (a rename). Free to take; but while that import has not finished, its undo may still want
 * the number back for the PO it renamed, so a file that takes it is refused until then
 * (docs/lifecycle.md). Never written: only read, and checked for its writer.
 */
public record GivenUpNumber(String poNumber) implements Stored {

    @Override
    public String identity() {
        return "number#" + poNumber;
    }

    @Override
    public String describe() {
        return "PO number " + poNumber + " (given up)";
    }

    @Override
    public ErrorCode conflictCode() {
        return ErrorCode.CONCURRENT_CHANGE;
    }
}
