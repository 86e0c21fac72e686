package dev.intake.core.report;

import dev.intake.core.values.KeyText;
import java.util.ArrayList;
import java.util.List;

/**
 * The labels an import added to the catalog, as its report lists them and its history item keeps
 * them: the first {@link #MAX_LABELS}, within {@link #MAX_BYTES} bytes in all, {@code truncated}
 * when there were more. A file may create any number of labels (a work order's label on each of
 * 30,000 lines, say); kept whole, they passed DynamoDB's 400 KB item limit and the import could
 * never finish.
 */
public record CreatedLabels(List<String> shown, boolean truncated) {

    public static final CreatedLabels NONE = new CreatedLabels(List.of(), false);
    public static final int MAX_LABELS = 1_000;
    /** Well within the 400 KB of the history item that keeps them. */
    public static final int MAX_BYTES = 100_000;

    public CreatedLabels {
        shown = List.copyOf(shown);
    }

    /** The first of {@code all} within the caps, in their order. */
    public static CreatedLabels of(List<String> all) {
        var shown = new ArrayList<String>();
        int bytes = 0;
        for (var label : all) {
            bytes += KeyText.bytes(label);
            if (shown.size() == MAX_LABELS || bytes > MAX_BYTES) {
                return new CreatedLabels(shown, true);
            }
            shown.add(label);
        }
        return new CreatedLabels(shown, false);
    }

    public boolean isEmpty() {
        return shown.isEmpty();
    }
}
