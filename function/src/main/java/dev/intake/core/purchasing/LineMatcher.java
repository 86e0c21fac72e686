package dev.intake.core.purchasing;

import dev.intake.core.catalog.NameIndex;
import dev.intake.core.catalog.Part;
import dev.intake.core.columns.Column;
import dev.intake.core.columns.SavedBack;
import dev.intake.core.commit.Stamped;
import dev.intake.core.values.LegacyEncoding;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Matches a PO's rows to its stored lines, which have no id column (SPEC §7), in file order: a row
 * takes the first stored line of its part revision (in line order) that no earlier row took; a
 * row with a blank revision the first free line of its part number, whatever the revision (the
 * catalog may have gained a revision since the line was added), but not one of a revision whose
 * free lines later rows naming it need, all of them; a row without a part the first free line
 * without a part with its description. Any other row adds a line numbered after the last one. So
 * importing the same file again matches every row to the line it created and changes nothing.
 * (Reordered, a file can still match otherwise: a blank row before a row naming A, with two A lines
 * free, takes the first, which the A row took in file order: found by review "own46b".) Before
 * all of this, a row that {@link UnchangedRows} found to leave a line as it is, with every other
 * row of its part number or description, takes that line: a sorted export matches as it was.
 */
final class LineMatcher {

    /** The stored line a row updates (null for a new line) and the row's line number. */
    record Match(Stamped<PoLine> stored, int line) {
        PoLine existing() {
            return stored == null ? null : stored.item();
        }
    }

    private final List<Stamped<PoLine>> lines;
    private final boolean[] taken;
    private final Map<String, List<Integer>> byKey;
    private final Map<String, Integer> cursors;
    /**
     * Rows still to come that name a revision of a part a row named with a blank revision before
     * them ({@link PoScan#revisionRowsAfterABlank}), and the free stored lines of each revision.
     * A blank-revision row leaves a revision's lines to them: it took the first free line of the
     * part, and a row naming that revision after it added a second line beside it (found by
     * review "poflow" on 6 December 2026: the same two rows in the other order changed the PO).
     */
    private final Map<String, Integer> owed;
    private final Map<String, Integer> free;
    private final Set<String> blankRevisionParts;
    /** Rows that take a line by their values ({@link UnchangedRows}): row to the index of its line, taken from the start. */
    private final Map<Integer, Integer> unchangedRows;
    private int nextLine;
    /**
     * Per column, the stored lines that may be a saved cell's source, by their part number (or
     * description) and the column's value ({@link SavedBack#sourceKey}): built for a column at the
     * first row that asks ({@link #givenBackBy}).
     */
    private Map<Column<PoLine, ?>, Map<String, List<Integer>>> bySavedValue;
    /** {@link UnchangedRows#mayBeSavedFrom} the PO. */
    private final BitSet mayBeSavedFrom;

    /** The matcher of {@code po}'s rows, as every pass builds it. */
    static LineMatcher of(String po, PoPlan plan, PoScan scan, UnchangedRows unchanged) {
        return new LineMatcher(plan.existing() == null ? List.of() : plan.existing().stampedLines(),
                scan.revisionRowsAfterABlank(po), unchanged.of(po), unchanged.mayBeSavedFrom(po));
    }

    LineMatcher(List<Stamped<PoLine>> stored, Map<String, Integer> laterRevisionRows, Map<Integer, Integer> unchangedRows) {
        this(stored, laterRevisionRows, unchangedRows, new BitSet());
    }

