package dev.intake.core.catalog;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The org's catalog loads that retype (a part's tracking type, unit or purchase type, a
 * requirement's type) as an import sees them: how many have begun, and the file of one under way
 * (null: none). A retyping load is refused while an import of the org has not finished; an import
 * claimed after that look, whose catalog read came before the load's writes, validated on the old
 * types and was not seen (review "last44", 6 December 2026). So a commit reads this before it
 * reads the catalog and again once it has validated, and writes nothing where a retyping load
 * was under way at either read or began between them: nothing it read can then have been
 * retyped under it, and a load that begins later finds the import unfinished, and is refused.
 * {@code heldUntil}: until when a mark under way counts, if its load stopped without ending it
 * (null: not said).
 */
public record CatalogRetypes(long begun, String underWay, Instant heldUntil) {

    /** An org no retyping load has touched, and a store that keeps no count. */
    public static final CatalogRetypes NONE = new CatalogRetypes(0, null, null);

    /** A count and a mark that say nothing of until when the mark holds. */
    public CatalogRetypes(long begun, String underWay) {
        this(begun, underWay, null);
    }

    /** The refusal of a commit that read {@code before} ahead of the catalog and {@code now} after validating, if a retyping load ran between. */
    public static Optional<ImportError> refusal(CatalogRetypes before, CatalogRetypes now) {
        var mark = now.underWay != null ? now : before;
        if (mark.underWay == null && before.begun == now.begun) {
            return Optional.empty();
        }
        return Optional.of(ImportError.file(ErrorCode.CONCURRENT_CHANGE, null, "a catalog load that changes types (a part's"
                + " tracking type, unit or purchase type, or a requirement's type) "
                + (mark.underWay == null ? "ran" : "(" + mark.underWay + ") is running") + " for this org while this file was"
                + " validated, which may then have read the old types: nothing was written. Drop the file again once the load"
                + " has finished" + (mark.heldUntil == null ? "" : " (one that stopped without ending holds the org's imports"
                + " until " + mark.heldUntil.truncatedTo(ChronoUnit.SECONDS) + ", or its next catalog load)") + " (docs/catalog.md)"));
    }
}
