package dev.intake.core.csv;

import dev.intake.core.report.ImportError;
import java.util.List;

/** How reading a CSV file ended: every row delivered, or stopped by a file-level problem. */
public sealed interface CsvReadResult {

    /** Every row was delivered to the visitor. {@code rows} counts non-blank data rows. */
    record Completed(int rows) implements CsvReadResult {}

    /** Reading stopped: the file as a whole cannot be imported. */
    record Stopped(List<ImportError> errors) implements CsvReadResult {
        public Stopped {
            errors = List.copyOf(errors);
        }
    }
}
