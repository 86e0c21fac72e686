package dev.intake.core.commit;

import java.util.List;

/** Port: where a commit records what a retry or an undo needs (the import's ledger entry). */
public interface CommitLog {

    /** Appends before-states to the undo journal; returns once they are stored. */
    void journal(List<JournalEntry> entries);

    /** Records how far the commit got; returns once it is stored. */
    void commitProgress(ResumePoint point);

    /**
     * Whether the import {@code importId}, the last writer of an item this commit read, has ended
     * (whatever its status) or is unknown: what it wrote then stays as it is. One that is still
     * writing, waiting for its retry or undoing may yet change or remove it.
     */
    boolean importEnded(String importId);
}
