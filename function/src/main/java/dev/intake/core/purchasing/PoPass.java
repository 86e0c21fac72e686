package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.*;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.CsvVisitor;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.report.ImportError;
import dev.intake.core.values.CellValues;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** One pass over a Purchase Orders file; every pass matches the header and counts On Order ids alike. */
abstract class PoPass implements CsvVisitor {
    final Catalog catalog;
    final ImportJob job;
    PoLayout layout;
    PoRowParser parser;

    PoPass(Catalog catalog, ImportJob job) {
        this.catalog = catalog;
        this.job = job;
    }

    @Override
    public List<ImportError> header(List<String> names) {
        var errors = new ArrayList<ImportError>();
        layout = PoLayout.of(names, catalog, errors);
        parser = new PoRowParser(catalog, layout);
        job.errors().header(names);
        return errors;
    }

    @Override
    public void rejected(CsvRow row, ImportError error) {}

    /** Ids the row's line reserves for On Order inventory; the same in every pass. */
    int units(CsvRow row) {
        if (!layout.hasLine(row) || !layout.header().has(PART_NUMBER)) {
            return 0;
        }
        var number = row.cell(layout.header().indexOf(PART_NUMBER));
        var revision = layout.header().has(REVISION) ? row.cell(layout.header().indexOf(REVISION)) : "";
        var quantity = layout.header().has(QUANTITY) ? row.cell(layout.header().indexOf(QUANTITY)) : "";
        var part = number.isEmpty() ? null : catalog.parts().find(number, revision).orElse(null);
        return OnOrderInventory.units(part, CellValues.decimal(quantity).orElse(BigDecimal.ZERO));
    }
}
