package dev.intake.core.columns;

import dev.intake.core.report.ImportError;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One column of an importer's file, declared once: its name, its level, its cell type (value
 * form, empty-cell default, lookup, written form), the field of the record it reads and sets, and
 * whether a settled record still lets it change. An importer's columns live in one model class
 * (InventoryColumns, PoColumns); parsing, building records, the editability checks, exports and
 * dry-run changes all read them from there.
 *
 * @param <R> the record the column belongs to
 * @param <V> its value
 * @param get the record's value (null: the column is no field, e.g. a flag such as {@code autogenerate_serial})
 * @param set the record with another value (null: the file cannot set it, e.g. {@code id})
 * @param frozen the column may not change on a settled record: a PO that is no longer DRAFT and
 *     its lines ({@code PO_NOT_EDITABLE}), On Order inventory, which its PO line owns ({@code ON_ORDER_MANAGED})
 */
public record Column<R, V>(String name, Level level, CellType<V> type, Function<R, V> get, BiFunction<R, V, R> set,
                           boolean frozen) {

    /** Where a column's value belongs, which also decides what its blank cell means. */
    public enum Level {
        /** A Part Inventory item: one per row. A blank cell means the type's empty default. */
        ITEM,
        /**
         * A purchase order's header, repeated on every row of the PO: the rows must agree, and a
         * column blank on every row of a PO is not given for that PO (the PO keeps its value).
         */
        PO,
        /** A purchase order line: one per row. A blank cell means the type's empty default. */
        LINE
    }

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(type, "type");
    }

    /**
     * Hashed by name and level alone (equality stays the record's): columns key the map of every
     * row's cells ({@link RowValues}), and the record's own hash would walk the type and both
     * functions for each cell of each row.
     */
    @Override
    public int hashCode() {
        return 31 * name.hashCode() + level.hashCode();
    }

    /** A column that is no field of the record (yet): see {@link #field} and {@link #shown}. */
    public static <R, V> Column<R, V> of(String name, Level level, CellType<V> type) {
        return new Column<>(name, level, type, null, null, false);
    }

    /** This column as a field a row sets: {@code get} reads it, {@code set} returns the record with another value. */
    public Column<R, V> field(Function<R, V> getter, BiFunction<R, V, R> setter) {
        return new Column<>(name, level, type, getter, setter, frozen);
    }

    /** This column as a value an export shows but a row never sets (an update ignores it). */
    public Column<R, V> shown(Function<R, V> getter) {
        return new Column<>(name, level, type, getter, null, frozen);
    }

    /** This column, refused on a settled record (see the {@code frozen} parameter). */
    public Column<R, V> frozenWhenSettled() {
        return new Column<>(name, level, type, get, set, true);
    }

    /** Whether a row sets this field of the record. */
    public boolean isField() {
        return set != null;
    }

    public V valueOf(R record) {
        return get == null ? null : get.apply(record);
    }

    /** The record with {@code value}, or the record itself when it already reads as that value. */
    public R apply(R record, V value) {
        return type.same(valueOf(record), value) ? record : set.apply(record, value);
    }

    /** Whether the column's value differs between two states of a record (by meaning: 4 is 4.0). */
    public boolean differs(R before, R after) {
        return get != null && !type.same(valueOf(before), valueOf(after));
    }

    /** The record's value as a cell that reads back as that value (blank for unset, and for no field). */
    public String cellOf(R record) {
        return get == null ? "" : type.write(valueOf(record));
    }

    /** The record's value as a cell, or null when it is unset (how a dry run's changes show it). */
    public String cellOrNull(R record) {
        var value = valueOf(record);
        return value == null ? null : type.write(value);
    }

    /** The record's value as a message quotes it, shortened as a cell is: {@code "Acme Metals"}, or {@code blank}. */
    public String quotedIn(R record) {
        var cell = cellOrNull(record);
        return cell == null || cell.isEmpty() ? "blank" : "\"" + ImportError.shortened(cell) + "\"";
    }
}
