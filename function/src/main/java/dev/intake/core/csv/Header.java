package dev.intake.core.csv;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.KeyText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A file's header matched against an importer's standard columns (case-insensitive, trimmed).
 * Columns that are not standard are kept, with their exact spelling, for the importer to resolve
 * as custom attributes. Blank header cells name no column: a value under one fails its row
 * ({@code UNKNOWN_COLUMN}, RowCells).
 */
public record Header(List<String> names, Map<String, Integer> standard, Map<String, Integer> others) {

    public Header {
        names = List.copyOf(names);
        standard = Map.copyOf(standard);
        others = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(others));
    }

    /** Matches {@code names}; duplicate columns are reported in {@code errors}. */
    public static Header match(List<String> names, Set<String> standardColumns, List<ImportError> errors) {
        var standard = new HashMap<String, Integer>();
        var others = new LinkedHashMap<String, Integer>();
        var seen = new HashMap<String, Integer>();
        for (int i = 0; i < names.size(); i++) {
            var name = names.get(i);
            if (name.isEmpty()) {
                continue;
            }
            var lower = name.toLowerCase(Locale.ROOT);
            var isStandard = standardColumns.contains(lower);
            var identity = isStandard ? lower : KeyText.composed(name); // an attribute's key, in either Unicode form
            var first = seen.putIfAbsent(identity, i);
            if (first != null) {
                errors.add(ImportError.file(ErrorCode.DUPLICATE_COLUMN, ImportError.asWritten(name), "column \""
                        + ImportError.asWritten(name) + "\" appears twice (columns " + (first + 1) + " and " + (i + 1) + ")"));
            } else if (isStandard) {
                standard.put(lower, i);
            } else {
                others.put(name, i);
            }
        }
        return new Header(names, standard, others);
    }

    /**
     * The error for a column that is neither standard nor a custom attribute ({@code isNeither}
     * says of what). The two columns the errors CSV adds get their own: a user who fixed the
     * errors CSV and uploaded it was told to look at the catalog's attributes (found by review on
     * 5 December 2026), and the errors CSV is not the file to upload.
     */
    public static ImportError unknownColumn(String column, Set<String> standardColumns, String isNeither) {
        return unknownColumn(column, standardColumns, isNeither, null);
    }

    /** As above, the message ending with {@code hint} where there is one (the importer's: a file in the wrong folder). */
    public static ImportError unknownColumn(String column, Set<String> standardColumns, String isNeither, String hint) {
        var written = ImportError.asWritten(column);
        if (FailedRowsCsv.ADDED_COLUMNS.contains(column)) {
            return ImportError.file(ErrorCode.UNKNOWN_COLUMN, written, "column \"" + written + "\" is one of the two the"
                    + " errors CSV adds (row, errors): the errors CSV holds only the failing rows, and a FAILED import wrote"
                    + " none of its file; correct the original file and upload it whole (docs/errors.md)");
        }
        var meant = meant(column, standardColumns);
        return ImportError.header(ErrorCode.UNKNOWN_COLUMN, column, "column \"" + written + "\" is neither " + isNeither
                + " (attribute keys match exactly, including case)" + (meant == null ? "" : "; did you mean " + meant + "?")
                + (hint == null ? "" : "; " + hint));
    }

    /**
     * The standard column a header cell written as people type headers stands for ("Part Number",
     * "Serial #", "Qty"), or null: each was only "neither a column nor an attribute", with nothing
     * saying which column was meant or that names are written with underscores (found by review
     * on 6 December 2026). Only a suggestion: the column is still unknown.
     */
    static String meant(String column, Set<String> standardColumns) {
        var words = standardForm(column).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
        if (words.equals("qty")) {
            words = "quantity";
        }
        for (var candidate : List.of(words, words + "_number", words.replaceAll("_?(no|num|nr)$", "_number"))) {
            if (!candidate.equals(column) && standardColumns.contains(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A header cell as {@link #meant} reads it: in lower case, with the Turkish I's (dotted capital,
     * dotless small) as plain i, since standard names are ASCII. "QUANTİTY" is what Excel's UPPER()
     * and Caps Lock write on a Turkish keyboard, and was an unknown column with no suggestion
     *. Only a suggestion: matched as the standard
     * column, it took the place of an org's attribute keyed "QUANTİTY", which every Intake before
     * had filled, and a file's numbers went into the stock quantity (review "upgrade").
     */
    private static String standardForm(String name) {
        return name.replace('\u0130', 'i').replace('\u0131', 'i').toLowerCase(Locale.ROOT);
    }

    /** The index of the other (not standard) header cell that is {@code name}, exactly, in either Unicode form. */
    public int otherIndex(String name) {
        var exact = others.get(name);
        if (exact != null) {
            return exact;
        }
        var wanted = KeyText.composed(name);
        return others.entrySet().stream().filter(other -> KeyText.composed(other.getKey()).equals(wanted))
                .mapToInt(Map.Entry::getValue).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no header cell \"" + name + "\""));
    }

    public boolean has(String column) {
        return standard.containsKey(column);
    }

    /** Index of a standard column, or -1 when the file does not have it. */
    public int indexOf(String column) {
        return standard.getOrDefault(column, -1);
    }

    /** Indexes of header cells that are blank: values under them belong to no column. */
    public List<Integer> unnamed() {
        var blank = new ArrayList<Integer>();
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).isEmpty()) {
                blank.add(i);
            }
        }
        return blank;
    }
}
