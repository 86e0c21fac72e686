package dev.intake.core.imports;

import java.time.Instant;

/**
 * An earlier upload of a key whose import has not ended, as a later upload waiting for it sees it:
 * the end of its lease (a delivery working on it renews it; one that died stops; one that gave its
 * claim back set it to the epoch), and, where that delivery gave it back for a retry that comes by
 * itself (Lambda's), when that retry is due; null where none is.
 */
public record UnfinishedUpload(Instant leaseUntil, Instant retryDueBy) {

    /**
     * Whether a delivery is at work on it or due to be: its lease renewed lately (ending after
     * {@code halfALeaseFromNow}: a delivery renews every quarter of its lease, so one with less
     * than half left missed a renewal, and its process is gone), or its retry not yet due at
     * {@code now}.
     */
    public boolean workedOn(Instant now, Instant halfALeaseFromNow) {
        return leaseUntil.isAfter(halfALeaseFromNow) || (retryDueBy != null && retryDueBy.isAfter(now));
    }
}
