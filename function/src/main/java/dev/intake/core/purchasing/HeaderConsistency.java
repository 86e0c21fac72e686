package dev.intake.core.purchasing;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks that every header column in the file is filled and identical on all rows of a PO,
 * without holding the file. Pass 1 keeps one 128-bit fingerprint of the header values per PO;
 * pass 2 collects details only for the POs whose rows disagreed. Memory is a few dozen bytes per
 * PO, whatever the number of rows or the size of the header values (docs/purchase-orders.md).
 */
final class HeaderConsistency {

    private final List<String> columns;
    /**
     * Where original_po_number is among the columns (-1 if not). Blank is a value of its own there
     * (blank means "no rename"), never an error.
     */
    private final int originalPoNumber;
    private final Map<String, Fingerprint> fingerprints = new LinkedHashMap<>();
    private final Set<String> conflicted = new HashSet<>();
    private final Map<String, Map<String, Map<String, TreeSet<Integer>>>> valuesOfConflicted = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Integer>>> blanks = new LinkedHashMap<>();

    HeaderConsistency(List<String> columns) {
        this.columns = List.copyOf(columns);
        this.originalPoNumber = columns.indexOf(PoColumns.ORIGINAL_PO_NUMBER);
    }

    /** Pass 1: remembers the PO's fingerprint, or notes that this row disagrees with it. */
    void fingerprint(String po, List<String> cells) {
        var print = Fingerprint.of(comparable(cells));
        var first = fingerprints.putIfAbsent(po, print);
        if (first != null && !first.equals(print)) {
            conflicted.add(po);
        }
    }

    /**
     * Pass 2: checks one row and returns its own header problems, for the errors CSV; the report
     * gets the per-PO summary of {@link #summary()} instead, one error per PO and column.
     */
    List<ImportError> check(String po, int row, List<String> cells) {
        var problems = new ArrayList<ImportError>();
        for (int i = 0; i < columns.size(); i++) {
            var value = cells.get(i);
            if (value == null) {
                continue;
            }
            var column = columns.get(i);
            if (value.isEmpty() && i != originalPoNumber) {
                blanks.computeIfAbsent(po, p -> new LinkedHashMap<>()).computeIfAbsent(column, c -> new ArrayList<>()).add(row);
                problems.add(ImportError.row(row, column, null, ErrorCode.HEADER_BLANK,
                        "PO \"" + po + "\": " + column + " is blank; a header column in the file must be filled on every row of its PO"));
            } else if (conflicted.contains(po)) {
                var values = valuesOfConflicted.computeIfAbsent(po, p -> new LinkedHashMap<>())
                        .computeIfAbsent(column, c -> new LinkedHashMap<>());
                values.computeIfAbsent(value, v -> new TreeSet<>()).add(row);
                var first = values.entrySet().iterator().next();
                if (!first.getKey().equals(value)) {
                    problems.add(ImportError.row(row, column, value, ErrorCode.HEADER_CONFLICT, "PO \"" + po + "\": "
                            + column + " differs from row " + first.getValue().first() + " of the same PO"));
                }
            }
        }
        return problems;
    }

    /** After pass 2: one error per blank column and per conflicting column of a PO, naming its rows. */
    List<ImportError> summary() {
        var errors = new ArrayList<ImportError>();
        blanks.forEach((po, byColumn) -> byColumn.forEach((column, rows) -> errors.add(ImportError.rows(rows, column,
                ErrorCode.HEADER_BLANK, "PO \"" + po + "\": " + column + " is blank on " + rowList(rows)
                        + "; a header column in the file must be filled on every row of its PO"))));
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

    private List<String> comparable(List<String> cells) {
        var values = new ArrayList<String>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            var value = cells.get(i);
            values.add(value == null || (value.isEmpty() && i != originalPoNumber) ? null : value);
        }
        return values;
    }

    private static String rowList(java.util.Collection<Integer> rows) {
        return (rows.size() == 1 ? "row " : "rows ") + rows.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    /** The first 128 bits of SHA-256 over the values; blank (null) cells count as absent. */
    private record Fingerprint(long high, long low) {
        static Fingerprint of(List<String> values) {
            try {
                var digest = MessageDigest.getInstance("SHA-256");
                for (var value : values) {
                    // length-prefixed, so ("ab", "c") and ("a", "bc") differ
                    var bytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
                    digest.update(ByteBuffer.allocate(4).putInt(value == null ? -1 : bytes.length).array());
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
