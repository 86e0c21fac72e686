package dev.intake.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Rows processed, reported by JMH next to the primary score as the secondary result {@code rows} (rows/s). */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class RowCounter {

    public long rows;

    @Setup(Level.Iteration)
    public void reset() {
        rows = 0;
    }
}
