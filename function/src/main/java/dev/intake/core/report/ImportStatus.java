package dev.intake.core.report;

/** Final status of an import, as the report states it. */
public enum ImportStatus {
    /** Committed: every row written. */
    SUCCEEDED,
    /** Validation-only file with no errors: nothing written. */
    VALIDATED,
    /** At least one error: nothing written. */
    FAILED
}
