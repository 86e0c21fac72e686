package dev.intake.core.columns;

import dev.intake.core.catalog.Part;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.KeyText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One row's cells, read through the importer's columns (SPEC §5): empty-cell defaults, value
 * forms, catalog lookups. Every problem becomes an {@link ImportError} collected here, so a row
 * reports all of its errors at once; a cell that fails reads as absent.
 */
public final class RowCells {

    /** Bytes of UTF-8 a row's cells may take: room for the item's keys and names under DynamoDB's 400 KB. */
    public static final int MAX_ROW_BYTES = 350_000;

    private final CsvRow row;
    private final Layout layout;
    private final Lookups lookups;
    private final List<ImportError> errors = new ArrayList<>();

    public RowCells(CsvRow row, Layout layout, Lookups lookups) {
        this.row = row;
        this.layout = layout;
        this.lookups = lookups;
        for (int index : layout.unnamed()) {
            if (!row.cell(index).isEmpty()) {
                fail(null, row.cell(index), ErrorCode.UNKNOWN_COLUMN, "column " + (index + 1) + " has a value but no header name");
            }
        }
    }

    public int row() {
        return row.row();
    }

    public CsvRow csv() {
        return row;
    }

    public Lookups lookups() {
        return lookups;
    }

    public boolean has(Column<?, ?> column) {
        return layout.has(column);
    }

    /**
     * The catalog's part that the row's {@code partNumber} (not blank) and {@code revision} cells
     * name, the latest revision where the revision is blank; null, with the cell that names nothing
     * failed, when there is none. Both importers resolve parts so.
     */
    public Part part(Column<?, ?> partNumber, Column<?, ?> revision) {
        var number = raw(partNumber);
        var revisionText = raw(revision);
        var parts = lookups.catalog().parts();
        if (!parts.hasPartNumber(number)) {
            // a part number given back with "?" by a legacy save is told so (found by review "own52")
            LostCharacters.failUnknownName(this, partNumber.name(), number, "part",
                    number.indexOf('?') < 0 ? List.of() : lookups.partNumbersGivenBackAs(number), "no part numbered \"" + number + "\" exists");
            return null;
        }
        var part = parts.find(number, revisionText);
        if (part.isEmpty() && CellTypes.spreadsheetError(revisionText)) {
            CellTypes.refuseSpreadsheetError(revision.name(), revisionText, this);
        } else if (part.isEmpty()) {
            fail(revision.name(), revisionText, ErrorCode.UNKNOWN_REFERENCE,
                    "part \"" + number + "\" has no revision \"" + revisionText + "\"");
        }
        return part.orElse(null);
    }

    /** The trimmed cell, or "" when the file does not have the column. */
    public String raw(Column<?, ?> column) {
        int index = layout.indexOf(column);
        return index < 0 ? "" : row.cell(index);
    }

    /** The trimmed cell of the column named {@code name} (a custom attribute's key), or "" when the file does not have it. */
    public String raw(String name) {
        for (var column : layout.columns()) {
            if (column.name().equals(name)) {
                return raw(column);
            }
        }
        return "";
    }

    /**
     * The column's value on this row: absent when the file does not have the column or the cell
     * fails to read; for a blank cell, the type's empty default, except at the PO level, where a
     * blank header cell is not given.
     */
    public <V> Cell<V> cell(Column<?, V> column) {
        if (!has(column)) {
            return Cell.absent();
        }
        var text = raw(column);
        if (text.isEmpty()) {
            return column.level() == Column.Level.PO ? Cell.absent() : Cell.of(column.type().blank());
        }
        var value = column.type().read(column.name(), text, this);
        return value == null ? Cell.absent() : Cell.of(value);
    }

    /**
     * Fails the row, on its longest cell, when its cells take more than {@link #MAX_ROW_BYTES} in
     * UTF-8: a row is stored as a DynamoDB item (an inventory record, a PO's header), which holds
     * at most 400 KB, and DynamoDB would refuse it mid-commit. Only a row of several cells near
     * the cell length limit gets there; shorter rows are passed by their length alone.
     */
    public void checkStoredSize() {
        if (!mayTakeMoreThan(MAX_ROW_BYTES)) {
            return;
        }
        long bytes = 0;
        for (var cell : row.cells()) {
            bytes += cell.getBytes(StandardCharsets.UTF_8).length;
        }
        if (bytes <= MAX_ROW_BYTES) {
            return;
        }
        var name = longestName();
        fail(name, null, ErrorCode.LIMIT_EXCEEDED, "this row's cells take " + bytes + " bytes, and a row may take at most "
                + MAX_ROW_BYTES + " (it is stored as one DynamoDB item, of at most 400 KB); shorten "
                + (name == null ? "its longest cells" : name + " or the row's other long cells"));
    }

