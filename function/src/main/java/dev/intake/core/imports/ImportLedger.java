package dev.intake.core.imports;

import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.ResumePoint;
import dev.intake.core.report.CreatedLabels;
import dev.intake.core.report.ImportReport;
import dev.intake.core.report.SourceObject;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Port: the imports table. It makes each import run once: claims are conditional writes with a
 * lease that the owner renews while it works, so a crashed owner's import can be taken over by
 * the next delivery once the lease runs out.
 */
public interface ImportLedger {

    Claim claim(ImportTicket ticket, String owner, Instant now, Instant leaseUntil);

    /** Extends the lease; throws {@link LostClaimException} when another delivery took the import over. */
    void renew(String importId, String owner, Instant leaseUntil);

    /**
     * As {@link #renew(String, String, Instant)}, giving up after {@code within}: a renewal
     * throttled that long holds whoever waits on it (the row thread, the stop) past the deadline,
     * and is of little use once it lands (found by review "leasethrottle" on 7 December 2026).
     */
    default void renew(String importId, String owner, Instant leaseUntil, java.time.Duration within) {
        renew(importId, owner, leaseUntil);
    }

    /** Records ids reserved for this import from one sequence, so a retry reuses them. */
    void recordIds(String importId, String owner, String sequence, IdBlock block);

    /**
     * Marks the import as writing: from here on a retry resumes the commit instead of validating,
     * on the catalog with {@code catalogFingerprint} (a retry on another is undone). Throws
     * {@link UploadSupersededException}, having ended the import SUPERSEDED, when a later upload
     * of the key was taken while it validated; {@link LostClaimException} when another delivery
     * took it over. The import becomes its key's writer ({@link #writerOfTheKey}).
     */
    void markCommitting(ImportTicket ticket, String owner, String catalogFingerprint);

    /**
     * The import of the ticket's key that last began writing (was marked COMMITTING), where it is
     * another upload's: empty where none did, or the ticket's own did. Once an upload is claimed
     * no earlier upload of its key begins writing ({@link #markCommitting}), so an earlier one
     * writing is this one, or has ended.
     */
    Optional<String> writerOfTheKey(ImportTicket ticket);

    /**
     * Ends the owner's import SUPERSEDED, before it reports, where a later upload of its key was
     * taken, and returns that upload's sequencer; empty (and nothing changed) otherwise, or for an
     * unordered upload. Throws {@link LostClaimException} when another delivery took it over.
     */
    Optional<String> endIfSuperseded(ImportTicket ticket, String owner);

    /**
     * The object of the last upload of the ticket's key that an import took: what a copy of an
     * object onto its own key is compared with. Empty for an unordered ticket, or where no upload
     * of the key was taken. Where the ledger's record of the key names no import (written before
     * 4 December 2026, or none), the upload before the copy is looked for: {@code versionBefore}
     * names it on a versioned bucket.
     */
    Optional<SourceObject> lastUploadTaken(ImportTicket ticket, Supplier<Optional<String>> versionBefore);

    /**
     * Records {@code copy}, a copy of its key's last upload taken ({@code copied}) that is not
     * imported, as the key's newest upload (where no later one was taken), naming that upload's
     * import. False, nothing recorded, where another upload was taken since the copy was
     * compared: the copy is then compared with that one.
     */
    boolean recordCopyOfLastUpload(ImportTicket copy, SourceObject copied);

    /**
     * Marks the import as undoing its writes: a retry finishes the undo instead of committing.
     * {@code why} is what the import's report will say (the conflicts, the refused writes, the
     * file's rows), kept so that a delivery finishing an interrupted undo reports the same.
     */
    void markRollingBack(String importId, String owner, Rollback why);

    /** What {@link #markRollingBack} kept; {@link Rollback#UNKNOWN} where nothing was (an undo begun by an older Intake). */
    Rollback rollback(String importId);

    /**
     * Keeps the labels the import adds to the catalog, before it adds them: a resumed commit finds
     * them in the catalog already, and its report still lists them.
     */
    void recordCreatedLabels(String importId, String owner, CreatedLabels labels);

    /** What {@link #recordCreatedLabels} kept; {@link CreatedLabels#NONE} where nothing was. */
    CreatedLabels createdLabels(String importId);

    /** Appends before-states to the import's journal (what an undo restores). */
    void appendJournal(String importId, String owner, String org, List<JournalEntry> entries);

    /** Records how far the import's commit got (what a resumed commit skips). */
    void recordProgress(String importId, String owner, ResumePoint point);

    /** The import's whole journal, in the order it was written. */
    List<JournalEntry> journal(String importId);

    /**
     * Those of {@code importIds} that have not ended: RUNNING, COMMITTING or ROLLING_BACK. One
     * SUCCEEDED, VALIDATED or FAILED has, and so has one not in the ledger.
     */
    Set<String> unfinished(Collection<String> importIds);

    /**
     * Those of {@code importIds} that are imports of {@code source}'s key (its bucket and key: other
     * uploads of it) and have not ended, as a later upload waiting for them sees them. One that can
     * never end (its journal expired: docs/lifecycle.md) is left out: it writes no report at the
     * key, and nothing is gained by waiting for it.
     */
    Map<String, UnfinishedUpload> unfinishedOfTheKey(Collection<String> importIds, SourceObject source);

    /**
     * Adds a version of the errors CSV the import wrote to those its claim keeps, before it looks
     * for a later upload: where one was taken, the delivery that ends the import SUPERSEDED, or
     * finds it so, deletes them all ({@link #errorsCsvsWritten}).
     */
    void recordErrorsCsv(String importId, String owner, WrittenErrorsCsv written);

    /** The errors CSV versions the import's attempts wrote and kept (consistent read); none for an unknown import. */
    List<WrittenErrorsCsv> errorsCsvsWritten(String importId);

    /** The versions {@link #recordErrorsCsv} kept were deleted: no delivery need delete them again. */
    void errorsCsvTakenBack(String importId);

    /** Ends the import with its report; later deliveries of the same event find it finished. */
    void finish(String importId, String owner, ImportReport report, String reportKey, String errorsKey);

    /**
     * Gives the lease up early (the owner stopped before its deadline, or failed) so a retry can
     * resume at once; {@code retryDueBy} is when that retry comes by itself (Lambda's), or null.
     */
    void release(String importId, String owner, Instant retryDueBy);
}
