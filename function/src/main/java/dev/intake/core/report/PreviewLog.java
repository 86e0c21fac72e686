package dev.intake.core.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects a dry run's changes, line matches and added lines as its commit pass makes them,
 * keeping the first {@link ImportReport#MAX_ERRORS} of each (the report stays small whatever the
 * file's size). {@link #OFF} collects nothing: a real commit needs no preview.
 */
public final class PreviewLog {

    public static final PreviewLog OFF = new PreviewLog(false, false);

    private final boolean on;
    private final boolean matchesLines;
    private final Capped<Change> changes = new Capped<>();
    private final Capped<LineMatch> matches = new Capped<>();
    private final Capped<LineMatch> addedLines = new Capped<>();

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
        if (on) {
            changes.add(new Change(row, id, field, from, to));
        }
    }

    public void match(int row, String poNumber, int line) {
        if (on) {
            matches.add(new LineMatch(row, poNumber, line));
        }
    }

    /** A row that adds line {@code line} to a PO that exists (a new PO's lines are all added, and not listed). */
    public void addedLine(int row, String poNumber, int line) {
        if (on) {
            addedLines.add(new LineMatch(row, poNumber, line));
        }
    }

    public Preview preview() {
        return new Preview(changes.items, changes.truncated, matchesLines ? matches.items : null, matches.truncated,
                matchesLines ? addedLines.items : null, addedLines.truncated);
    }

    /** The first {@link ImportReport#MAX_ERRORS} entries, and whether there were more. */
    private static final class Capped<T> {
        private final List<T> items = new ArrayList<>();
        private boolean truncated;

        void add(T item) {
            if (items.size() < ImportReport.MAX_ERRORS) {
                items.add(item);
            } else {
                truncated = true;
            }
        }
    }
}
