package dev.intake.core.purchasing;

import dev.intake.core.commit.Stored;
import dev.intake.core.report.ErrorCode;

/**
 * A PO number held by a PO (its internal id). Taking a number is a conditional write (free, or
 * already this PO's), which keeps PO numbers unique per org when two files race for one.
 */
public record NumberClaim(String poNumber, long poId) implements Stored {

    @Override
    public String identity() {
        return "number#" + poNumber;
    }

    @Override
    public String describe() {
        return "PO number " + poNumber;
    }

    @Override
    public ErrorCode conflictCode() {
        return ErrorCode.PO_NUMBER_TAKEN;
    }
}
