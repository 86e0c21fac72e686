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
    private final List<Write> onUnfinished;

    public CommitRejectedException(List<Write> conflicts, List<RefusedWrite> refusals, List<Write> onUnfinished) {
        super(Stream.of(conflicts.stream().map(w -> "another import changed " + w.item().describe()),
                refusals.stream().map(r -> r.write().item().describe() + " refused: " + r.reason()),
                onUnfinished.stream().map(w -> w.item().describe() + " written by unfinished import " + w.before().stamp().writtenBy()))
                .flatMap(s -> s).distinct().toList().toString());
        this.conflicts = List.copyOf(conflicts);
        this.refusals = List.copyOf(refusals);
        this.onUnfinished = List.copyOf(onUnfinished);
    }

    /**
     * Writes not sent because what they replace or delete was last written by another import that
     * has not finished ({@link Write#before()} names it): the commit could not build on it.
     */
    public List<Write> onUnfinished() {
        return onUnfinished;
    }

    /** Writes whose condition failed: another import got to their items first. */
    public List<Write> conflicts() {
        return conflicts;
    }

    public List<RefusedWrite> refusals() {
        return refusals;
    }
}
