package dev.intake.core.report;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The report written beside every source file as {@code <key>.report.json} (SPEC §9): where the
 * file came from, how the import ended, its counts, its problems (at most {@link #MAX_ERRORS}
 * errors, {@code truncated} when more were found) and its results (created runs, created labels,
 * and for a dry run the preview of the commit).
 */
public record ImportReport(
        String importId,
        Origin origin,
        ImportStatus status,
        Instant startedAt,
        Instant finishedAt,
        Counts counts,
        Problems problems,
        Results results) {

    public static final int MAX_ERRORS = 1000;
    /**
     * The most rows the errors' {@code rows} name together: an error past them has its {@code row}
     * and no {@code rows}. Each names at most {@link ImportError#MAX_ROWS_NAMED}, and a thousand
     * errors of a thousand rows each made a report of 6 MB.
     */
    public static final int MAX_ROWS_NAMED_IN_ALL = 10_000;

    /** Which file was imported, for which org and importer, in which mode ({@code commit}, {@code validate}). */
    public record Origin(String org, String importer, String mode, SourceObject source) {
        public Origin {
            Objects.requireNonNull(source, "source");
        }
    }

    /** The errors the report lists, and whether there were more than it lists. */
    public record Problems(List<ImportError> errors, boolean truncated) {
        public static final Problems NONE = new Problems(List.of(), false);

        public Problems {
            errors = List.copyOf(errors);
        }
    }

    /** What the import made: created records (as runs), created labels; for a dry run, what a commit would do. */
    public record Results(CreatedSummary created, CreatedLabels createdLabels, Preview preview) {
        public static final Results NONE = new Results(CreatedSummary.NONE, CreatedLabels.NONE, null);

        public Results {
            Objects.requireNonNull(created, "created");
            Objects.requireNonNull(createdLabels, "createdLabels");
        }
    }

    public ImportReport {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(problems, "problems");
        Objects.requireNonNull(results, "results");
    }

    public String org() {
        return origin.org();
    }

    public String importer() {
        return origin.importer();
    }

    public String mode() {
        return origin.mode();
    }

    public SourceObject source() {
        return origin.source();
    }

    public List<ImportError> errors() {
        return problems.errors();
    }

    public boolean truncated() {
        return problems.truncated();
    }

    public List<CreatedRun> created() {
        return results.created().runs();
    }

    public boolean createdTruncated() {
        return results.created().truncated();
    }

    public List<String> createdLabels() {
        return results.createdLabels().shown();
    }

    public boolean createdLabelsTruncated() {
        return results.createdLabels().truncated();
    }
}
