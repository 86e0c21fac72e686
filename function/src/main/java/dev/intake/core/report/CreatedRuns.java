package dev.intake.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects created records as runs, in row order, so the report stays small whatever the file's
 * size: a file of a million creates is one run. Keeps at most {@link #MAX_RUNS} runs (a file that
 * alternates creates and updates has one per create) and counts the rest.
 */
public final class CreatedRuns {

    public static final int MAX_RUNS = 1_000;

    private final List<CreatedRun> runs = new ArrayList<>();
    private int lastRow = -1;
    private long lastId;
    private int runLength;
    private int runStart;
    private Object runId;
    private int total;
    private boolean truncated;

    /** Row {@code row} created one record with {@code id} (a number joins a run; anything else is a run of one). */
    public void add(int row, Object id) {
        total++;
        if (id instanceof Long number && runLength > 0 && row == lastRow + 1 && runId instanceof Long && number == lastId + 1) {
            runLength++;
        } else {
            close();
            runStart = row;
            runId = id;
            runLength = 1;
        }
        lastRow = row;
        lastId = id instanceof Long number ? number : 0;
    }

    public CreatedSummary summary() {
        close();
        return new CreatedSummary(runs, total, truncated);
    }

    private void close() {
        if (runLength == 0) {
            return;
        }
        if (runs.size() < MAX_RUNS) {
            runs.add(new CreatedRun(runStart, runId, runLength));
        } else {
            truncated = true;
        }
        runLength = 0;
    }
}
