package dev.intake.core.columns;

import dev.intake.core.csv.Header;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A file's header resolved against an importer's column model: which of its columns the file has,
 * and where. Standard columns match by name in any case ({@link Header}); custom attribute columns
 * are the importer's, built for the header's other names.
 */
public final class Layout {

    private final Header header;
    private final int[] unnamed;
    private final Map<Column<?, ?>, Integer> indexes = new IdentityHashMap<>();
    private final List<Column<?, ?>> columns = new ArrayList<>();
    private final Map<Column.Level, List<Column<?, ?>>> byLevel = new EnumMap<>(Column.Level.class);

    private Layout(Header header) {
        this.header = header;
        this.unnamed = header.unnamed().stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code standard} columns found in the header by name; {@code custom} ones at their exact header name, in either Unicode form. */
    public static Layout of(Header header, List<? extends Column<?, ?>> standard, List<? extends Column<?, ?>> custom) {
        var layout = new Layout(header);
        for (var column : standard) {
            if (header.has(column.name())) {
                layout.add(column, header.indexOf(column.name()));
            }
        }
        for (var column : custom) {
            layout.add(column, header.otherIndex(column.name()));
        }
        return layout;
    }

    private void add(Column<?, ?> column, int index) {
        indexes.put(column, index);
        columns.add(column);
        byLevel.computeIfAbsent(column.level(), level -> new ArrayList<>()).add(column);
    }

    public Header header() {
        return header;
    }

    public boolean has(Column<?, ?> column) {
        return indexes.containsKey(column);
    }

    /** Indexes of the header's blank cells ({@link Header#unnamed()}), found once a file: every row checks them. */
    int[] unnamed() {
        return unnamed;
    }

    /** The column at {@code index} of the header, or null (a blank name, one the model does not know). */
    public Column<?, ?> columnAt(int index) {
        return indexes.entrySet().stream().filter(entry -> entry.getValue() == index).map(Map.Entry::getKey)
                .findFirst().orElse(null);
    }

    /** Index of a column the file has, or -1. */
    public int indexOf(Column<?, ?> column) {
        return indexes.getOrDefault(column, -1);
    }

    /** The columns the file has: standard ones in the model's order, then custom ones in the file's. */
    public List<Column<?, ?>> columns() {
        return Collections.unmodifiableList(columns);
    }

    /** The columns the file has of one level, in {@link #columns()} order. */
    public List<Column<?, ?>> columns(Column.Level level) {
        // kept by level as they are added: the importers ask for every row
        return Collections.unmodifiableList(byLevel.getOrDefault(level, List.of()));
    }
}
