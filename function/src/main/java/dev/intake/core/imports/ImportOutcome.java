package dev.intake.core.imports;

import dev.intake.core.report.CreatedLabels;
import dev.intake.core.report.CreatedSummary;
import dev.intake.core.report.Preview;
import java.util.List;

/** How an importer's run ended. Errors themselves are in the job's error log. */
public sealed interface ImportOutcome {

    int rows();

    /** At least one error: nothing of the file stays written (a commit that had begun was undone). */
    record Failed(int rows) implements ImportOutcome {}

    /**
     * Valid, and the job was validation only: nothing was written; the counts, the preview and
     * the labels the catalog lacks ({@code wouldCreateLabels}, a Purchase Orders file's) say what a
     * commit would do.
     */
    record Validated(int rows, int wouldCreate, int wouldUpdate, Preview preview, CreatedLabels wouldCreateLabels)
            implements ImportOutcome {}

    /** Valid and written. */
    record Committed(int rows, int updated, CreatedSummary created, CreatedLabels createdLabels)
            implements ImportOutcome {

        /** With {@code labels} the import created, capped as the report lists them. */
        public Committed(int rows, int updated, CreatedSummary created, List<String> labels) {
            this(rows, updated, created, CreatedLabels.of(labels));
        }
    }
}
