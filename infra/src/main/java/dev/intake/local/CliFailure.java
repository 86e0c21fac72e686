package dev.intake.local;

/** The command could not do its job for a reason the user can act on: message, exit 1, no stack trace. */
final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message);
    }

    /** With what caused it, for a caller that acts on the cause ({@code ./intake serve} retrying a given-back upload). */
    CliFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
