package dev.intake.core.columns;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cells one row gives a record's columns: present columns only (an absent column, or a cell
 * that failed to read, leaves the record's field as it is).
 */
public final class RowValues<R> {

    private final Map<Column<R, ?>, Cell<?>> cells;

    private RowValues(Map<Column<R, ?>, Cell<?>> cells) {
        this.cells = Collections.unmodifiableMap(cells);
    }

    /** Reads {@code columns} off a row: each one the file has, whose cell is present and valid. */
    public static <R> RowValues<R> read(RowCells row, Iterable<? extends Column<R, ?>> columns) {
        var cells = new LinkedHashMap<Column<R, ?>, Cell<?>>();
        for (var column : columns) {
            var cell = row.cell(column);
            if (cell.present()) {
                cells.put(column, cell);
            }
        }
        return new RowValues<>(cells);
    }

    @SuppressWarnings("unchecked")
    public <V> Cell<V> get(Column<R, V> column) {
        return (Cell<V>) cells.getOrDefault(column, Cell.absent());
    }

    /** The row's value of {@code column} as a cell writes it (blank where the row gives none). */
    public String written(Column<R, ?> column) {
        return writtenAs(column, cells.getOrDefault(column, Cell.absent()));
    }

    @SuppressWarnings("unchecked")
    private static <R, V> String writtenAs(Column<R, V> column, Cell<?> cell) {
        return cell.present() ? column.type().write((V) cell.value()) : "";
    }

    /** The columns the row gives a value. */
    public Set<Column<R, ?>> columns() {
        return cells.keySet();
    }

    /** The record with every field this row gives set; fields it does not give stay as they are. */
    public R applyTo(R record) {
        var result = record;
        for (var entry : cells.entrySet()) {
            if (entry.getKey().isField()) {
                result = apply(result, entry.getKey(), entry.getValue());
            }
        }
        return result;
    }

    /**
     * The frozen columns this row changes between two states of a record (what a settled record
     * refuses): compared by meaning, so a value equal to the stored one is no change.
     */
    public List<Column<R, ?>> frozenChanges(R before, R after) {
        return cells.keySet().stream().filter(column -> column.frozen() && column.differs(before, after)).toList();
    }

    @SuppressWarnings("unchecked")
    private static <R, V> R apply(R record, Column<R, V> column, Cell<?> cell) {
        return column.apply(record, (V) cell.value());
    }
}
