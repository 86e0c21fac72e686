package dev.intake.core.imports;

import dev.intake.core.catalog.CatalogFingerprint;
import dev.intake.core.commit.CommitRejectedException;
import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.CreatedRange;
import dev.intake.core.commit.RefusedWrite;
import dev.intake.core.commit.Stamped;
import dev.intake.core.commit.Write;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Undoes an import that lost a race mid-commit, or one of whose writes DynamoDB refused: every
 * item it changed goes back to its journaled before-state, everything it created is removed (each
 * only while the import is still its last writer), and the import ends FAILED naming the rows
 * that wanted what the other import took (or that DynamoDB refused), as if the file had never
 * been dropped. The undo is marked on the import first, so a crash halfway is finished by the
 * next delivery.
 */
public final class CommitUndo {

    private CommitUndo() {}

    /**
     * Undoes the commit and reports why: one error per kind of conflict, naming its rows and the
     * items, and one per reason DynamoDB gave for refusing writes. {@code columnOf} says which
     * column a conflict's code points at; a refusal points at none (the whole stored record).
     */
    public static ImportOutcome afterRejection(CommitStore store, ImportJob job, List<CreatedRange> created,
                                               CommitRejectedException rejection, int fileRows,
                                               Function<ErrorCode, String> columnOf) {
        var why = new ArrayList<>(conflictErrors(rejection.conflicts(), columnOf));
        why.addAll(refusalErrors(rejection.refusals()));
        if (!rejection.onUnfinished().isEmpty()) {
            var rows = rejection.onUnfinished().stream().map(Write::row).distinct().sorted().limit(ImportError.MAX_ROWS_NAMED).toList();
            why.add(ImportError.rows(rows, columnOf.apply(ErrorCode.CONCURRENT_CHANGE), ErrorCode.CONCURRENT_CHANGE, builtOnUnfinished(
                    rejection.onUnfinished().stream().map(Write::before).toList(),
                    "Everything this import had written was undone")));
        }
        job.beginRollback(new Rollback(why, fileRows));
        store.undo(job.writeScope(), job.journal(), created, job::undone);
        why.forEach(job.errors()::add);
        return new ImportOutcome.Failed(fileRows);
    }

    /**
     * Undoes a resumed commit whose file a check now refuses, say because the function's limits
     * were lowered between the delivery that began writing and this one: the file is not written
     * half. The check's errors, already in the job, are the reasons kept for a delivery that has
     * to finish the undo.
     */
    public static ImportOutcome afterRefusal(CommitStore store, ImportJob job, List<CreatedRange> created, int fileRows) {
        job.beginRollback(new Rollback(job.errors().kept(), fileRows));
        store.undo(job.writeScope(), job.journal(), created, job::undone);
        return new ImportOutcome.Failed(fileRows);
    }

    /**
     * Undoes a resumed commit whose catalog changed since the import began writing (its
     * fingerprint, or the ids the file needs now: {@link ImportJob#needsTheIdsItReserved}): the
     * rest of the file cannot be written as it was validated.
     */
    public static ImportOutcome afterCatalogChange(CommitStore store, ImportJob job, List<CreatedRange> created,
                                                   int fileRows) {
        var why = CatalogFingerprint.takenByAnEarlierIntake(job.catalogFingerprint())
                ? "Intake was updated while this import was being written (an earlier version began it, and kept no record"
                + " of the catalog this one can compare)"
                : "the catalog changed after this import began writing";
        job.errors().add(ImportError.file(ErrorCode.CONCURRENT_CHANGE, null, why + ", so the rest of the file could not"
                + " be written as it was validated; everything this import had written was undone. Import the file again to"
                + " apply it to the current catalog"));
        return afterRefusal(store, job, created, fileRows);
    }

    /**
     * Finishes an undo that an interrupted delivery began, and reports what that delivery would
     * have: the reasons it kept when it began the undo, and the rows of the file.
     */
    public static ImportOutcome finish(CommitStore store, ImportJob job, List<CreatedRange> created) {
        store.undo(job.writeScope(), job.journal(), created, job::undone);
        var kept = job.rollback();
        var why = kept.reasons();
        if (why.isEmpty()) { // begun by an Intake that kept no reasons: the likeliest one, a conflict
            job.errors().add(ImportError.file(ErrorCode.CONCURRENT_CHANGE, null, "another import changed or took records"
                    + " this one was writing; everything this import had written was undone."
                    + " Import the file again to apply it to the current data"));
        }
        why.forEach(job.errors()::add);
        return new ImportOutcome.Failed(kept.fileRows());
    }

