package dev.intake.core.report;

import java.util.List;

/**
 * What an import created, as the report shows it: at most {@link CreatedRuns#MAX_RUNS} runs,
 * {@code truncated} when there were more, and the {@code total} of records created.
 */
public record CreatedSummary(List<CreatedRun> runs, int total, boolean truncated) {

    public static final CreatedSummary NONE = new CreatedSummary(List.of(), 0, false);

    public CreatedSummary {
        runs = List.copyOf(runs);
    }
}
