package dev.intake.core.imports;

import java.io.IOException;

/**
 * The rules of one kind of file. An importer validates every row before it writes anything, and
 * its writes are repeatable: running the commit again for the same job rewrites the same items.
 */
public interface Importer {

    /** The key segment that selects this importer, e.g. {@code part-inventory}. */
    String name();

    /**
     * Validates the file and, when the job is in commit mode and the file is valid, writes it.
     * Problems in the data go to {@link ImportJob#errors()}. Infrastructure failures throw, for
     * a retry; so do four ends of the import that no row is at fault for, which the runner reports
     * as FAILED ({@code ImportRunner.outcome}): the object gone or replaced
     * ({@link SourceGoneException}, {@link UploadSupersededException}), another import's writes
     * unfinished ({@link UnfinishedWritersException}), the org's ids used up ({@link IdsUsedUpException}).
     */
    ImportOutcome run(ImportFile file, ImportJob job) throws IOException;

    /**
     * Finishes the undo an earlier delivery began (it found records changed by another import and
     * was interrupted while restoring them). The import ends FAILED.
     */
    ImportOutcome finishRollback(ImportJob job);
}
