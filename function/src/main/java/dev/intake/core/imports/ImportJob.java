package dev.intake.core.imports;

import dev.intake.core.commit.CommitLog;
import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.JournalEntry;
import dev.intake.core.commit.LeaseFence;
import dev.intake.core.commit.ResumePoint;
import dev.intake.core.report.CreatedLabels;
import java.util.List;
import java.util.Optional;

/**
 * What an importer may ask of the import it runs in: identity, mode, error log, ids, lease, and
 * the commit's journal and resume point (its {@link CommitLog}).
 */
public interface ImportJob extends CommitLog {

    String importId();

    String org();

    ImportMode mode();

    /** True when an earlier attempt validated this file and began writing: finish the commit, do not re-validate. */
    boolean resuming();

    ErrorLog errors();

    /**
     * The first id a reservation from {@code sequence} would likely get, without reserving anything
     * (validation runs on these, so a file that fails writes nothing, not even an id counter). On a
     * retry of an import that already reserved, the reserved first id.
     */
    long peekIds(String sequence);

    /**
     * For a dry run, which reserves nothing: ends the import as {@link #reserveIds} would
     * ({@link IdsUsedUpException}) where {@code count} ids of {@code sequence} from {@code first}
     * would pass {@link IdAllocator#MAX_ID}. A dry run previews only a commit that can happen.
     */
    default void requireRoomForIds(String sequence, long first, int count) {
        if (count > 0 && first > IdAllocator.MAX_ID - count + 1) {
            throw IdsUsedUpException.of(org(), sequence, count, null);
        }
    }

    /**
     * Reserves {@code count} new ids of a sequence and returns the first; call only to commit, after
     * validation. A retry of the same import gets the same ids.
     */
    long reserveIds(String sequence, int count);

    /**
     * Call once, after the up-front journal and before the first write: from then on a retry
     * resumes the commit (before it, a retry validates again and journals afresh).
     */
    void beginWrites(String catalogFingerprint);

    /**
     * The fingerprint of the catalog this import began writing on (in an earlier delivery, for a
     * resumed commit); empty for one begun by an Intake that kept none.
     */
    Optional<String> catalogFingerprint();

    /** The ids this import reserved from {@code sequence}, if it did (in this delivery or an earlier one). */
    Optional<IdBlock> reserved(String sequence);

    /**
     * For a resumed commit: whether the file still needs the {@code count} ids of {@code sequence}
     * that the attempt it resumes reserved (none where it reserved none). Not where the catalog
     * changed in between so that the rows make other records (a part's new revision, serial
     * tracked: a unit each): a new block would leave the first attempt's records to no undo.
     */
    default boolean needsTheIdsItReserved(String sequence, int count) {
        return reserved(sequence).map(block -> block.count() == count).orElse(count == 0);
    }

    /** How far an interrupted earlier attempt's commit got ({@link ResumePoint#NONE} when none did). */
    ResumePoint resumePoint();

    /** Everything journaled so far, by this delivery or an interrupted earlier one. */
    List<JournalEntry> journal();

    /**
     * Call before undoing writes: from then on a retry finishes the undo instead of committing,
     * and reports {@code why}, the errors this import ends with and the rows of its file.
     */
    void beginRollback(Rollback why);

    /** What the delivery that began the undo gave as its reasons; {@link Rollback#UNKNOWN} where unknown. */
    Rollback rollback();

    /** Keeps the labels this import adds to the catalog, before it adds them (see {@link #createdLabels}). */
    void recordCreatedLabels(CreatedLabels labels);

    /**
     * The labels an earlier delivery of this import kept before adding them to the catalog: a
     * resumed commit finds them there already, so its own reading of the file names none new.
     */
    CreatedLabels createdLabels();

    /** Call often (per row or batch): renews the claim when due and stops the import if it was taken over. */
    void keepAlive();

    /** The fence of this delivery's lease, checked as each write goes out ({@link LeaseFence#NONE}: no lease). */
    LeaseFence leaseFence();

    /** Whose writes the commit and the undo send: this import's, under its lease. */
    default CommitStore.Scope writeScope() {
        return new CommitStore.Scope(org(), importId(), leaseFence());
    }

    /**
     * Call per row (or batch) with the rows {@code phase} has done so far; cheap. Reports progress to
     * the import's listener when its interval has passed since the last report.
     */
    void progress(ImportProgress.Phase phase, long rowsDone);

    /**
     * Call as an undo goes with the items it has undone of how many: reported as the phase
     * {@code rolling-back} (found by review on 5 December 2026: an undo of a large import reported
     * nothing for minutes, its last line saying "committing"). From the store's threads, one call at
     * a time ({@link dev.intake.core.commit.CommitStore.UndoProgress}).
     */
    void undone(long items, long of);
}