    /**
     * {@code laterRevisionRows}: the scan's {@link PoScan#revisionRowsAfterABlank} of the PO (counted
     * down here, on a copy); {@code unchangedRows}: {@link UnchangedRows#of} the PO.
     */
    LineMatcher(List<Stamped<PoLine>> stored, Map<String, Integer> laterRevisionRows, Map<Integer, Integer> unchangedRows,
                BitSet mayBeSavedFrom) {
        this.lines = List.copyOf(stored);
        this.mayBeSavedFrom = mayBeSavedFrom;
        this.unchangedRows = unchangedRows;
        this.owed = laterRevisionRows.isEmpty() || stored.isEmpty() ? Map.of() : new HashMap<>(laterRevisionRows);
        this.free = owed.isEmpty() ? Map.of() : new HashMap<>();
        this.blankRevisionParts = owed.isEmpty() ? Set.of() : new HashSet<>();
        this.taken = new boolean[lines.size()];
        unchangedRows.values().forEach(index -> taken[index] = true);
        // A matcher lives as long as the file's pass, one per PO: a new PO's keeps no maps.
        this.byKey = lines.isEmpty() ? Map.of() : new HashMap<>();
        this.cursors = lines.isEmpty() ? Map.of() : new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i).item();
            if (line.part() != null) {
                index(revisionKey(line.partNumber(), line.revision()), i);
                index(partKey(line.partNumber()), i);
                if (!owed.isEmpty()) {
                    free.merge(revisionKey(line.partNumber(), line.revision()), 1, Integer::sum);
                }
            } else {
                index(descriptionKey(line.description()), i);
            }
            nextLine = Math.max(nextLine, line.line());
        }
        nextLine++;
    }

    Match match(int row, Part part, boolean revisionGiven, String description) {
        var unchanged = unchangedRows.get(row);
        if (unchanged != null) {
            return new Match(lines.get(unchanged), lines.get(unchanged).item().line());
        }
        if (lines.isEmpty()) {
            return new Match(null, nextLine++);
        }
        if (part == null) {
            return take(descriptionKey(description), false);
        }
        if (revisionGiven) {
            var key = revisionKey(part.partNumber(), part.revision());
            if (!owed.isEmpty() && blankRevisionParts.contains(partKey(part.partNumber()))) {
                owed.computeIfPresent(key, (k, rows) -> rows > 1 ? rows - 1 : null); // this is one of them
            }
            return take(key, false);
        }
        if (!owed.isEmpty()) {
            blankRevisionParts.add(partKey(part.partNumber()));
        }
        return take(partKey(part.partNumber()), !owed.isEmpty());
    }

    /**
     * Whether the row's part number (or description) has lines, each taken by a row of the file
     * that leaves it as it is ({@link UnchangedRows}): a row that finds none then is one row too
     * many for them, say a pasted copy of one beside the row that edits it (review "own55b").
     */
    boolean allTakenByUnchangedRows(Part part, String description) {
        if (unchangedRows.isEmpty()) {
            return false;
        }
        var indexes = byKey.getOrDefault(part == null ? descriptionKey(description) : partKey(part.partNumber()), List.of());
        var unchangedLines = Set.copyOf(unchangedRows.values()); // a refusal's message only: not kept
        return !indexes.isEmpty() && indexes.stream().allMatch(unchangedLines::contains);
    }

    /**
     * Whether row {@code row} matches by its place a stored line of a PO whose lines a saved cell
     * may give back ({@link #givenBackBy}): most rows do not, and their cells are not looked at.
     */
    boolean mayGiveBackAnotherLine(int row) {
        return !mayBeSavedFrom.isEmpty() && !unchangedRows.containsKey(row);
    }

    /**
     * A stored line of {@code written}'s part number (or description) and revision, other than
     * {@code matched}, that may be the source of a saved cell ({@link UnchangedRows#mayBeSavedFrom})
     * and whose {@code column} the row gives back as a save its {@code traces} show wrote it; null
     * where none (a few looked at). A row matched by its place is refused for such a cell too: in a
     * sorted, edited sheet, each row was compared with another line than the one its cell came
     * from, and a day-first save moved both dates unrefused (review "own56b").
     */
    PoLine givenBackBy(Column<PoLine, ?> column, PoLine written, PoLine matched, SavedBack.Traces traces) {
        var value = column.valueOf(written);
        var source = SavedBack.givenBackKey(value, column.cellOf(written));
        if (source == null) {
            return null; // most files
        }
        if (bySavedValue == null) {
            bySavedValue = new HashMap<>();
        }
        var candidates = bySavedValue.computeIfAbsent(column, this::bySavedValue).getOrDefault(keyOf(written) + "\u0000" + source, List.of());
        var revision = written.part() == null ? null : revisionKey(written.partNumber(), written.revision());
        return candidates.stream().limit(SAVED_VALUE_LOOKS).map(i -> lines.get(i).item())
                .filter(line -> line != matched && (revision == null || revision.equals(revisionKey(line.partNumber(), line.revision())))
                        && traces.givesBack(column, column.valueOf(line), value))
                .findFirst().orElse(null);
    }

    /** How many stored lines of one saved value {@link #givenBackBy} looks at. */
    private static final int SAVED_VALUE_LOOKS = 64;

    /** The lines that may be a saved cell's source, by key and the column's value ({@link SavedBack#sourceKey}). */
    private Map<String, List<Integer>> bySavedValue(Column<PoLine, ?> column) {
        var byValue = new HashMap<String, List<Integer>>();
        mayBeSavedFrom.stream().forEach(i -> {
            var line = lines.get(i).item();
            byValue.computeIfAbsent(keyOf(line) + "\u0000" + SavedBack.sourceKey(column.valueOf(line), column.cellOf(line)),
                    k -> new ArrayList<>()).add(i);
        });
        return byValue;
    }

    /** The key a line is matched by: its part number, or without a part its description. */
    static String keyOf(PoLine line) {
        return line.part() == null ? descriptionKey(line.description()) : partKey(line.partNumber());
    }

    /**
     * A free stored line without a part whose description {@code written} gives back with "?" for
     * each character beyond ASCII (a file saved in a legacy encoding, {@link LegacyEncoding}); null
     * where none. Such a row matched no line, and was added as a new one beside it.
     */
    String describedWithLostCharacters(String written) {
        if (written == null || written.indexOf('?') < 0) {
            return null;
        }
        for (int i = 0; i < lines.size(); i++) {
            var line = lines.get(i).item();
            if (!taken[i] && line.part() == null && LegacyEncoding.lostCharacters(line.description(), written)) {
                return line.description();
            }
        }
        return null;
    }

    /** The first free line of {@code key}; {@code leaveOwed}: skipping lines later rows need by their revision. */
    private Match take(String key, boolean leaveOwed) {
        var candidates = byKey.getOrDefault(key, List.of());
        // Lines before the cursor are taken: a PO with many lines of one part is matched in linear time.
        int start = cursors.getOrDefault(key, 0);
        boolean skipped = false;
        for (int c = start; c < candidates.size(); c++) {
            int i = candidates.get(c);
            if (taken[i]) {
                continue;
            }
            var line = lines.get(i).item();
            if (leaveOwed && neededLater(line)) {
                skipped = true; // still free: the cursor stays before it
                continue;
            }
            taken[i] = true;
            if (!skipped) {
                cursors.put(key, c + 1);
            }
            if (!owed.isEmpty() && line.part() != null) {
                free.merge(revisionKey(line.partNumber(), line.revision()), -1, Integer::sum);
            }
            return new Match(lines.get(i), line.line());
        }
        if (!skipped) {
            cursors.put(key, candidates.size());
        }
        return new Match(null, nextLine++);
    }

    /** Whether rows to come need every free line of this line's revision. */
    private boolean neededLater(PoLine line) {
        var key = revisionKey(line.partNumber(), line.revision());
        return owed.getOrDefault(key, 0) >= free.getOrDefault(key, 0);
    }

    private void index(String key, int i) {
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }

    /*
     * Part numbers and revisions as the catalog matches them (NameIndex.key, any case): a stored
     * line keeps the spelling it was added with, and a catalog load may re-spell the part, or add
     * a revision spelled in another case. Matched by spelling, the same file added a second line.
     */
    static String revisionKey(String partNumber, String revision) {
        return "part\u0000" + NameIndex.key(partNumber) + "\u0000" + (revision == null ? "" : NameIndex.key(revision));
    }

    static String partKey(String partNumber) {
        return "number\u0000" + NameIndex.key(partNumber);
    }

    static String descriptionKey(String description) {
        return "description\u0000" + (description == null ? "" : description);
    }
}
