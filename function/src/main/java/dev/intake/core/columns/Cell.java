package dev.intake.core.columns;

/**
 * A column's value on one row, or its absence: an absent optional column leaves a field
 * untouched on update, while a present blank cell applies the empty-cell default (SPEC §4–5).
 */
public record Cell<T>(boolean present, T value) {

    private static final Cell<?> ABSENT = new Cell<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> Cell<T> absent() {
        return (Cell<T>) ABSENT;
    }

    public static <T> Cell<T> of(T value) {
        return new Cell<>(true, value);
    }

    /** The row's value when the column is present, else {@code current}. */
    public T or(T current) {
        return present ? value : current;
    }
}
