package dev.intake.core.imports;

import dev.intake.core.catalog.CatalogRetypes;
import dev.intake.core.catalog.CatalogStore;
import dev.intake.core.commit.CommitRejectedException;
import dev.intake.core.commit.CommitPipeline;
import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.CreatedRange;
import dev.intake.core.commit.Stamped;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How an importer runs its commit on a {@link CommitPipeline}, the same for every importer: the
 * pipeline for the job, and what each way of ending means for the import.
 */
public final class CommitRun {

    /**
     * What sends a commit's writes to the pipeline: typically its commit pass over the file. (Not
     * {@link dev.intake.core.commit.Writes}, where the writes go.)
     */
    @FunctionalInterface
    public interface SendWrites {
        void send() throws IOException;
    }

    private CommitRun() {}

    /** A pipeline writing for {@code job}, resuming from where an earlier attempt of it got. */
    public static CommitPipeline pipeline(CommitStore store, CommitSettings settings, ImportJob job) {
        return new CommitPipeline(store, job.writeScope(), job, settings.executor(),
                settings.maxInFlight(), job.resumePoint());
    }

    /**
     * Stops the import before anything is written where validation read items that another import
     * wrote and has not finished with ({@link CommitPipeline#writtenByUnfinishedImports}): it may
     * still change them, or undo them, and this file was validated on them. The runner refuses the
     * file with an error naming the items and the imports, or, where one is another upload of its
     * key, waits for it and validates again ({@link UnfinishedWritersException}).
     */
    public static void requireNoUnfinishedWriters(CommitPipeline pipeline, Collection<? extends Stamped<?>> reads) {
        var unfinished = pipeline.writtenByUnfinishedImports(reads);
        if (unfinished.isEmpty()) {
            return;
        }
        var writers = unfinished.stream().map(read -> read.stamp().writtenBy()).collect(Collectors.toSet());
        throw new UnfinishedWritersException(writers, ImportError.file(ErrorCode.CONCURRENT_CHANGE, null,
                CommitUndo.builtOnUnfinished(unfinished, "Nothing was written")));
    }

    /** The org's retyping catalog loads as a commit finds them before it reads the catalog (none read for a dry run or a resume, which validate nothing to write). */
    public static CatalogRetypes retypesBefore(CatalogStore catalogs, ImportJob job) {
        return job.mode() == ImportMode.COMMIT && !job.resuming() ? catalogs.retypes(job.org()) : CatalogRetypes.NONE;
    }

    /**
     * Whether a retyping catalog load ran while the file was validated ({@link CatalogRetypes}):
     * then the refusal is in the job's errors, and nothing may be written.
     */
    public static boolean retypedMeanwhile(CatalogStore catalogs, ImportJob job, CatalogRetypes before) {
        var refusal = CatalogRetypes.refusal(before, catalogs.retypes(job.org()));
        refusal.ifPresent(job.errors()::add);
        return refusal.isPresent();
    }

    /**
     * Sends the writes and waits for every one. Empty when all landed. A conflict with another
     * import, or a write DynamoDB refused, undoes this one and gives its FAILED outcome
     * ({@link CommitUndo}); a lost claim is
     * thrown on untouched (another delivery owns the import); any other failure stops the pipeline,
     * recording how far it got for the retry to resume from, and is thrown on.
     */
    public static Optional<ImportOutcome> write(CommitPipeline pipeline, SendWrites writes, CommitStore store, ImportJob job,
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
