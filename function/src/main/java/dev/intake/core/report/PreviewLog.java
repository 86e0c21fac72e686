package dev.intake.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a dry run's changes and line matches as its commit pass makes them, keeping the first
 * {@link ImportReport#MAX_ERRORS} of each (the report stays small whatever the file's size).
 * {@link #OFF} collects nothing: a real commit needs no preview.
 */
public final class PreviewLog {

    public static final PreviewLog OFF = new PreviewLog(false, false);

    private final boolean on;
    private final boolean matchesLines;
    private final List<Change> changes = new ArrayList<>();
    private final List<LineMatch> matches = new ArrayList<>();
    private boolean changesTruncated;
    private boolean matchesTruncated;

    private PreviewLog(boolean on, boolean matchesLines) {
        this.on = on;
        this.matchesLines = matchesLines;
    }

    /** For a dry run; {@code matchesLines} for a file whose rows match existing lines (Purchase Orders). */
    public static PreviewLog collecting(boolean matchesLines) {
        return new PreviewLog(true, matchesLines);
    }

    public boolean on() {
        return on;
    }

    public void change(int row, Object id, String field, String from, String to) {
        if (!on) {
            return;
        }
        if (changes.size() < ImportReport.MAX_ERRORS) {
            changes.add(new Change(row, id, field, from, to));
        } else {
            changesTruncated = true;
        }
    }

    public void match(int row, String poNumber, int line) {
        if (!on) {
            return;
        }
        if (matches.size() < ImportReport.MAX_ERRORS) {
            matches.add(new LineMatch(row, poNumber, line));
        } else {
            matchesTruncated = true;
        }
    }

    public Preview preview() {
        return new Preview(changes, changesTruncated, matchesLines ? matches : null, matchesTruncated);
    }
}
