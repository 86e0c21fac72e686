package dev.intake.core.imports;

/** This delivery's lease was taken over by another; it must stop writing at once. */
public final class LostClaimException extends RuntimeException implements ImportStopped {

    private final String importId;

    public LostClaimException(String importId) {
        super("import " + importId + " was taken over by another delivery");
        this.importId = importId;
    }

    @Override
    public String importId() {
        return importId;
    }
}
