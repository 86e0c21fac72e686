package dev.intake.core.report;

import java.util.List;

/**
 * What a dry run says the commit would do (SPEC §9): the fields it would change and, for a
 * Purchase Orders file, the existing line each row matched and the line each row adds to a PO
 * that exists ({@code matches} and {@code addedLines} null for other files). Each list holds at
 * most {@link ImportReport#MAX_ERRORS} entries, like errors; the {@code …Truncated} flags say
 * when there were more.
 */
public record Preview(List<Change> changes, boolean changesTruncated, List<LineMatch> matches, boolean matchesTruncated,
                      List<LineMatch> addedLines, boolean addedLinesTruncated) {

    public Preview {
        changes = List.copyOf(changes);
        matches = matches == null ? null : List.copyOf(matches);
        addedLines = addedLines == null ? null : List.copyOf(addedLines);
    }
}
