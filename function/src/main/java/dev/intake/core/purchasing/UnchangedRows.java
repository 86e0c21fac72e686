package dev.intake.core.purchasing;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.columns.Column;
import dev.intake.core.columns.RowValues;
import dev.intake.core.columns.SavedBack;
import dev.intake.core.commit.Stamped;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.imports.ImportJob;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rows of a file that take a stored line by its values rather than by its place: where every
 * row of a stored PO naming one part number (or, without a part, one description) leaves one of the
 * PO's lines of that key as it is, or every line of the key is so left by a row (the other rows add
 * lines), each such row takes that line, whatever the order of the rows ({@link Group#byValues}; a
 * row that gives a line back as a save rewrote it counts as leaving it, {@link SavedBack}; rows
 * with errors take lines by the cells they could read; rows naming a revision no line of the key
 * has stay aside). An export sorted in a spreadsheet (by quantity, by need date) and imported back
 * unchanged so changes nothing, as the same export in its own order does (SPEC §7); matched by
 * place, two lines of one part swapped their values and their On Order records (review
 * "linematching", 7 December 2026), and one row edited to another part or description made the next
 * row of the key take its line. Where any row of the key changes its line, the key's rows match by
 * place ({@link LineMatcher}), as before: taking unchanged rows' lines first there swapped two
 * lines a buyer had edited in place whose new values were each other's old ones (review "own54d").
 *
 * <p>The decision needs all of a key's rows before the first is validated, so it takes a pass of
 * its own over the file ({@link Finder}), run only where a stored PO the file names has a line of
 * a part number it names, or a line without a part: a file of new POs reads the file no more times
 * than before. A key of one line counts too: a delivery added above a part's only line, in a
 * sheet sorted by date, took that line by place (review "own55g"). Validation, the dry run, the
 * commit and a resumed commit all match by it.
 */
final class UnchangedRows {

    /**
     * Values as cells, each as names are matched ({@link NameIndex#key}: any case, any Unicode
     * space, one Unicode form): a bucket of lines a row may leave as it is, each then checked as
     * the commit compares ({@code applyTo}). As names compare (labels, intent options): a line
     * keeps the spelling it was written with, and a catalog load may re-spell a label since
     * (reviews "own55" and "own55b": looked up by another spelling, a row found none).
     */
    static String cellsKey(Stream<String> cells) {
        return cells.map(NameIndex::key).collect(Collectors.joining("\u0000"));
    }

    /** Marks a look-up key of values as a save gives them back, beside the keys of values as they are. */
    private static final String SAVED_BACK = "\u0001";

    static final UnchangedRows NONE = new UnchangedRows(Map.of(), Map.of());

    /** By PO number as the file writes it: row number to the index of the stored line it takes. */
    private final Map<String, Map<Integer, Integer>> byPo;
    /** By PO number: the stored lines a saved cell of a row matched by place may come from ({@link #mayBeSavedFrom}). */
    private final Map<String, BitSet> savedFrom;

    private UnchangedRows(Map<String, Map<Integer, Integer>> byPo, Map<String, BitSet> savedFrom) {
        this.byPo = byPo;
        this.savedFrom = savedFrom;
    }

    /** The rows of {@code po} that take a stored line by their values: row to index in its stored lines. */
    Map<Integer, Integer> of(String po) {
        return byPo.getOrDefault(po, Map.of());
    }

    /**
     * The stored lines of {@code po} (indexes) whose values a row matched by its place may give
     * back in a saved cell ({@link LineMatcher#givenBackBy}): lines of a part number (or
     * description) that matches by place, of which the file has at least as many rows as the PO
     * has lines (a whole export, sorted and edited), that no row leaves exactly as it is. A US
     * user's edit in the export's own order, to a date that is another line's day-and-month swap,
     * was refused as a day-first save of it (review "own56d").
     */
    BitSet mayBeSavedFrom(String po) {
        return savedFrom.getOrDefault(po, EMPTY);
    }

    private static final BitSet EMPTY = new BitSet();

    /**
     * Whether a pass is needed: some stored PO has a line of a part number the file names, or a line
     * without a part (the scan does not keep descriptions).
     */
    static boolean mayMatter(PoScan scan, Map<String, PoPlan> plans) {
        return plans.values().stream().anyMatch(plan -> storedOf(plan) != null
                && plan.existing().stampedLines().stream().anyMatch(line -> named(line.item(), scan.partNumbers())));
    }

    private static StoredPurchaseOrder storedOf(PoPlan plan) {
        return plan.problem() == null ? plan.existing() : null;
    }

    /** Whether the file may name this line's key: a part number among {@code partNumbers}, or no part. */
    private static boolean named(PoLine line, Set<String> partNumbers) {
        return line.part() == null || partNumbers.contains(NameIndex.key(line.partNumber()));
    }


    /**
     * The pass that finds them: rows of stored POs only, of keys with stored lines. A PO's
     * keys are decided at its last row, and what they held is dropped there (review "own55c": a
     * file's blank-revision rows were held with their values to the end of the file).
     */
    static final class Finder extends PoPass {
        private final Map<String, PoPlan> plans;
        private final PoScan scan;
        private final Map<String, PoKeys> open = new HashMap<>();
        private final Map<String, Map<Integer, Integer>> decided = new HashMap<>();
        private final Map<String, BitSet> savedFrom = new HashMap<>();

        Finder(Catalog catalog, ImportJob job, PoScan scan, Map<String, PoPlan> plans) {
            super(catalog, job, scan.traits());
            this.plans = plans;
            this.scan = scan;
        }

        @Override
        public void row(CsvRow csv) {
            job.keepAlive();
            var po = layout.poNumber(csv);
            var plan = po.isEmpty() ? null : plans.get(po);
            if (plan == null || storedOf(plan) == null) {
                return;
            }
            var keys = open.computeIfAbsent(po, number -> PoKeys.of(plan.existing().stampedLines(), scan.partNumbers()));
            if (!keys.groups().isEmpty() && layout.hasLine(csv)) {
                take(keys, csv);
            }
            if (scan.isLastRowOf(po, csv.row())) {
                decide(po, open.remove(po));
            }
        }

        private void take(PoKeys keys, CsvRow csv) {
            var cells = parser.cells(csv);
            var values = parser.line(cells);
            if (values.part() == null && !cells.raw(PoColumns.PART_NUMBER).isEmpty()) {
                return; // an unknown part: the row takes no line, and the file fails
            }
            var group = keys.groups().get(values.part() == null
                    ? LineMatcher.descriptionKey(values.description()) : LineMatcher.partKey(values.part().partNumber()));
            if (group != null) {
                group.take(new Held(csv.row(), values, SavedBack.Traces.of(cells, layout.lineFields())), cells.hasErrors());
            }
        }

        private void decide(String po, PoKeys keys) {
            var rows = new HashMap<Integer, Integer>();
            keys.groups().values().forEach(Group::finish);
            keys.groups().values().stream().filter(Group::byValues).forEach(group -> rows.putAll(group.taken));
            if (!rows.isEmpty()) {
                decided.put(po, rows);
            }
            var lines = new BitSet();
            keys.groups().values().forEach(group -> group.addMayBeSavedFrom(lines));
            if (!lines.isEmpty()) {
                savedFrom.put(po, lines);
            }
        }

        /** What the pass found; POs whose last row it did not reach (a file that stops at a row) are decided here. */
        UnchangedRows result() {
            open.forEach(this::decide);
            open.clear();
            return new UnchangedRows(decided, savedFrom);
        }
    }

    /** A stored PO's keys the file may name, and what its rows so far took. */
    private record PoKeys(Map<String, Group> groups) {
        /** One for every PO without such keys: a file of labels for 100,000 POs holds one entry each. */
        static final PoKeys NONE = new PoKeys(Map.of());

        static PoKeys of(List<Stamped<PoLine>> lines, Set<String> partNumbers) {
            var groups = new HashMap<String, Group>();
            for (int i = 0; i < lines.size(); i++) {
                var line = lines.get(i).item();
                if (named(line, partNumbers)) {
                    groups.computeIfAbsent(LineMatcher.keyOf(line), k -> new Group(lines)).indexes.add(i);
                }
            }
            return groups.isEmpty() ? NONE : new PoKeys(groups);
        }
    }

    /** A row held until its key's last row, with what its cells show of a save. */
    private record Held(int row, PoRowParser.LineValues values, SavedBack.Traces traces) {}

    /**
     * One key's stored lines and its rows so far, each having taken the first free line (in line
     * order) it leaves as it is, or, after every row of the key looked for that, one it gives back
     * as a save rewrote it ({@link SavedBack}), or counted as {@code changing}. A row with an error
     * is never counted as changing (the file fails; matched by place, its untouched neighbours
     * were refused for values no one changed: review "own55"), and a row naming a revision no line
     * of the key has is left out (it adds a line; an edited revision made the untouched rows match
     * by place: review "own55"). Rows with a blank revision take their lines after the rows naming
     * a revision, as they leave lines to those by place (docs/purchase-orders.md, Lines rule 2):
     * taken first, a blank row took the only A line, and the A row added a second (review
     * "own55b").
     */
    private static final class Group {
        private final List<Stamped<PoLine>> lines;
        final List<Integer> indexes = new ArrayList<>();
        /** Row to the index of the line it took, in file order. */
        final Map<Integer, Integer> taken = new LinkedHashMap<>();
        private int changing;
        /** The lines rows leave exactly as they are (of {@link #taken}). */
        private final BitSet leftAsTheyAre = new BitSet();
        /** Every row of the key the file has, with an error or naming a revision no line has too. */
        private int rows;
        /** Those rows by the revision they name ({@link LineMatcher#revisionKey}), "" for a blank one or none. */
        private final Map<String, Integer> rowsByRevision = new HashMap<>();
        /**
         * Rows held to the key's last row ({@link #finish}): with a blank revision; with no line
         * left as it is but traces of a save, which look for a line they give back only once every
         * row has taken the line it leaves as it is (review "own56a": a new row above a line's own
         * took it); with errors.
         */
        private List<Held> blankRevisionRows = List.of();
        private List<Held> savedBackRows = List.of();
        private List<Held> failedRows = List.of();
        /** The lines rows with errors look among ({@link FailedRowLines}), made at the first such row. */
        private FailedRowLines failedRowLines;
        /**
         * The lines by their values in the columns the file has, and by revision and values, built at
         * the key's first row; a line taken stays in them until a look-up passes it (so each look-up
         * walks a line at most once: by revision alone, thousands of lines of two revisions took
         * each row through every line of the other, review "own55c").
         */
        private Map<String, ArrayDeque<Integer>> byValues;
        private Map<String, ArrayDeque<Integer>> byRevisionAndValues;
        private Set<String> revisions;
        private boolean savedBackIndexed;
        private final BitSet used = new BitSet();
        private List<Column<PoLine, ?>> columns;

        Group(List<Stamped<PoLine>> lines) {
            this.lines = lines;
        }

        /**
         * Whether the key's rows match by their values: every row left a line as it is (or gave
         * one back), or every line was left exactly as it is by a row (the other rows add lines, as
         * they would by place: a row added to a sorted export made the untouched rows match by
         * place, review "own55"). Otherwise a row changes a line, and which one only its place says
         * (review "own54d"); a line given back then proves nothing: in a month-first file, a new
         * delivery dated the swap of a line whose own row moved it took that line (review
         * "own56b"). {@link LineRules} refuses a saved cell of such a row against any line of its
         * key.
         */
        boolean byValues() {
            return !taken.isEmpty() && (changing == 0 || leftAsTheyAre.cardinality() == indexes.size());
        }

        /**
         * Where the key matches by place: its lines a row's saved cell may come from ({@link
         * #mayBeSavedFrom}), those no row leaves as it is, of a revision with at least as many
         * rows naming it or none as it has lines (the file holds them all, as an export does).
         */
        void addMayBeSavedFrom(BitSet into) {
            if (byValues()) {
                return;
            }
            var linesByRevision = new HashMap<String, Integer>();
            indexes.forEach(index -> linesByRevision.merge(revisionOf(lines.get(index).item()), 1, Integer::sum));
            int blank = rowsByRevision.getOrDefault("", 0);
            for (int index : indexes) {
                var revision = revisionOf(lines.get(index).item());
                int rowsOfIt = revision.isEmpty() ? blank : rowsByRevision.getOrDefault(revision, 0) + blank;
                if (!leftAsTheyAre.get(index) && rowsOfIt >= linesByRevision.get(revision)) {
                    into.set(index);
                }
            }
        }

        /** A stored line's revision key, "" for a line without a part. */
        private static String revisionOf(PoLine line) {
            return line.part() == null ? "" : LineMatcher.revisionKey(line.partNumber(), line.revision());
        }

        /**
         * After the key's last row: the held rows take their lines, in the order {@link
         * #savedBackRows} says; a line is given back only where the file has a row for each line
         * (a whole export: one edited row, dated the swap of a line the file does not name, took
         * that line, review "own56d").
         */
        void finish() {
            blankRevisionRows.forEach(this::takeLeftAsItIs);
            if (rows >= indexes.size()) {
                savedBackRows.forEach(this::takeGivenBack);
            } else {
                changing += savedBackRows.size();
            }
            failedRows.forEach(this::takeByReadableCells);
            blankRevisionRows = List.of();
            savedBackRows = List.of();
            failedRows = List.of();
        }

        void take(Held row, boolean failed) {
            rows++;
            var named = row.values().part() != null && row.values().revisionGiven() ? revisionOf(row.values()) : "";
            rowsByRevision.merge(named, 1, Integer::sum);
            if (failed) {
                failedRows = held(failedRows, row);
                return;
            }
            var values = row.values();
            if (byValues == null) {
                index(values);
            }
            if (values.revisionGiven() && !revisions.contains(revisionOf(values))) {
                return; // it adds a line whichever way rows match
            }
            if (values.part() != null && !values.revisionGiven()) {
                blankRevisionRows = held(blankRevisionRows, row);
                return;
            }
            takeLeftAsItIs(row);
        }

        private static List<Held> held(List<Held> rows, Held row) {
            var held = rows.isEmpty() ? new ArrayList<Held>() : rows;
            held.add(row);
            return held;
        }

        private void takeLeftAsItIs(Held row) {
            var line = firstOf(key(row.values()), row.values(), Group::leftAsItIs);
            if (line != null) {
                taken.put(row.row(), line);
                leftAsTheyAre.set(line);
            } else if (row.traces() != SavedBack.Traces.NONE) {
                savedBackRows = held(savedBackRows, row);
            } else {
                changing++;
            }
        }

        private void takeGivenBack(Held row) {
            if (!savedBackIndexed) {
                indexSavedBack();
            }
            var line = firstOf(SAVED_BACK + savedBackKey(row.values()), row.values(),
                    (stored, values) -> givenBack(stored, values, row.traces()));
            if (line != null) {
                taken.put(row.row(), line);
            } else {
                changing++;
            }
        }

        /**
         * A row with an error takes the first free line of its revision (if it names one) that the
         * cells it could read leave as they are (looked up by those cells' values: review
         * "own56b", a sheet of 40 lines sorted largest first found none in a window), else one
         * among the next {@link FailedRowLines#LOOKS} lines not yet taken that they leave as they are
         * or give back; finding none, it counts for neither way. A day-first save of a file with
         * a date like 15/01/2027 fails every date of the file that reads either way, so each row of
         * a sorted export had an error, and every row was compared with another line (review
         * "own55c"). The file fails whichever line such a row takes: the look is bounded (review
         * "own56a": from the first line each time, 10,000 rows with errors took seconds), as only
         * its messages depend on it.
         */
        private void takeByReadableCells(Held row) {
            if (failedRowLines == null) {
                failedRowLines = new FailedRowLines(lines, indexes);
            }
            var values = row.values();
            var revision = values.revisionGiven() ? revisionOf(values) : "";
            var readable = values.values().columns().stream().filter(Column::isField).toList();
            var byReadable = failedRowLines.byReadableCells(readable);
            var candidates = byReadable == null ? null
                    : byReadable.get(revision + "\u0000" + cellsKey(readable.stream().map(values.values()::written)));
            Integer line = candidates == null ? null : firstTaking(candidates, values, Group::leftAsItIs);
            if (line == null) {
                int found = failedRowLines.first(revision, used, index -> {
                    var stored = lines.get(index).item();
                    return leftAsItIs(stored, values.values()) || givenBack(stored, values.values(), row.traces());
                });
                line = found < 0 ? null : found;
                if (line != null) {
                    used.set(line);
                }
            }
            if (line != null) {
                taken.put(row.row(), line);
            }
        }


        /** The first free line under {@code key} (revision added where the row gives one) that {@code takes} the row. */
        private Integer firstOf(String key, PoRowParser.LineValues values, BiPredicate<PoLine, RowValues<PoLine>> takes) {
            var candidates = values.revisionGiven() ? byRevisionAndValues.get(revisionOf(values) + "\u0000" + key) : byValues.get(key);
            return candidates == null ? null : firstTaking(candidates, values, takes);
        }

        private static boolean leftAsItIs(PoLine line, RowValues<PoLine> row) {
            return row.applyTo(line) == line;
        }

        /**
         * Whether the row gives {@code line} back as a save its {@code traces} show wrote it (each
         * cell it changes is the line's so written): it takes that line, whose checks then refuse
         * those cells, as in the export's own order (review "own55c").
         */
        private static boolean givenBack(PoLine line, RowValues<PoLine> row, SavedBack.Traces traces) {
            var applied = row.applyTo(line);
            return row.columns().stream().filter(Column::isField)
                    .allMatch(column -> !column.differs(line, applied) || traces.givesBack(column, column.valueOf(line), column.valueOf(applied)));
        }

        /** The first free one of these lines that {@code takes} the row, taken; the used ones it passes are dropped. */
        private Integer firstTaking(ArrayDeque<Integer> candidates, PoRowParser.LineValues values, BiPredicate<PoLine, RowValues<PoLine>> takes) {
            for (var it = candidates.iterator(); it.hasNext(); ) {
                int index = it.next();
                if (used.get(index)) {
                    it.remove();
                    continue;
                }
                var line = lines.get(index).item();
                if (takes.test(line, values.values())) {
                    it.remove();
                    used.set(index);
                    return index;
                }
            }
            return null;
        }

        private void index(PoRowParser.LineValues values) {
            columns = values.values().columns().stream().filter(Column::isField).toList();
            byValues = new HashMap<>();
            byRevisionAndValues = new HashMap<>();
            revisions = new HashSet<>();
            for (int index : indexes) {
                var line = lines.get(index).item();
                bucket(index, cellsKey(columns.stream().map(column -> column.cellOf(line))));
                if (line.part() != null) { // a description's lines have no revision
                    revisions.add(LineMatcher.revisionKey(line.partNumber(), line.revision()));
                }
            }
        }

        /**
         * The lines by their values as a save gives them back ({@link SavedBack#key}), beside those
         * by their values: made at the first row that looks for a line it gives back (most files
         * have none).
         */
        private void indexSavedBack() {
            for (int index : indexes) {
                var line = lines.get(index).item();
                bucket(index, SAVED_BACK + cellsKey(columns.stream().map(column -> SavedBack.key(column.valueOf(line), column.cellOf(line)))));
            }
            savedBackIndexed = true;
        }

        private void bucket(int index, String values) {
            var line = lines.get(index).item();
            byValues.computeIfAbsent(values, k -> new ArrayDeque<>()).add(index);
            if (line.part() != null) {
                byRevisionAndValues.computeIfAbsent(LineMatcher.revisionKey(line.partNumber(), line.revision()) + "\u0000" + values,
                        k -> new ArrayDeque<>()).add(index);
            }
        }

        private static String revisionOf(PoRowParser.LineValues values) {
            return LineMatcher.revisionKey(values.part().partNumber(), values.part().revision());
        }

        /** The row's values in the key's columns as {@link SavedBack#key} leaves them alike. */
        private String savedBackKey(PoRowParser.LineValues values) {
            return cellsKey(columns.stream().map(column -> SavedBack.key(values.values().get(column).value(), values.values().written(column))));
        }

        /** The row's own values in the key's columns, as a line's are looked up ({@link UnchangedRows#cellsKey}). */
        private String key(PoRowParser.LineValues values) {
            return cellsKey(columns.stream().map(column -> values.values().written(column)));
        }

    }
}
