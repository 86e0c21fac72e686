package dev.intake.core.inventory;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.columns.FileTraits;
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
    /** What the scan learnt of how the file was saved; {@link FileTraits#UNKNOWN} in the scan itself, and the commit. */
    private final FileTraits traits;

    InventoryPass(Catalog catalog, ImportJob job, FileTraits traits) {
        this.catalog = catalog;
        this.job = job;
        this.traits = traits;
    }

    @Override
    public List<ImportError> header(List<String> names) {
        var errors = new ArrayList<ImportError>();
        parser = InventoryRowParser.forHeader(names, catalog, traits, errors);
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
