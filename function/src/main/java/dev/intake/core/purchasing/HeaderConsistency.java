package dev.intake.core.purchasing;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Checks that the header columns in the file agree on all rows of a PO, without holding the file
 * (SPEC §7, docs/purchase-orders.md): a column may be blank on every row of a PO (not given for
 * it) or filled with one value on every row; a PO whose rows mix blank and filled cells of a
 * column is {@code HEADER_BLANK}, one whose rows fill it differently {@code HEADER_CONFLICT}.
 *
 * <p>Pass 1 ({@link Prints}) keeps one 128-bit fingerprint of the header cells per PO and which
 * columns some row of it fills; pass 2 collects details only for the POs whose rows disagreed,
 * and of those only a bounded sample: the first rows, the first few values by fingerprint.
 * Memory is a few dozen bytes per PO, whatever the size of the cells; a couple of hundred bytes
 * per column of a PO whose rows disagree, and at most some tens of kilobytes per column that
 * disagrees itself, whatever the number of rows (until 4 December 2026 pass 2 kept
 * every value and every row of such a column: found by review, a one-PO file of 234 MB ran a
 * 512 MB heap out of memory, and a 300,000-row one made a report of 2 MB).
 */
final class HeaderConsistency {

    /** Pass 1, over every row: the fingerprint of each PO's first row, and what the others do. */
    static final class Prints {
        private final Map<String, Fingerprint> fingerprints = new HashMap<>();
        private final Map<String, BitSet> filled = new HashMap<>();
        private final Set<String> conflicted = new HashSet<>();
        private final MessageDigest digest = Fingerprint.newDigest();

