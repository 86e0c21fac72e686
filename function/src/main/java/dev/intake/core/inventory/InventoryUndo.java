package dev.intake.core.inventory;

import dev.intake.core.imports.ImportJob;
import dev.intake.core.imports.ImportOutcome;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.List;

/**
 * Undoes an import that found its records changed by another import mid-commit: every record it
 * wrote goes back to its journaled before-image, every record it created is deleted, and the
 * import ends FAILED with CONCURRENT_CHANGE, as if the file had never been dropped. The undo is
 * marked on the import first, so a crash halfway is finished by the next delivery.
 */
public final class InventoryUndo {

    private InventoryUndo() {}

    /** {@code rows} are the file's rows that wanted the changed records (empty when unknown). */
    public static ImportOutcome undo(InventoryStore inventory, ImportJob job, int fileRows, List<Long> changedIds,
                                     List<Integer> rows) {
        job.beginRollback();
        inventory.restore(job.org(), job.journal(), job.importId());
        job.errors().add(ImportError.rows(rows, "id", ErrorCode.CONCURRENT_CHANGE, "inventory " + changedIds
                + " was changed by another import while this one was being written; everything this import had"
                + " written was undone. Import the file again to apply it to the current data"));
        return new ImportOutcome.Failed(fileRows);
    }

    /** Finishes an undo an interrupted delivery began. */
    public static ImportOutcome finish(InventoryStore inventory, ImportJob job) {
        inventory.restore(job.org(), job.journal(), job.importId());
        job.errors().add(ImportError.file(ErrorCode.CONCURRENT_CHANGE, null, "records were changed by another import"
                + " while this one was being written; everything this import had written was undone."
                + " Import the file again to apply it to the current data"));
        return new ImportOutcome.Failed(0);
    }
}
