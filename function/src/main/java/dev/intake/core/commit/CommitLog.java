package dev.intake.core.commit;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Port: where a commit records what a retry or an undo needs (the import's ledger entry). */
public interface CommitLog {

    /** Appends before-states to the undo journal; returns once they are stored. */
    void journal(List<JournalEntry> entries);

    /** Records how far the commit got; returns once it is stored. */
    void commitProgress(ResumePoint point);

    /**
     * Those of {@code importIds} (the last writers of items this commit read) that have not ended:
     * still writing, waiting for a retry, or undoing, they may yet change or remove what they
     * wrote. One that ended, whatever its status, or is unknown, left it as it is.
     */
    Set<String> unfinishedImports(Collection<String> importIds);

    /**
     * Throws where the commit must stop (its invocation's deadline near, its claim lost), and
     * renews the lease where due: called for every row, and while the commit waits on its writes
     * (a slow or throttled table holds every slot for seconds). Nothing to do by default.
     */
    default void keepAlive() {}
}
