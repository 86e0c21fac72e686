package dev.intake.core.purchasing;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks that the header columns in the file agree on all rows of a PO, without holding the file
 * (SPEC §7, docs/purchase-orders.md): a column may be blank on every row of a PO (not given for
 * it) or filled with one value on every row; a PO whose rows mix blank and filled cells of a
 * column is {@code HEADER_BLANK}, one whose rows fill it differently {@code HEADER_CONFLICT}.
 *
 * <p>Pass 1 ({@link Prints}) keeps one 128-bit fingerprint of the header cells per PO and which
 * columns some row of it fills; pass 2 collects details only for the POs whose rows disagreed.
 * Memory is a few dozen bytes per PO, whatever the number of rows or the size of the cells.
 */
final class HeaderConsistency {

    /** Pass 1, over every row: the fingerprint of each PO's first row, and what the others do. */
    static final class Prints {
        private final Map<String, Fingerprint> fingerprints = new HashMap<>();
        private final Map<String, BitSet> filled = new HashMap<>();
        private final Set<String> conflicted = new HashSet<>();

        /** Notes a row's header cells (in the order of the columns checked). */
        void add(String po, List<String> cells) {
            var print = Fingerprint.of(cells);
            var first = fingerprints.putIfAbsent(po, print);
            if (first != null && !first.equals(print)) {
                conflicted.add(po);
            }
            var columns = filled.computeIfAbsent(po, p -> new BitSet());
            for (int i = 0; i < cells.size(); i++) {
                if (!cells.get(i).isEmpty()) {
                    columns.set(i);
                }
            }
        }

        /** What pass 2 needs, as a value: the POs whose rows disagree, and the columns each fills somewhere. */
        Result result() {
            var copies = new HashMap<String, BitSet>();
            filled.forEach((po, columns) -> copies.put(po, (BitSet) columns.clone()));
            return new Result(Set.copyOf(conflicted), copies);
        }
    }

    /** What pass 1 found. Read only. */
    static final class Result {
        /** Nothing found: what a scan keeps for the commit, which does not read it. */
        static final Result NONE = new Result(Set.of(), Map.of());

        private final Set<String> conflicted;
        private final Map<String, BitSet> filled;

        private Result(Set<String> conflicted, Map<String, BitSet> filled) {
            this.conflicted = conflicted;
            this.filled = filled;
        }

        boolean conflicted(String po) {
            return conflicted.contains(po);
        }

        /** Whether some row of the PO fills the column at {@code index}. */
        boolean filled(String po, int index) {
            var columns = filled.get(po);
            return columns != null && columns.get(index);
        }
    }

    private final List<String> columns;
    private final Result prints;
    private final Map<String, Map<String, Map<String, TreeSet<Integer>>>> valuesOfConflicted = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Integer>>> blanks = new LinkedHashMap<>();

    /** Pass 2 over the {@code columns} pass 1 fingerprinted, with what it found. */
    HeaderConsistency(List<String> columns, Result prints) {
        this.columns = List.copyOf(columns);
        this.prints = prints;
    }

    /**
     * Pass 2: checks one row of a PO and returns its own header problems, for the errors CSV; the
     * report gets the per-PO summary of {@link #summary()} instead, one error per PO and column.
     */
    List<ImportError> check(String po, int row, List<String> cells) {
        var problems = new ArrayList<ImportError>();
        if (!prints.conflicted(po)) {
            return problems;
        }
        for (int i = 0; i < columns.size(); i++) {
            var value = cells.get(i);
            var column = columns.get(i);
            if (value.isEmpty()) {
                if (prints.filled(po, i)) {
                    blanks.computeIfAbsent(po, p -> new LinkedHashMap<>()).computeIfAbsent(column, c -> new ArrayList<>()).add(row);
                    problems.add(ImportError.row(row, column, null, ErrorCode.HEADER_BLANK, "PO \"" + po + "\": " + column
                            + " is blank, while other rows of the PO fill it; fill it on every row of the PO, or on none"));
                }
                continue;
            }
            var values = valuesOfConflicted.computeIfAbsent(po, p -> new LinkedHashMap<>())
                    .computeIfAbsent(column, c -> new LinkedHashMap<>());
            values.computeIfAbsent(value, v -> new TreeSet<>()).add(row);
            var first = values.entrySet().iterator().next();
            if (!first.getKey().equals(value)) {
                problems.add(ImportError.row(row, column, value, ErrorCode.HEADER_CONFLICT, "PO \"" + po + "\": "
                        + column + " differs from row " + first.getValue().first() + " of the same PO"));
            }
        }
        return problems;
    }

    /** After pass 2: one error per blank column and per conflicting column of a PO, naming its rows. */
    List<ImportError> summary() {
        var errors = new ArrayList<ImportError>();
        blanks.forEach((po, byColumn) -> byColumn.forEach((column, rows) -> errors.add(ImportError.rows(rows, column,
                ErrorCode.HEADER_BLANK, "PO \"" + po + "\": " + column + " is blank on " + rowList(rows)
                        + ", while other rows of the PO fill it; fill it on every row of the PO, or on none"))));
        valuesOfConflicted.forEach((po, byColumn) -> byColumn.forEach((column, values) -> {
            if (values.size() > 1) {
                var rows = values.values().stream().flatMap(Set::stream).sorted().toList();
                var detail = values.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\" on " + rowList(e.getValue()))
                        .collect(Collectors.joining(", "));
                errors.add(ImportError.rows(rows, column, ErrorCode.HEADER_CONFLICT,
                        "PO \"" + po + "\" has different values for " + column + ": " + detail));
            }
        }));
        return errors;
    }

    private static String rowList(Collection<Integer> rows) {
        return (rows.size() == 1 ? "row " : "rows ") + rows.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The first 128 bits of SHA-256 over the cells. */
    private record Fingerprint(long high, long low) {
        static Fingerprint of(List<String> cells) {
            try {
                var digest = MessageDigest.getInstance("SHA-256");
                for (var cell : cells) {
                    // length-prefixed, so ("ab", "c") and ("a", "bc") differ
                    var bytes = cell.getBytes(StandardCharsets.UTF_8);
                    digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                    digest.update(bytes);
                }
                var hash = ByteBuffer.wrap(digest.digest());
                return new Fingerprint(hash.getLong(), hash.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is always available", e);
            }
        }
    }
}
