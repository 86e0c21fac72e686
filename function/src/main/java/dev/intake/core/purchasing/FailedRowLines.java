package dev.intake.core.purchasing;

import dev.intake.core.columns.Column;
import dev.intake.core.commit.Stamped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The lines rows with errors look among: a key's lines of each revision (under "", all of
 * them), each list with a cursor before which every line is taken. Rows with errors take their
 * lines last, so a line behind a cursor stays taken.
 */
final class FailedRowLines {
    /** How many lines from its cursor a row with an error looks at. */
    static final int LOOKS = 32;
    /** How many sets of readable cells get an index of their own: rows with errors mostly fail in one column. */
    private static final int INDEXED_CELL_SETS = 8;
    private final List<Stamped<PoLine>> lines;
    private final List<Integer> indexes;
    private final Map<String, List<Integer>> byRevision = new HashMap<>();
    private final Map<String, Integer> cursors = new HashMap<>();
    private final Map<List<Column<PoLine, ?>>, Map<String, ArrayDeque<Integer>>> byReadableCells = new HashMap<>();

    FailedRowLines(List<Stamped<PoLine>> lines, List<Integer> indexes) {
        this.lines = lines;
        this.indexes = indexes;
        byRevision.put("", indexes);
        for (int index : indexes) {
            var line = lines.get(index).item();
            if (line.part() != null) {
                byRevision.computeIfAbsent(LineMatcher.revisionKey(line.partNumber(), line.revision()), k -> new ArrayList<>())
                        .add(index);
            }
        }
    }

    /**
     * The lines by their values in {@code columns} (those a row with an error could read),
     * under "" and under their revision key, each then {@code "\u0000"} and the values as
     * {@link UnchangedRows#cellsKey} joins them; null past {@link #INDEXED_CELL_SETS} sets of columns.
     */
    Map<String, ArrayDeque<Integer>> byReadableCells(List<Column<PoLine, ?>> columns) {
        var index = byReadableCells.get(columns);
        if (index != null || byReadableCells.size() >= INDEXED_CELL_SETS) {
            return index;
        }
        var built = new HashMap<String, ArrayDeque<Integer>>();
        for (int i : indexes) {
            var line = lines.get(i).item();
            var values = "\u0000" + UnchangedRows.cellsKey(columns.stream().map(column -> column.cellOf(line)));
            built.computeIfAbsent(values, k -> new ArrayDeque<>()).add(i);
            if (line.part() != null) {
                built.computeIfAbsent(LineMatcher.revisionKey(line.partNumber(), line.revision()) + values, k -> new ArrayDeque<>()).add(i);
            }
        }
        byReadableCells.put(columns, built);
        return built;
    }

    /** The first of the next {@link #LOOKS} free lines of {@code revision} (a revision key, or "") that {@code takes}, or -1. */
    int first(String revision, BitSet used, IntPredicate takes) {
        var candidates = byRevision.getOrDefault(revision, List.of());
        int start = cursors.getOrDefault(revision, 0);
        while (start < candidates.size() && used.get(candidates.get(start))) {
            start++;
        }
        cursors.put(revision, start);
        for (int c = start; c < Math.min(candidates.size(), start + LOOKS); c++) {
            int index = candidates.get(c);
            if (!used.get(index) && takes.test(index)) {
                return index;
            }
        }
        return -1;
    }
}
