package dev.intake.core.commit;

/** Where a commit pass sends its writes: the {@link CommitPipeline}, or, for a dry run, {@link #NOWHERE}. */
@FunctionalInterface
public interface Writes {

    /** A dry run's: the pass runs as a commit would, and nothing is written. */
    Writes NOWHERE = write -> { };

    void write(Write write);
}
