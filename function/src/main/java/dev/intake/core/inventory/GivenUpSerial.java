package dev.intake.core.inventory;

import dev.intake.core.commit.Stored;
import dev.intake.core.report.ErrorCode;

/**
 * A serial number that no record holds, as the registry read it with the trace of the import that
 * gave it up last. Free to take; but while that import has not finished, its undo may still want
 * the serial back for the record it took it from, so a file that takes it is refused until then
 * (docs/lifecycle.md). Never written: only read, and checked for its writer.
 */
public record GivenUpSerial(SerialKey key) implements Stored {

    @Override
    public String identity() {
        return key.identity();
    }

    @Override
    public String describe() {
        return key + " (given up)";
    }

    @Override
    public ErrorCode conflictCode() {
        return ErrorCode.CONCURRENT_CHANGE;
    }
}
