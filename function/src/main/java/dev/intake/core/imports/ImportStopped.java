package dev.intake.core.imports;

/**
 * An invocation ends before its import did, and the import is known: its log line carries the
 * {@code importId} as a field, so an operator can follow one import across its deliveries by a
 * filter rather than by reading messages (review "observability", stop 52).
 */
public sealed interface ImportStopped permits DeadlineReachedException, EarlierUploadUnfinishedException,
        LeaseRunningOutException, LostClaimException {

    /** The import stopped. */
    String importId();
}
