package dev.intake.core.imports;

import dev.intake.core.commit.CommitConflictException;
import dev.intake.core.commit.CommitStore;
import dev.intake.core.commit.CreatedRange;
import dev.intake.core.commit.Write;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Undoes an import that lost a race mid-commit: every item it changed goes back to its journaled
 * before-state, everything it created is removed (each only while the import is still its last
 * writer), and the import ends FAILED naming the rows that wanted what the other import took, as
 * if the file had never been dropped. The undo is marked on the import first, so a crash halfway
 * is finished by the next delivery.
 */
public final class CommitUndo {

    /** A conflict names at most this many rows (the report stays small). */
    static final int MAX_ROWS_NAMED = 1_000;

    private CommitUndo() {}

    /**
     * Undoes the commit and reports the conflict: one error per kind of conflict, naming its rows
     * and the items. {@code columnOf} says which column a code points at.
     */
    public static ImportOutcome afterConflict(CommitStore store, ImportJob job, List<CreatedRange> created,
                                              CommitConflictException conflict, int fileRows,
                                              Function<ErrorCode, String> columnOf) {
        job.beginRollback();
        store.undo(new CommitStore.Scope(job.org(), job.importId()), job.journal(), created);
        conflictErrors(conflict.failed(), columnOf).forEach(job.errors()::add);
        return new ImportOutcome.Failed(fileRows);
    }

    /** Finishes an undo that an interrupted delivery began. */
    public static ImportOutcome finish(CommitStore store, ImportJob job, List<CreatedRange> created) {
        store.undo(new CommitStore.Scope(job.org(), job.importId()), job.journal(), created);
        job.errors().add(ImportError.file(ErrorCode.CONCURRENT_CHANGE, null, "another import changed or took records"
                + " this one was writing; everything this import had written was undone."
                + " Import the file again to apply it to the current data"));
        return new ImportOutcome.Failed(0);
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
            var items = itemsByCode.get(entry.getKey());
            var shown = items.stream().limit(10).toList();
            var named = String.join(", ", shown) + (items.size() > shown.size() ? " and " + (items.size() - shown.size()) + " more" : "");
            var rows = entry.getValue().stream().limit(MAX_ROWS_NAMED).toList();
            errors.add(ImportError.rows(rows, columnOf.apply(entry.getKey()), entry.getKey(),
                    named + (entry.getKey() == ErrorCode.CONCURRENT_CHANGE ? " changed" : " taken")
                            + " by another import while this one was being written; everything this import had"
                            + " written was undone. Import the file again to apply it to the current data"));
        }
        return errors;
    }
}
