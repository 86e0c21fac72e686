package dev.intake.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The report written beside every source file as {@code <key>.report.json} (SPEC §9). {@code errors}
 * holds at most {@link #MAX_ERRORS} entries; {@code truncated} says when more were found. {@code
 * created} holds runs of created records, at most {@link CreatedRuns#MAX_RUNS}
 * ({@code createdTruncated} when there were more).
 */
public record ImportReport(
        String importId,
        String org,
        String importer,
        String mode,
        ImportStatus status,
        SourceObject source,
        Instant startedAt,
        Instant finishedAt,
        Counts counts,
        List<ImportError> errors,
        boolean truncated,
        List<CreatedRun> created,
        boolean createdTruncated,
        List<String> createdLabels) {

    public static final int MAX_ERRORS = 1000;

    public ImportReport {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        errors = List.copyOf(errors);
        created = List.copyOf(created);
        createdLabels = List.copyOf(createdLabels);
    }
}
