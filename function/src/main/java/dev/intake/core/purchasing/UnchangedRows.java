package dev.intake.core.purchasing;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.columns.Column;
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
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The rows of a file that take a stored line by its values rather than by its place: where every
 * row of a stored PO naming one part number (or, without a part, one description) leaves one of
 * the PO's lines of that key as it is, or every line of the key is so left by a row (the other
 * rows add lines), each such row takes that line, whatever the order of the rows ({@link
 * Group#byValues}; rows with errors, and rows naming a revision no line of the key has, aside). An
 * export sorted in a spreadsheet (by quantity, by need date) and imported back unchanged so
 * changes nothing, as the same export in its own order does (SPEC §7); matched by place, two lines
 * of one part swapped their values and their On Order records (review "linematching", 7 December
 * 2026), and one row edited to another part or description made the next row of the key take its
 * line. Where any row of the key changes its line, the key's rows match by place ({@link
 * LineMatcher}), as before: taking unchanged rows' lines first there swapped two lines a buyer had
 * edited in place whose new values were each other's old ones (review "own54d").
 *
 * <p>The decision needs all of a key's rows before the first is validated, so it takes a pass of
 * its own over the file ({@link Finder}), run only where a stored PO the file names has a line of
 * a part number it names, or a line without a part: a file of new POs reads the file no more times
 * than before. A key of one line counts too: a delivery added above a part's only line, in a
 * sheet sorted by date, took that line by place (review "own55g"). Validation, the dry run, the
 * commit and a resumed commit all match by it.
 */
final class UnchangedRows {

    static final UnchangedRows NONE = new UnchangedRows(Map.of());

    /** By PO number as the file writes it: row number to the index of the stored line it takes. */
    private final Map<String, Map<Integer, Integer>> byPo;

    private UnchangedRows(Map<String, Map<Integer, Integer>> byPo) {
        this.byPo = byPo;
    }

    /** The rows of {@code po} that take a stored line by their values: row to index in its stored lines. */
    Map<Integer, Integer> of(String po) {
        return byPo.getOrDefault(po, Map.of());
    }

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

