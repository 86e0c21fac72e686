package dev.intake.core.commit;

import java.util.List;
import java.util.stream.Stream;

/**
 * The commit could not finish as validated: another import changed or took some of its items
 * meanwhile ({@link #conflicts()}), or the store refused some of its writes for what they hold
 * ({@link #refusals()}). Everything else the commit sent has landed or failed by the time this is
 * thrown, so the undo sees a settled table.
 */
public final class CommitRejectedException extends RuntimeException {

    private final List<Write> conflicts;
    private final List<RefusedWrite> refusals;

    public CommitRejectedException(List<Write> conflicts, List<RefusedWrite> refusals) {
        super(Stream.concat(conflicts.stream().map(w -> "another import changed " + w.item().describe()),
                refusals.stream().map(r -> r.write().item().describe() + " refused: " + r.reason())).distinct().toList()
                .toString());
        this.conflicts = List.copyOf(conflicts);
        this.refusals = List.copyOf(refusals);
    }

    /** Writes whose condition failed: another import got to their items first. */
    public List<Write> conflicts() {
        return conflicts;
    }

    public List<RefusedWrite> refusals() {
        return refusals;
    }
}