    private static List<ImportError> conflictErrors(List<Write> failed, Function<ErrorCode, String> columnOf) {
        var rowsByCode = new LinkedHashMap<ErrorCode, TreeSet<Integer>>();
        var itemsByCode = new LinkedHashMap<ErrorCode, TreeSet<String>>();
        for (var write : failed) {
            var code = write.item().conflictCode();
            rowsByCode.computeIfAbsent(code, c -> new TreeSet<>()).add(write.row());
            itemsByCode.computeIfAbsent(code, c -> new TreeSet<>()).add(write.item().describe());
        }
        var errors = new ArrayList<ImportError>();
        for (Map.Entry<ErrorCode, TreeSet<Integer>> entry : rowsByCode.entrySet()) {
            var rows = entry.getValue().stream().limit(ImportError.MAX_ROWS_NAMED).toList();
            // a PO file deletes On Order records its lines no longer need: "changed" alone misled
            var how = entry.getKey() == ErrorCode.CONCURRENT_CHANGE ? " changed or removed" : " taken";
            errors.add(ImportError.rows(rows, columnOf.apply(entry.getKey()), entry.getKey(),
                    naming(itemsByCode.get(entry.getKey()), named -> named + how
                            + " by another import (or a catalog load) while this one was being written; everything this import had"
                            + " written was undone. Import the file again to apply it to the current data")));
        }
        return errors;
    }

    /**
     * Why a file cannot build on {@code reads}, last written by imports that have not finished:
     * names the items (ten at most) and the imports (three at most), whose queued events may need
     * re-delivering, and says what happened to this import ({@code outcome}).
     */
    static String builtOnUnfinished(List<Stamped<?>> reads, String outcome) {
        var items = reads.stream().map(read -> read.item().describe()).collect(Collectors.toCollection(TreeSet::new));
        var writers = reads.stream().map(read -> read.stamp().writtenBy()).distinct().sorted().toList();
        var named = String.join(", ", writers.subList(0, Math.min(3, writers.size())))
                + (writers.size() > 3 ? " and " + (writers.size() - 3) + " more" : "");
        var by = writers.size() == 1 ? "import " + named + ", which has" : "imports " + named + ", which have";
        return naming(items, listed -> listed + " last written by " + by + " not finished: this file would build on"
                + " them, and they may still be changed or undone. " + outcome + "; import the file again once that"
                + " is done (one that has not finished within minutes is stuck: ask whoever runs Intake to send its"
                + " event again)");
    }

    /** One {@code WRITE_REFUSED} per reason, naming its rows and items. */
    private static List<ImportError> refusalErrors(List<RefusedWrite> refused) {
        var rowsByReason = new LinkedHashMap<String, TreeSet<Integer>>();
        var itemsByReason = new LinkedHashMap<String, TreeSet<String>>();
        for (var refusal : refused) {
            rowsByReason.computeIfAbsent(refusal.reason(), r -> new TreeSet<>()).add(refusal.write().row());
            itemsByReason.computeIfAbsent(refusal.reason(), r -> new TreeSet<>()).add(refusal.write().item().describe());
        }
        var errors = new ArrayList<ImportError>();
        rowsByReason.forEach((reason, rows) -> errors.add(ImportError.rows(rows.stream().limit(ImportError.MAX_ROWS_NAMED).toList(),
                null, ErrorCode.WRITE_REFUSED, naming(itemsByReason.get(reason), named -> "DynamoDB refused to store "
                        + named + ": " + reason + ". Everything this import had written was undone; import the file"
                        + " again once it is fixed"))));
        return errors;
    }

    /**
     * {@code message} naming as many of {@code items} (ten at most) as leave the rest of it within
     * a report's message: the cut that keeps a message short falls at its end, and must not take
     * the reason and what to do with it.
     */
    static String naming(TreeSet<String> items, Function<String, String> message) {
        var first = items.stream().limit(10).toList();
        for (int shown = first.size(); shown > 0; shown--) {
            int more = items.size() - shown;
            var text = message.apply(String.join(", ", first.subList(0, shown)) + (more > 0 ? " and " + more + " more" : ""));
            if (text.length() <= ImportError.MAX_MESSAGE) {
                return text;
            }
        }
        return message.apply(items.size() == 1 ? "1 item" : items.size() + " items");
    }
}
