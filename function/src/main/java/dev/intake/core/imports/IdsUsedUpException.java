package dev.intake.core.imports;

/**
 * An org's id sequence cannot hand out the ids an import needs without passing the highest id a
 * file can name. No retry can help; the import ends FAILED with LIMIT_EXCEEDED, having written no
 * record (ids are reserved before the first write; a Purchase Orders file refused for inventory
 * ids leaves the PO ids it reserved first unused). Found by review on 5 December 2026: the
 * refusal was an error Lambda retried for ever, with no report.
 */
public final class IdsUsedUpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private IdsUsedUpException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code count} more ids of {@code sequence} would pass {@link IdAllocator#MAX_ID}; {@code cause} may be null. */
    public static IdsUsedUpException of(String org, String sequence, int count, Throwable cause) {
        return new IdsUsedUpException("the " + sequence + " ids of " + org + " are used up: " + count
                + " more would pass " + IdAllocator.MAX_ID + ", the highest id a file can name", cause);
    }
}
