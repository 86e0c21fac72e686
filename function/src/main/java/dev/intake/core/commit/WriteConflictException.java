package dev.intake.core.commit;

import java.util.List;

/**
 * A conditional write failed: another import changed or took the item after this one read it.
 * Thrown by a {@link CommitStore}; no retry can help, the import must be undone.
 */
public final class WriteConflictException extends RuntimeException {

    private final List<Write> failed;

    public WriteConflictException(List<Write> failed) {
        super("conditional writes failed: " + failed.stream().map(w -> w.item().describe()).toList());
        this.failed = List.copyOf(failed);
    }

    public List<Write> failed() {
        return failed;
    }
}
