package dev.intake.core.inventory;

import dev.intake.core.commit.Stored;
import dev.intake.core.report.ErrorCode;

/**
 * The claim an inventory record holds on its serial number. Taking one is a conditional write
 * (free, or already this record's), so of two imports that give one serial to two records at the
 * same time, only one can commit.
 */
public record SerialClaim(SerialKey key, long id) implements Stored {

    @Override
    public String identity() {
        return key.identity();
    }

    @Override
    public String describe() {
        return key.toString();
    }

    @Override
    public ErrorCode conflictCode() {
        return ErrorCode.DUPLICATE_SERIAL;
    }
}
