package dev.intake.core.columns;

import java.util.Objects;

/**
 * The value form of one kind of cell (SPEC §5): how a filled cell reads, what a blank cell means,
 * and how a value is written back so that it reads as the same value (exports, dry-run changes).
 * Reading a cell never throws: a problem goes to the row's {@link RowCells}.
 */
public interface CellType<V> {

    /** Reads a trimmed, non-blank cell of {@code column}; on a problem, reports it to {@code cells} and returns null. */
    V read(String column, String text, RowCells cells);

    /** What a blank cell means: 0, false, empty, or null for unset. */
    V blank();

    /** The cell that reads back as {@code value}; blank for unset. */
    String write(V value);

    /** Whether the cell holds a number ({@link FileTraits} looks at such cells for decimal commas). */
    default boolean numeric() {
        return false;
    }

    /** Whether the cell holds a date ({@link FileTraits} looks at such cells for dates written day first). */
    default boolean date() {
        return false;
    }

    /** Whether two values mean the same: {@code 4} is {@code 4.0}. */
    default boolean same(V a, V b) {
        return Objects.equals(a, b);
    }
}
