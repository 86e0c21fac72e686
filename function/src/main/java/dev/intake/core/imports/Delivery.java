package dev.intake.core.imports;

import dev.intake.core.report.ImportReport;
import java.util.Optional;

/** What one delivery of an upload's event came to. */
public sealed interface Delivery {

    /** The import ran (or was refused) and this is the report it wrote, at {@code reportKey} of the bucket. */
    record Reported(ImportReport report, String reportKey) implements Delivery {}

    /**
     * Nothing to do: the upload's import already ran or another delivery is running it (a
     * repeated delivery), or its key is not one Intake imports. {@code why} says which, for the
     * log: an operator asking why a file did not import again reads there where its report is.
     */
    record NothingToDo(String why) implements Delivery {

        public static final NothingToDo IGNORED = new NothingToDo("ignored: not a CSV, or one of Intake's own outputs");

        /** A repeated delivery of an import that finished. */
        static NothingToDo alreadyRan(Claim.Finished finished) {
            return new NothingToDo("nothing to do: this upload's import already ran (a repeated delivery): "
                    + finished.status() + (finished.reportKey() == null ? ", with no report" : ", report " + finished.reportKey()));
        }

        /**
         * An event naming an upload already taken under another import id (a hand-written one
         * without the upload's versionId): the same upload, not one to commit a second time.
         */
        static NothingToDo takenAs(Claim.TakenAs taken) {
            return new NothingToDo("nothing to do: this upload was taken already" + (taken.importId() == null ? ""
                    : ", as import " + taken.importId()) + "; this event names it otherwise (no versionId, or another"
                    + " eTag, with the upload's sequencer): a repeated delivery. Upload the file again to import it again");
        }

        /**
         * A delivery while another one holds the import's lease: where that one died, nothing
         * finishes the import until an event comes after the lease (found by review on 6 December
         * 2026: a redrive of a dead attempt's event within its lease did nothing, and looked done).
         */
        static NothingToDo running(Claim.Busy busy) {
            return new NothingToDo("nothing to do: this upload's import is running in another delivery (a repeated"
                    + " delivery)" + (busy.leaseUntil() == null ? "" : ", whose lease runs until " + busy.leaseUntil()
                    + "; if that attempt died, send this event again after then to finish the import"));
        }
    }

    /**
     * A CSV whose key leaves no room for its report ({@link ObjectKey.TooLong}): recorded FAILED
     * once, with no report; only the function's log and metrics can tell of it.
     */
    record Unreportable() implements Delivery {}

    /** A copy of an object onto its own key, with the bytes of its last upload: not a new file ({@link CopiedUploads}). */
    record CopyOfItsLastUpload() implements Delivery {}

    /**
     * A later upload of the key was claimed, before this one's claim or while it validated: this
     * one is not imported, or stops before writing ({@link Claim.Superseded}).
     */
    record Superseded(String laterSequencer) implements Delivery {}

    /** The report this delivery wrote, if it wrote one. */
    default Optional<ImportReport> written() {
        return this instanceof Reported reported ? Optional.of(reported.report()) : Optional.empty();
    }
}
