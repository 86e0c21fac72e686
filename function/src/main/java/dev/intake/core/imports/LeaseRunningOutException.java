package dev.intake.core.imports;

import java.time.Instant;

/**
 * A write was about to go out with too little of this delivery's lease left for it to land
 * within it (the renewals failed, or the process stalled): it is not sent, and the import stops.
 * Once the lease has run out another delivery may take the import over and undo it, and a write
 * landing after that undo would stay. Lambda's retry resumes the import, or finds it taken over.
 */
public final class LeaseRunningOutException extends RuntimeException implements ImportStopped {

    private final String importId;

    public LeaseRunningOutException(String importId, Instant leaseEnds) {
        super("import " + importId + " stopped writing: its lease runs out at " + leaseEnds
                + ", too soon for a write sent now to land before another delivery may take the import over.");
        this.importId = importId;
    }

    @Override
    public String importId() {
        return importId;
    }
}
