package dev.intake.core.imports;

import dev.intake.core.report.ImportError;
import java.util.List;

/**
 * Why an import undoes its writes, kept on the import when the undo begins, so that a delivery
 * finishing an interrupted undo reports what the first one would have: the errors the report
 * gives, and the data rows of the file ({@code counts.rows}; 0 where the file was not read).
 */
public record Rollback(List<ImportError> reasons, int fileRows) {

    /** Nothing kept: an undo begun by an Intake that kept no reasons. */
    public static final Rollback UNKNOWN = new Rollback(List.of(), 0);

    public Rollback {
        reasons = List.copyOf(reasons);
    }
}
