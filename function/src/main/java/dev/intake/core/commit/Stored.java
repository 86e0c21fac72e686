package dev.intake.core.commit;

import dev.intake.core.report.ErrorCode;

/**
 * Something an import writes: an inventory record, a PO header or line, a uniqueness claim. The
 * commit applies writes to one {@link #identity()} in the order they were made, and reports a
 * write whose condition failed with {@link #conflictCode()} and {@link #describe()}.
 */
public interface Stored {

    /** Unique among everything an org stores, e.g. {@code inventory#42}. */
    String identity();

    /** How a report names this thing, e.g. "inventory 42". */
    String describe();

    /** The error a file gets when another import changed or took this thing first. */
    default ErrorCode conflictCode() {
        return ErrorCode.CONCURRENT_CHANGE;
    }
}
