package dev.intake.core.inventory;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.columns.DecimalCommas;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.CsvVisitor;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.report.ImportError;
import java.util.ArrayList;
import java.util.List;

/** One pass over a Part Inventory file; every pass matches the header the same way. */
abstract class InventoryPass implements CsvVisitor {
    final Catalog catalog;
    final ImportJob job;
    InventoryRowParser parser;
    /** The file's first number with a decimal comma, as the scan found it; null where none, and in the scan. */
    private final DecimalCommas.Sighting decimalComma;

    InventoryPass(Catalog catalog, ImportJob job, DecimalCommas.Sighting decimalComma) {
        this.catalog = catalog;
        this.job = job;
        this.decimalComma = decimalComma;
    }

    @Override
    public List<ImportError> header(List<String> names) {
        var errors = new ArrayList<ImportError>();
        parser = InventoryRowParser.forHeader(names, catalog, decimalComma, errors);
        job.errors().repeatHeader(names);
        return errors;
    }

    @Override
    public void rejected(CsvRow row, ImportError error) {}

    @Override
    public String columnName(int index) {
        return parser == null ? null : parser.columnName(index);
    }
}
