package dev.intake.local;

/** The command could not do its job for a reason the user can act on: message, exit 1, no stack trace. */
final class CliFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    CliFailure(String message) {
        super(message);
    }
}