    private static String keyOf(PoLine line) {
        return line.part() == null ? LineMatcher.descriptionKey(line.description()) : LineMatcher.partKey(line.partNumber());
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
                group.take(csv.row(), values, cells.hasErrors());
            }
        }

        private void decide(String po, PoKeys keys) {
            var rows = new HashMap<Integer, Integer>();
            keys.groups().values().forEach(Group::finish);
            keys.groups().values().stream().filter(Group::byValues).forEach(group -> rows.putAll(group.taken));
            if (!rows.isEmpty()) {
                decided.put(po, rows);
            }
        }

        /** What the pass found; POs whose last row it did not reach (a file that stops at a row) are decided here. */
        UnchangedRows result() {
            open.forEach(this::decide);
            open.clear();
            return new UnchangedRows(decided);
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
                    groups.computeIfAbsent(keyOf(line), k -> new Group(lines)).indexes.add(i);
                }
            }
            return groups.isEmpty() ? NONE : new PoKeys(groups);
        }
    }

    /**
     * One key's stored lines and its rows so far, each having taken the first free line (in line
     * order) it leaves as it is, or counted as {@code changing}. Rows that take no line whichever
     * way they match are left out: a row with an error (the file fails; matched by place, its
     * untouched neighbours were refused for values no one changed: review "own55"), and one naming
     * a revision no line of the key has (it adds a line; an edited revision made the untouched
     * rows match by place: review "own55"). Rows with a blank revision take their lines after the
     * rows naming a revision, as they leave lines to those by place (docs/purchase-orders.md,
     * Lines rule 2): taken first, a blank row took the only A line, and the A row added a second
     * (review "own55b").
     */
    private static final class Group {
        private final List<Stamped<PoLine>> lines;
        final List<Integer> indexes = new ArrayList<>();
        /** Row to the index of the line it took, in file order. */
        final Map<Integer, Integer> taken = new LinkedHashMap<>();
        private int changing;
        /** Rows with a blank revision, with their values, taken at the end ({@link #finish}). */
        private List<Map.Entry<Integer, PoRowParser.LineValues>> blankRevisionRows = List.of();
        /**
         * The lines by their values in the columns the file has, and by revision and values, built at
         * the key's first row; a line taken stays in them until a look-up passes it (so each look-up
         * walks a line at most once: by revision alone, thousands of lines of two revisions took
         * each row through every line of the other, review "own55c").
         */
        private Map<String, ArrayDeque<Integer>> byValues;
        private Map<String, ArrayDeque<Integer>> byRevisionAndValues;
        private Set<String> revisions;
        private final BitSet used = new BitSet();
        private List<Column<PoLine, ?>> columns;

        Group(List<Stamped<PoLine>> lines) {
            this.lines = lines;
        }

        /**
         * Whether the key's rows match by their values: every row left a line as it is, or every
         * line was left as it is by a row (the other rows add lines, as they would by place: a row
         * added to a sorted export made the untouched rows match by place, review "own55").
         * Otherwise a row changes a line, and which one only its place says (review "own54d").
         */
        boolean byValues() {
            return !taken.isEmpty() && (changing == 0 || taken.size() == indexes.size());
        }

        /** After the key's last row: the rows with a blank revision take their lines. */
        void finish() {
            blankRevisionRows.forEach(row -> takeNow(row.getKey(), row.getValue()));
            blankRevisionRows = List.of();
        }

        void take(int row, PoRowParser.LineValues values, boolean failed) {
            if (failed) {
                return;
            }
            if (byValues == null) {
                index(values);
            }
            if (values.revisionGiven() && !revisions.contains(revisionOf(values))) {
                return; // it adds a line whichever way rows match
            }
            if (values.part() != null && !values.revisionGiven()) {
                if (blankRevisionRows.isEmpty()) {
                    blankRevisionRows = new ArrayList<>();
                }
                blankRevisionRows.add(Map.entry(row, values));
                return;
            }
            takeNow(row, values);
        }

        private void takeNow(int row, PoRowParser.LineValues values) {
            var key = key(values);
            var candidates = values.revisionGiven() ? byRevisionAndValues.get(revisionOf(values) + "\u0000" + key) : byValues.get(key);
            var line = candidates == null ? null : firstLeftAsItIs(candidates, values);
            if (line == null) {
                changing++;
            } else {
                taken.put(row, line);
            }
        }

        private void index(PoRowParser.LineValues values) {
            columns = values.values().columns().stream().filter(Column::isField).toList();
            byValues = new HashMap<>();
            byRevisionAndValues = new HashMap<>();
            revisions = new HashSet<>();
            for (int index : indexes) {
                var line = lines.get(index).item();
                var key = key(columns.stream().map(column -> column.cellOf(line)));
                byValues.computeIfAbsent(key, k -> new ArrayDeque<>()).add(index);
                if (line.part() != null) { // a description's lines have no revision
                    var revision = LineMatcher.revisionKey(line.partNumber(), line.revision());
                    revisions.add(revision);
                    byRevisionAndValues.computeIfAbsent(revision + "\u0000" + key, k -> new ArrayDeque<>()).add(index);
                }
            }
        }

        /** The first free one of these lines the row leaves as it is, taken; the used ones it passes are dropped. */
        private Integer firstLeftAsItIs(ArrayDeque<Integer> candidates, PoRowParser.LineValues values) {
            for (var it = candidates.iterator(); it.hasNext(); ) {
                int index = it.next();
                if (used.get(index)) {
                    it.remove();
                    continue;
                }
                var line = lines.get(index).item();
                if (values.values().applyTo(line) == line) {
                    it.remove();
                    used.set(index);
                    return index;
                }
            }
            return null;
        }

        private static String revisionOf(PoRowParser.LineValues values) {
            return LineMatcher.revisionKey(values.part().partNumber(), values.part().revision());
        }

        /** The row's own values in the key's columns, as a line's are looked up ({@link #key(Stream)}). */
        private String key(PoRowParser.LineValues values) {
            return key(columns.stream().map(column -> values.values().written(column)));
        }

        /**
         * Values as cells, each as names are matched ({@link NameIndex#key}: any case, any Unicode
         * space, one Unicode form): a bucket of lines a row may leave as it is, each then checked as
         * the commit compares ({@code applyTo}). As names compare (labels, intent options): a line
         * keeps the spelling it was written with, and a catalog load may re-spell a label since
         * (reviews "own55" and "own55b": looked up by another spelling, a row found none).
         */
        private static String key(Stream<String> cells) {
            return cells.map(NameIndex::key).collect(Collectors.joining("\u0000"));
        }
    }
}
