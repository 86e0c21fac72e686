package dev.intake.core.columns;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.Header;
import dev.intake.core.catalog.AttributeDef;
import dev.intake.core.catalog.AttributeType;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.CellValues;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed access to one row's cells by column name, applying SPEC §5: empty-cell defaults, value
 * forms, name lookups. Every problem becomes an {@link ImportError} collected here, so a row
 * reports all of its errors at once; a failed cell reads as absent.
 */
public final class RowCells {

    private final CsvRow row;
    private final Header header;
    private final List<ImportError> errors = new ArrayList<>();

    public RowCells(CsvRow row, Header header) {
        this.row = row;
        this.header = header;
        for (int index : header.unnamed()) {
            if (!row.cell(index).isEmpty()) {
                fail(null, row.cell(index), ErrorCode.UNKNOWN_COLUMN,
                        "column " + (index + 1) + " has a value but no header name");
            }
        }
    }

    public int row() {
        return row.row();
    }

    public CsvRow csv() {
        return row;
    }

    public boolean has(String column) {
        return header.has(column);
    }

    /** The trimmed cell, or "" when the column is absent or blank. */
    public String raw(String column) {
        int index = header.indexOf(column);
        return index < 0 ? "" : row.cell(index);
    }

    /** Free text; blank is null (unset). */
    public Cell<String> text(String column) {
        return has(column) ? Cell.of(blankToNull(raw(column))) : Cell.absent();
    }

    /** A non-negative plain decimal; blank is 0. */
    public Cell<BigDecimal> quantity(String column) {
        if (!has(column)) {
            return Cell.absent();
        }
        var text = raw(column);
        if (text.isEmpty()) {
            return Cell.of(BigDecimal.ZERO);
        }
        var number = CellValues.decimal(text);
        if (number.isEmpty()) {
            fail(column, text, ErrorCode.INVALID_NUMBER, column + " must be a plain number such as 12 or 12.5, got \"" + text + "\"");
            return Cell.absent();
        }
        if (number.get().signum() < 0) {
            fail(column, text, ErrorCode.NEGATIVE_NUMBER, column + " must be zero or more, got " + text);
            return Cell.absent();
        }
        return Cell.of(number.get());
    }

    /** A boolean; blank is false. */
    public Cell<Boolean> flag(String column) {
        if (!has(column)) {
            return Cell.absent();
        }
        var text = raw(column);
        if (text.isEmpty()) {
            return Cell.of(false);
        }
        var value = CellValues.bool(text);
        if (value.isEmpty()) {
            fail(column, text, ErrorCode.INVALID_BOOLEAN, column + " must be true/false, yes/no, y/n, t/f or 1/0, got \"" + text + "\"");
            return Cell.absent();
        }
        return Cell.of(value.get());
    }

    /** A name of an existing catalog record, in its stored spelling; blank is unset (null). */
    public Cell<String> reference(String column, NameIndex names, String what) {
        if (!has(column)) {
            return Cell.absent();
        }
        var text = raw(column);
        if (text.isEmpty()) {
            return Cell.of(null);
        }
        Optional<String> found = names.find(text);
        if (found.isEmpty()) {
            fail(column, text, ErrorCode.UNKNOWN_REFERENCE, "no " + what + " named \"" + text + "\" exists");
            return Cell.absent();
        }
        return Cell.of(found.get());
    }

    /** A date in one of the accepted forms; blank is unset (null). */
    public Cell<LocalDate> date(String column) {
        if (!has(column)) {
            return Cell.absent();
        }
        var text = raw(column);
        if (text.isEmpty()) {
            return Cell.of(null);
        }
        var date = CellValues.date(text);
        if (date.isEmpty()) {
            fail(column, text, ErrorCode.INVALID_DATE, column + " must be a date such as 2026-01-31, 1/31/2026 or 31-Jan-2026, got \"" + text + "\"");
            return Cell.absent();
        }
        return Cell.of(date.get());
    }

    /** A lookup id column: blank means "not provided" (null), never 0. */
    public Long lookupId(String column) {
        var text = raw(column);
        if (text.isEmpty()) {
            return null;
        }
        var id = CellValues.positiveId(text);
        if (id.isEmpty()) {
            fail(column, text, ErrorCode.INVALID_ID, column + " must be a positive whole number, got \"" + text + "\"");
        }
        return id.orElse(null);
    }

    /**
     * The row's custom attribute cells, each checked against its configured type: blank cells apply
     * the empty default, and a blank date reads as null (unset). Cells that fail are left out.
     */
    public Map<String, Cell<CustomValue>> attributes(Map<String, AttributeDef> columns) {
        var values = new LinkedHashMap<String, Cell<CustomValue>>();
        columns.forEach((column, def) -> {
            var cell = custom(column, header.others().get(column), def.type());
            if (cell.present()) {
                values.put(column, cell);
            }
        });
        return values;
    }

    private Cell<CustomValue> custom(String column, int index, AttributeType type) {
        var text = row.cell(index);
        if (text.isEmpty()) {
            return Cell.of(emptyDefault(type));
        }
        CustomValue value = switch (type) {
            case TEXT -> new CustomValue.Text(text);
            case NUMBER -> CellValues.decimal(text).map(CustomValue.Number::new).orElse(null);
            case BOOLEAN -> CellValues.bool(text).map(CustomValue.Flag::new).orElse(null);
            case DATE -> CellValues.date(text).map(CustomValue.Day::new).orElse(null);
        };
        if (value == null) {
            var code = switch (type) {
                case NUMBER -> ErrorCode.INVALID_NUMBER;
                case BOOLEAN -> ErrorCode.INVALID_BOOLEAN;
                default -> ErrorCode.INVALID_DATE;
            };
            fail(column, text, code, column + " is a " + type.name().toLowerCase() + " attribute, got \"" + text + "\"");
            return Cell.absent();
        }
        return Cell.of(value);
    }

    public void fail(String column, String value, ErrorCode code, String message) {
        errors.add(ImportError.row(row.row(), column, value, code, message));
    }

    public List<ImportError> errors() {
        return List.copyOf(errors);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Empty-cell defaults for attributes (SPEC §5): 0, false, "", and unset for dates. */
    private static CustomValue emptyDefault(AttributeType type) {
        return switch (type) {
            case TEXT -> new CustomValue.Text("");
            case NUMBER -> new CustomValue.Number(BigDecimal.ZERO);
            case BOOLEAN -> new CustomValue.Flag(false);
            case DATE -> null;
        };
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