        /** Notes a row's header cells (in the order of the columns checked). */
        void add(String po, List<String> cells) {
            var print = Fingerprint.of(digest, cells);
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

    /** How many of a conflicting column's values its error names, each with its first rows. */
    static final int VALUES_NAMED = 5;
    /** How many rows a message lists before "and N more" (the error's {@code rows} hold more). */
    private static final int ROWS_IN_MESSAGE = 10;

    private final List<String> columns;
    private final Result prints;
    /** Per PO whose rows disagree, per column: what pass 2 keeps, bounded whatever the file. */
    private final Map<String, Map<String, ColumnNotes>> notes = new LinkedHashMap<>();
    private final MessageDigest digest = Fingerprint.newDigest();

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
                    var notes = notesOf(po, column);
                    notes.blank(row);
                    // the errors CSV holds this row, not the one whose value it lacks: say it where known
                    var known = notes.first == null ? "" : " (row " + notes.first.rows.first() + " has "
                            + notes.first.quoted() + ")";
                    problems.add(ImportError.row(row, column, null, ErrorCode.HEADER_BLANK, "PO " + ImportError.inQuotes(po) + ": " + column
                            + " is blank, while other rows of the PO fill it" + known + "; fill it on every row of the PO, or on none"));
                }
                continue;
            }
            var print = Fingerprint.of(digest, List.of(value));
            var firstValue = notesOf(po, column).filled(value, print, row);
            if (!firstValue.print.equals(print)) {
                problems.add(ImportError.row(row, column, value, ErrorCode.HEADER_CONFLICT, "PO " + ImportError.inQuotes(po) + ": "
                        + column + " differs from row " + firstValue.rows.first() + " of the same PO, " + bothValues(value, firstValue)));
            }
        }
        return problems;
    }

    /**
     * "which has" the first row's value; where this row's has a look-alike character, this row's
     * too, naming it: the errors CSV's copy on a row of "Acme Metals" with a no-break space quoted
     * only row 2's "Acme Metals", leaving nothing to fix (found by review "errorsdoc" on 7
     * December 2026; the report's summary named it). Each names all its own, not only those the
     * other lacks: two values with a no-break space each, in other places, named neither (review
     * "own49").
     */
    private static String bothValues(String value, NamedValue first) {
        var own = ImportError.quotedWithLookAlikes(value);
        boolean ownNamesLookAlikes = !own.equals(ImportError.inQuotes(value)); // the quote has a note after it
        boolean cutAlike = ImportError.shortened(value).equals(first.shown); // review "own49d"
        // this row's quoted again only where it shows otherwise: the same quote twice pushed the note past 400 characters (review "own49e")
        return "which has " + first.quoted() + (ownNamesLookAlikes && !own.equals(first.quoted()) ? ", and this row " + own : "")
                + (cutAlike ? " (they differ past the " + ImportError.MAX_ECHOED_VALUE + " characters a message shows)" : "");
    }

    private ColumnNotes notesOf(String po, String column) {
        return notes.computeIfAbsent(po, p -> new LinkedHashMap<>()).computeIfAbsent(column, c -> new ColumnNotes());
    }

    /** The first of the summary's errors, in the order of their first rows, and how many more there are. */
    record Summary(List<ImportError> first, int more) {}

    /** Every error of the summary: for tests, and files of few POs. */
    List<ImportError> summary() {
        return summary(Integer.MAX_VALUE, Integer.MAX_VALUE).first();
    }

    /**
     * After pass 2: one error per blank column and per conflicting column of a PO, naming its rows
     * (the first {@link ImportError#MAX_ROWS_NAMED}, and {@code rowsLeft} for all of them
     * together, a conflict's differing rows first), in the order of their first rows; only the
     * first {@code room} are built, the rest counted. A file of many POs whose rows disagree makes
     * an error for each, and building them all (rows, message) to keep the report's thousand ran a
     * function of 2 GB out of memory on a million rows of two-row POs (found by review on
     * 5 December 2026).
     */
    Summary summary(int room, int rowsLeft) {
        // the room earliest by (first row, order found), the latest on top to be pushed out
        var earliest = new PriorityQueue<Map.Entry<Long, Problem>>(Map.Entry.<Long, Problem>comparingByKey().reversed());
        int[] total = {0};
        forEachProblem((problem, order) -> {
            total[0]++;
            earliest.add(Map.entry(problem.orderKey(order), problem));
            if (earliest.size() > room) {
                earliest.poll();
            }
        });
        var built = new ArrayList<ImportError>();
        int rows = rowsLeft;
        for (var problem : earliest.stream().sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList()) {
            var error = problem.error(Math.min(rows, ImportError.MAX_ROWS_NAMED));
            rows -= error.rows().size();
            built.add(error);
        }
        return new Summary(built, total[0] - built.size());
    }

    /** A PO's column that is blank on some rows, or filled with different values: one error. */
    private record Problem(String po, String column, ColumnNotes notes, boolean blank) {

        int firstRow() {
            return blank ? notes.blankRows.first() : notes.first.rows.first();
        }

        /** Sorts by first row, then by the order the problems were found in. */
        long orderKey(int order) {
            return ((long) firstRow() << 32) | order;
        }

        /** The error, naming at most {@code rowsNamed} of its rows (none: its {@code row} only). */
        ImportError error(int rowsNamed) {
            if (blank) {
                var rows = notes.blankRows.kept();
                return new ImportError(rows.getFirst(), column, null, ErrorCode.HEADER_BLANK, "PO " + ImportError.inQuotes(po) + ": "
                        + column + " is blank on " + notes.blankRows.described()
                        + ", while other rows of the PO fill it; fill it on every row of the PO, or on none",
                        rows.subList(0, Math.min(rows.size(), rowsNamed)));
            }
            return new ImportError(notes.first.rows.first(), column, null, ErrorCode.HEADER_CONFLICT,
                    "PO " + ImportError.inQuotes(po) + " has different values for " + column + ": " + notes.valuesDescribed(),
                    notes.filledRows(rowsNamed));
        }
    }

    private void forEachProblem(ObjIntConsumer<Problem> action) {
        int order = 0;
        for (var byPo : notes.entrySet()) {
            for (var byColumn : byPo.getValue().entrySet()) {
                var columnNotes = byColumn.getValue();
                if (columnNotes.blankRows != null) {
                    action.accept(new Problem(byPo.getKey(), byColumn.getKey(), columnNotes, true), order++);
                }
                if (columnNotes.conflicting()) {
                    action.accept(new Problem(byPo.getKey(), byColumn.getKey(), columnNotes, false), order++);
                }
            }
        }
    }

    /**
     * One column of one PO whose rows disagree: its first value, and from the first difference the
     * next {@link #VALUES_NAMED} − 1 values, each by fingerprint (a cell may be 32,767 characters
     * long, and a file may hold a different one on every row) with its shortened form and its first
     * rows; the rows of further values, and the blank rows. A column that agrees, as most columns of
     * such a PO do, costs one value and its rows; nothing else is made until it is needed.
     */
    private static final class ColumnNotes {
        private NamedValue first;
        private List<NamedValue> others;
        private RowSample rowsOfOtherValues;
        private RowSample blankRows;

        void blank(int row) {
            if (blankRows == null) {
                blankRows = new RowSample(ImportError.MAX_ROWS_NAMED);
            }
            blankRows.add(row);
        }

        /** Notes a filled cell; returns the column's first value, which the cell should equal. */
        NamedValue filled(String value, Fingerprint print, int row) {
            if (first == null) {
                first = NamedValue.of(value, print);
            }
            named(value, print).ifPresentOrElse(v -> v.rows.add(row), () -> {
                if (rowsOfOtherValues == null) {
                    rowsOfOtherValues = new RowSample(ImportError.MAX_ROWS_NAMED);
                }
                rowsOfOtherValues.add(row);
            });
            return first;
        }

        /** The value's notes, made if it is among the first {@link #VALUES_NAMED}; empty past them. */
        private Optional<NamedValue> named(String value, Fingerprint print) {
            if (first.print.equals(print)) {
                return Optional.of(first);
            }
            if (others == null) {
                others = new ArrayList<>(VALUES_NAMED - 1);
            }
            for (var other : others) {
                if (other.print.equals(print)) {
                    return Optional.of(other);
                }
            }
            if (others.size() == VALUES_NAMED - 1) {
                return Optional.empty();
            }
            var added = NamedValue.of(value, print);
            others.add(added);
            return Optional.of(added);
        }

        boolean conflicting() {
            return others != null;
        }

        /**
         * At most {@code limit} of the rows holding a value, in file order: the rows that differ
         * from the first value first (they are the ones to fix), then the first value's own, its
         * first row among them while there is room for two. Keeping just the earliest rows left out
         * a row that differed after a thousand that agreed.
         */
        List<Integer> filledRows(int limit) {
            if (limit <= 0) {
                return List.of();
            }
            var differing = Stream.concat(others.stream().map(NamedValue::rows), Stream.ofNullable(rowsOfOtherValues))
                    .flatMap(rows -> rows.kept().stream()).sorted().limit(Math.max(limit - 1, 0)).toList();
            var agreeing = first.rows.kept().stream().limit(limit - differing.size());
            return Stream.concat(agreeing, differing.stream()).sorted().toList();
        }

        String valuesDescribed() {
            var values = Stream.concat(Stream.of(first), others.stream()).toList();
            var shown = values.stream().map(NamedValue::shown).toList();
            var quoted = ImportError.quotedSideBySide(shown);
            var named = IntStream.range(0, values.size()).mapToObj(i -> {
                int firstAlike = shown.indexOf(shown.get(i));
                boolean cutAlike = firstAlike != i || shown.lastIndexOf(shown.get(i)) != i;
                // values alike in the characters a message shows: the later ones said so, briefly (quoted again,
                // the same text twice said nothing, and three of them passed the 400 characters: reviews "own49c", "own49d")
                var value = !cutAlike ? quoted.get(i) : firstAlike == i ? values.get(i).quoted()
                        : "one alike in its first " + ImportError.MAX_ECHOED_VALUE + " characters to row "
                                + values.get(firstAlike).rows.first() + "'s" + values.get(i).lookAlikes;
                return value + " on " + values.get(i).rows.described();
            });
            var rest = rowsOfOtherValues == null ? Stream.<String>empty()
                    : Stream.of("other values on " + rowsOfOtherValues.described());
            return Stream.concat(named, rest).collect(Collectors.joining(", "));
        }
    }

    /**
     * {@code lookAlikes}: the note naming the look-alike characters of the whole value, those past
     * the cut too (review "own49c"); "" for nearly every value, so it costs nothing kept.
     */
    private record NamedValue(Fingerprint print, String shown, String lookAlikes, RowSample rows) {
        static NamedValue of(String value, Fingerprint print) {
            return new NamedValue(print, ImportError.shortened(value), ImportError.lookAlikesOf(value),
                    new RowSample(ImportError.MAX_ROWS_NAMED));
        }

        String quoted() {
            return "\"" + shown + "\"" + lookAlikes;
        }
    }

    /** Rows in file order: all counted, the first {@code capacity} kept. */
    private static final class RowSample {
        private final int capacity;
        private int[] kept = new int[2];
        private int size;
        private int total;

        RowSample(int capacity) {
            this.capacity = capacity;
        }

        void add(int row) {
            total++;
            if (size < capacity) {
                if (size == kept.length) {
                    kept = Arrays.copyOf(kept, Math.min(capacity, size * 2));
                }
                kept[size++] = row;
            }
        }

        int first() {
            return kept[0];
        }

        List<Integer> kept() {
            return Arrays.stream(kept, 0, size).boxed().toList();
        }

        /** "row 4", "rows 4, 5, 9", "rows 4, 5, … and 4,990 more". */
        String described() {
            var listed = Arrays.stream(kept, 0, Math.min(size, ROWS_IN_MESSAGE)).mapToObj(String::valueOf)
                    .collect(Collectors.joining(", "));
            int more = total - Math.min(size, ROWS_IN_MESSAGE);
            return (total == 1 ? "row " : "rows ") + listed + (more > 0 ? " and " + more + " more" : "");
        }
    }

    /** The first 128 bits of SHA-256 over the cells. */
    private record Fingerprint(long high, long low) {

        /** A digest for every row of a pass to reuse ({@code digest()} resets it), not one looked up a row. */
        static MessageDigest newDigest() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is always available", e);
            }
        }

        static Fingerprint of(MessageDigest digest, List<String> cells) {
            for (var cell : cells) {
                // length-prefixed, so ("ab", "c") and ("a", "bc") differ
                var bytes = cell.getBytes(StandardCharsets.UTF_8);
                digest.update((byte) (bytes.length >>> 24));
                digest.update((byte) (bytes.length >>> 16));
                digest.update((byte) (bytes.length >>> 8));
                digest.update((byte) bytes.length);
                digest.update(bytes);
            }
            var hash = ByteBuffer.wrap(digest.digest());
            return new Fingerprint(hash.getLong(), hash.getLong());
        }
    }
}
