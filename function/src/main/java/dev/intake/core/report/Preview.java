package dev.intake.core.report;

import java.util.List;

/**
 * What a dry run says the commit would do (SPEC §9): the fields it would change and, for a
 * Purchase Orders file, the existing line each row matched ({@code matches} null for other files).
 * Each list holds at most {@link ImportReport#MAX_ERRORS} entries, like errors; {@code
 * changesTruncated} and {@code matchesTruncated} say when there were more.
 */
public record Preview(List<Change> changes, boolean changesTruncated, List<LineMatch> matches, boolean matchesTruncated) {

    public Preview {
        changes = List.copyOf(changes);
        matches = matches == null ? null : List.copyOf(matches);
    }
}
