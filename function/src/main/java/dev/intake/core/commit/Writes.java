package dev.intake.core.commit;

import java.util.List;

/** Where a commit pass sends its writes: the {@link CommitPipeline}, or, for a dry run, {@link #NOWHERE}. */
@FunctionalInterface
public interface Writes {

    /** A dry run's: the pass runs as a commit would, and nothing is written. */
    Writes NOWHERE = write -> { };

    void write(Write write);

    /**
     * Writes of one row that must land together or not at all, in one transaction: a record's
     * change and the serial claims it gives up and takes. Written one by one, a unit full at 100
     * could send the release without the record's write, and free a serial the record still held.
     */
    default void writeTogether(List<Write> group) {
        group.forEach(this::write);
    }
}
