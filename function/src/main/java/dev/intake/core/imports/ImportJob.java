package dev.intake.core.imports;

import dev.intake.core.report.ErrorLog;

/** What an importer may ask of the import it runs in: identity, mode, error log, ids, lease. */
public interface ImportJob {

    String importId();

    String org();

    ImportMode mode();

    /** True when an earlier attempt validated this file and began writing: finish the commit, do not re-validate. */
    boolean resuming();

    ErrorLog errors();

    /**
     * Reserves {@code count} new ids of a sequence and returns the first. A retry of the same import
     * gets the same ids. In validate mode nothing is reserved; the ids a commit would likely get are returned.
     */
    long reserveIds(String sequence, int count);

    /** Call once, right before the first write: from then on a retry resumes the commit. */
    void beginWrites();

    /** Call often (per row or batch): renews the claim when due and stops the import if it was taken over. */
    void keepAlive();
}
