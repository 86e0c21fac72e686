package dev.intake.core.imports;

import dev.intake.core.commit.CommitRejectedException;
import dev.intake.core.commit.CommitPipeline;
import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.CreatedRange;
import dev.intake.core.report.ErrorCode;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How an importer runs its commit on a {@link CommitPipeline}, the same for every importer: the
 * pipeline for the job, and what each way of ending means for the import.
 */
public final class CommitRun {

    /** The writes of a commit: typically its commit pass over the file. */
    @FunctionalInterface
    public interface Writes {
        void send() throws IOException;
    }

    private CommitRun() {}

    /** A pipeline writing for {@code job}, resuming from where an earlier attempt of it got. */
    public static CommitPipeline pipeline(CommitStore store, CommitSettings settings, ImportJob job) {
        return new CommitPipeline(store, new CommitStore.Scope(job.org(), job.importId()), job, settings.executor(),
                settings.maxInFlight(), job.resumePoint());
    }

    /**
     * Sends the writes and waits for every one. Empty when all landed. A conflict with another
     * import, or a write DynamoDB refused, undoes this one and gives its FAILED outcome
     * ({@link CommitUndo}); a lost claim is
     * thrown on untouched (another delivery owns the import); any other failure stops the pipeline,
     * recording how far it got for the retry to resume from, and is thrown on.
     */
    public static Optional<ImportOutcome> write(CommitPipeline pipeline, Writes writes, CommitStore store, ImportJob job,
                                                List<CreatedRange> created, int fileRows,
                                                Function<ErrorCode, String> columnOf) throws IOException {
        try {
            writes.send();
            pipeline.finish();
            return Optional.empty();
        } catch (CommitRejectedException e) {
            return Optional.of(CommitUndo.afterRejection(store, job, created, e, fileRows, columnOf));
        } catch (LostClaimException e) {
            throw e;
        } catch (RuntimeException | IOException e) {
            pipeline.stop();
            throw e;
        }
    }
}
