package dev.intake.core.columns;

import dev.intake.core.csv.CsvRow;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.ArrayList;
import java.util.List;

/**
 * One row's cells, read through the importer's columns (SPEC §5): empty-cell defaults, value
 * forms, catalog lookups. Every problem becomes an {@link ImportError} collected here, so a row
 * reports all of its errors at once; a cell that fails reads as absent.
 */
public final class RowCells {

    private final CsvRow row;
    private final Layout layout;
    private final Lookups lookups;
    private final List<ImportError> errors = new ArrayList<>();

    public RowCells(CsvRow row, Layout layout, Lookups lookups) {
        this.row = row;
        this.layout = layout;
        this.lookups = lookups;
        for (int index : layout.header().unnamed()) {
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

    /** The trimmed cell, or "" when the file does not have the column. */
    public String raw(Column<?, ?> column) {
        int index = layout.indexOf(column);
        return index < 0 ? "" : row.cell(index);
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

    public void fail(String column, String value, ErrorCode code, String message) {
        errors.add(ImportError.row(row.row(), column, value, code, message));
    }

    /** Whether a problem was reported on {@code column} (later checks of the same cell keep quiet). */
    public boolean failed(String column) {
        return errors.stream().anyMatch(e -> column.equals(e.column()));
    }

    public List<ImportError> errors() {
        return List.copyOf(errors);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }
}
