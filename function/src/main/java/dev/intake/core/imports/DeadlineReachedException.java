package dev.intake.core.imports;

/**
 * The invocation is about to time out: the import stops between two batches, gives its lease
 * back and lets Lambda's retry resume it, rather than being killed mid-batch.
 */
public final class DeadlineReachedException extends RuntimeException implements ImportStopped {

    private final String importId;

    public DeadlineReachedException(String importId) {
        super("import " + importId + " stopped before the invocation's deadline; the next delivery resumes it");
        this.importId = importId;
    }

    @Override
    public String importId() {
        return importId;
    }
}
