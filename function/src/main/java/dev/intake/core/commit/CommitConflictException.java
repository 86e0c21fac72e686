package dev.intake.core.commit;

import java.util.List;

/**
 * The commit could not finish as validated: another import changed or took some of its items
 * meanwhile. Everything else the commit sent has landed or failed by the time this is thrown, so
 * the undo sees a settled table.
 */
public final class CommitConflictException extends RuntimeException {

    private final List<Write> failed;

    public CommitConflictException(List<Write> failed) {
        super("another import changed " + failed.stream().map(w -> w.item().describe()).distinct().toList());
        this.failed = List.copyOf(failed);
    }

    public List<Write> failed() {
        return failed;
    }
}
