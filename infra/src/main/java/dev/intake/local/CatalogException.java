package dev.intake.local;

/** A catalog file that cannot be loaded; the message lists every problem, one per line. */
public final class CatalogException extends Exception {

    private static final long serialVersionUID = 1L;

    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
