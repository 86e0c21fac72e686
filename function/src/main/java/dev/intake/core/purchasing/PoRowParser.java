package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.DESCRIPTION;
import static dev.intake.core.purchasing.PoColumns.PART_NUMBER;
import static dev.intake.core.purchasing.PoColumns.REVISION;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.Part;
import dev.intake.core.columns.FileTraits;
import dev.intake.core.columns.Lookups;
import dev.intake.core.columns.RowCells;
import dev.intake.core.columns.RowValues;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.List;

/**
 * Reads the header and line cells of a Purchase Orders row through the column model
 * ({@link PoColumns}): value forms, empty-cell defaults, catalog lookups. Labels not in the catalog
 * are collected as labels to create (ION creates labels inline), in the spelling first seen.
 */
final class PoRowParser {

    /**
     * The line cells of a row: its resolved {@code part} (null without a part number, or when it is
     * unknown), whether the row names a {@code revision} (blank matches any revision of the part
     * number), and what it gives the line's fields.
     */
    record LineValues(Part part, boolean revisionGiven, RowValues<PoLine> values) {
        String description() {
            return values.get(DESCRIPTION).or(null);
        }
    }

    /** How many of a row's line cells a refusal names (review "own54c": it named three and said "clear them" of four). */
    private static final int LINE_CELLS_NAMED = 3;

    private final PoLayout layout;
    private final Lookups lookups;

    /** {@code traits}: what the scan learnt of how the file was saved ({@link FileTraits#UNKNOWN} in the scan). */
    PoRowParser(Catalog catalog, PoLayout layout, FileTraits traits) {
        this.layout = layout;
        this.lookups = new Lookups(catalog, traits);
    }

    RowCells cells(CsvRow row) {
        return new RowCells(row, layout.layout(), lookups);
    }

    /** What the row gives the PO's fields; a blank header cell gives nothing (not given for this PO). */
    RowValues<PurchaseOrder> header(RowCells cells) {
        return RowValues.read(cells, layout.headerFields());
    }

    LineValues line(RowCells cells) {
        return new LineValues(part(cells), !cells.raw(REVISION).isEmpty(), RowValues.read(cells, layout.lineFields()));
    }

    /** Labels this import creates, in the spelling first seen. */
    List<String> newLabels() {
        return lookups.newLabels();
    }

    /**
     * The row's part; a line needs a part number or a description. A revision names a part's
     * revision: without a part number it was dropped, and the row made a line without a part.
     */
    private Part part(RowCells cells) {
        var number = cells.raw(PART_NUMBER);
        if (number.isEmpty()) {
            if (!cells.raw(REVISION).isEmpty()) {
                cells.fail(PART_NUMBER.name(), null, ErrorCode.REQUIRED,
                        "revision " + ImportError.quotedWithLookAlikes(cells.raw(REVISION))
                                + " names no part: give the line's part_number, or no revision");
            } else if (cells.raw(DESCRIPTION).isEmpty()) {
                // the cells that made it a line: a column filled down (percentage_fee_exempt "no") on a
                // row meant for the PO alone went unnamed among twenty (review "fees", 7 December 2026)
                var filled = layout.lineCells(cells.csv());
                var named = filled.stream().limit(LINE_CELLS_NAMED)
                        .map(cell -> cell.getKey() + " " + ImportError.inQuotes(cell.getValue())).toList();
                var more = filled.size() > LINE_CELLS_NAMED ? " and " + (filled.size() - LINE_CELLS_NAMED) + " more" : "";
                cells.fail(PART_NUMBER.name(), null, ErrorCode.REQUIRED, "a line needs a part_number or a description;"
                        + " this row has line cells (" + String.join(", ", named) + more + ") but neither: clear them for a"
                        + " row of the PO alone");
            }
            return null;
        }
        return cells.part(PART_NUMBER, REVISION);
    }
}
