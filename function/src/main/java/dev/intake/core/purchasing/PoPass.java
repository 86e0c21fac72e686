package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.PART_NUMBER;
import static dev.intake.core.purchasing.PoColumns.QUANTITY;
import static dev.intake.core.purchasing.PoColumns.REVISION;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.columns.FileTraits;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.CsvVisitor;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.CellValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** One pass over a Purchase Orders file; every pass resolves the header and counts On Order ids alike. */
abstract class PoPass implements CsvVisitor {
    final Catalog catalog;
    final ImportJob job;
    PoLayout layout;
    PoRowParser parser;
    /** What the scan learnt of how the file was saved; {@link FileTraits#UNKNOWN} in the scan itself, and the commit. */
    private final FileTraits traits;

    PoPass(Catalog catalog, ImportJob job, FileTraits traits) {
        this.catalog = catalog;
        this.job = job;
        this.traits = traits;
    }

    @Override
    public List<ImportError> header(List<String> names) {
        var errors = new ArrayList<ImportError>();
        layout = PoLayout.of(names, catalog, errors);
        parser = new PoRowParser(catalog, layout, traits);
        job.errors().repeatHeader(names);
        return errors;
    }

    @Override
    public void rejected(CsvRow row, ImportError error) {}

    @Override
    public String columnName(int index) {
        var column = layout == null ? null : layout.layout().columnAt(index);
        return column == null ? null : column.name();
    }

    /**
     * Ids the row's line reserves for On Order inventory; the same in every pass. A row with a
     * blank revision may match a line of any revision of its part, so it reserves what the
     * hungriest revision would need.
     */
    int units(CsvRow row) {
        var number = layout.cell(row, PART_NUMBER);
        if (number.isEmpty() || !layout.hasLine(row)) {
            return 0;
        }
        var revision = layout.cell(row, REVISION);
        var quantity = CellValues.decimal(layout.cell(row, QUANTITY)).orElse(BigDecimal.ZERO);
        if (revision.isEmpty()) {
            return catalog.parts().revisions(number).stream().mapToInt(part -> OnOrderInventory.units(part, quantity)).max().orElse(0);
        }
        return OnOrderInventory.units(catalog.parts().find(number, revision).orElse(null), quantity);
    }
}
