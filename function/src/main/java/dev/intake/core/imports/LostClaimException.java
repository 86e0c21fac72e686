package dev.intake.core.imports;

/** This delivery's lease was taken over by another; it must stop writing at once. */
public final class LostClaimException extends RuntimeException {

    public LostClaimException(String importId) {
        super("import " + importId + " was taken over by another delivery");
    }
}