    /**
     * Fails the row, on its longest cell of {@code recordColumns} (the columns that go into the
     * record), when the record it creates or updates ({@code record}, named for the message) would
     * hold more than {@link #MAX_ROW_BYTES} of text with this row's values applied
     * ({@code textBytes}): each file's rows pass {@link #checkStoredSize()} on their own, and only
     * their sum on one record, or what a record holds beside its cells (attribute names, an
     * as-built BOM), can pass DynamoDB's 400 KB. Quiet when the row failed on its own size
     * already: call that check first.
     */
    public void checkRecordSize(String record, long textBytes, List<? extends Column<?, ?>> recordColumns) {
        if (textBytes <= MAX_ROW_BYTES || errors.stream().anyMatch(e -> e.code() == ErrorCode.LIMIT_EXCEEDED)) {
            return;
        }
        var longest = longest(recordColumns); // only for a row that fails: every update row comes through here
        var name = longest == null ? null : longest.name();
        fail(name, null, ErrorCode.LIMIT_EXCEEDED, "with this row's values " + record + " would hold " + textBytes
                + " bytes of text (its values, attribute names and any as-built BOM), and a record may hold at most "
                + MAX_ROW_BYTES + " (it is stored as one DynamoDB"
                + " item, of at most 400 KB); shorten " + (name == null ? "its longest values" : name
                + " or the record's other long values"));
    }

    /** {@link #checkRecordSize(String, long, List)} where every column of the row goes into the record. */
    public void checkRecordSize(String record, long textBytes) {
        checkRecordSize(record, textBytes, layout.columns());
    }

    /**
     * Fails the row on {@code column} when its value is part of a DynamoDB key ({@code what}, for
     * the message) and too long for one ({@link KeyText}).
     */
    public void checkKeyLength(Column<?, ?> column, String what) {
        if (!has(column) || KeyText.fits(raw(column))) {
            return;
        }
        var text = raw(column);
        fail(column.name(), text, ErrorCode.LIMIT_EXCEEDED, keyTooLong(column.name(), what, text));
    }

    /** The message for a value too long for a DynamoDB key. */
    public static String keyTooLong(String column, String what, String text) {
        return column + " takes " + KeyText.bytes(text) + " bytes of UTF-8, and a " + what + " is part of a DynamoDB key:"
                + " it may take at most " + KeyText.MAX_BYTES;
    }

    private String longestName() {
        var longest = longest(layout.columns());
        return longest == null ? null : longest.name();
    }

    /**
     * Whether the whole row could take more than {@code bytes} in UTF-8 (at most 3 bytes a char):
     * the cheap test that lets the size checks skip every ordinary row by its length alone.
     */
    public boolean mayTakeMoreThan(int bytes) {
        long chars = 0;
        for (var cell : row.cells()) {
            chars += cell.length();
        }
        return chars * 3 > bytes;
    }

    /** Of {@code columns}, the one with the longest cell on this row (the first of equals), or null for none. */
    public <C extends Column<?, ?>> C longest(List<C> columns) {
        C longest = null;
        for (var column : columns) {
            if (longest == null || raw(column).length() > raw(longest).length()) {
                longest = column;
            }
        }
        return longest;
    }

    public void fail(String column, String value, ErrorCode code, String message) {
        errors.add(ImportError.cell(row.row(), column, value, code, message));
    }

    /** An error another reading of this row found, as it is (its message names its look-alikes already). */
    public void fail(ImportError found) {
        errors.add(found);
    }

    /** Whether a problem was reported on {@code column} (later checks of the same cell keep quiet). */
    public boolean failed(String column) {
        return errors.stream().anyMatch(e -> column.equals(e.column()));
    }

    /** Whether {@code column} failed with {@code code}. */
    public boolean failed(String column, ErrorCode code) {
        return errors.stream().anyMatch(e -> column.equals(e.column()) && e.code() == code);
    }

    public List<ImportError> errors() {
        return List.copyOf(errors);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
