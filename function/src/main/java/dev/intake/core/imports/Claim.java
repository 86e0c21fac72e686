package dev.intake.core.imports;

import dev.intake.core.commit.ResumePoint;
import dev.intake.core.report.SourceObject;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/** What claiming an import found. */
public sealed interface Claim {

    /**
     * This delivery owns the import. {@code committing} when an earlier attempt validated the file
     * and began writing: the owner must finish that commit rather than validate again.
     * {@code rollingBack} when an earlier attempt was undoing its writes: finish the undo.
     * {@code reserved} holds the id blocks an earlier attempt reserved, by sequence name, and
     * {@code resume} how far its commit got. {@code upload} is the object version as the claim
     * recorded it: its uploader, eTag and size are the upload's, where the event that delivers
     * the import again may say otherwise (a hand-written one, found by review on 5 December 2026).
     */
    record Acquired(String owner, boolean committing, boolean rollingBack, Map<String, IdBlock> reserved,
                    Instant startedAt, ResumePoint resume, String catalogFingerprint, SourceObject upload) implements Claim {
        public Acquired {
            reserved = Map.copyOf(reserved);
            Objects.requireNonNull(upload, "upload");
        }

        /** A new claim: the upload as this delivery's event names it. */
        public Acquired(String owner, Instant startedAt, SourceObject upload) {
            this(owner, false, false, Map.of(), startedAt, ResumePoint.NONE, null, upload);
        }
    }

    /** The import already finished; this delivery is a duplicate and does nothing. */
    record Finished(String status, String reportKey) implements Claim {}

    /**
     * Another delivery holds a live lease on this import right now; this one does nothing.
     * {@code leaseUntil} is when that lease runs out as read (null where another delivery took the
     * import between the read and this one's take-over): an attempt that died holds it until
     * then, and only an event delivered after it finishes the import.
     */
    record Busy(Instant leaseUntil) implements Claim {}

    /**
     * A later upload of the same key was claimed first (its event came before this one's, which
     * S3 does not promise not to do): this older upload is not imported, and writes no report,
     * which would stand in for the later upload's. {@code laterSequencer} is that upload's.
     */
    record Superseded(String laterSequencer) implements Claim {}

    /**
     * This upload was taken already, as import {@code importId} (null where an earlier Intake
     * recorded none): the event names it otherwise (no versionId, another eTag) and is a repeated
     * delivery of it, not a new upload to commit again.
     */
    record TakenAs(String importId) implements Claim {}
}
