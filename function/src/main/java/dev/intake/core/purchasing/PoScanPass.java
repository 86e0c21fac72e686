package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.*;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.report.ImportError;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pass 1: PO numbers in order of first appearance, header fingerprints, ids needed. */
final class PoScanPass extends PoPass {
    final Map<String, Integer> poIndex = new LinkedHashMap<>();
    /** The row each PO number first appears on: where its number claim is reported. */
    final Map<String, Integer> firstRows = new LinkedHashMap<>();
    final Map<String, String> originals = new LinkedHashMap<>();
    HeaderConsistency consistency;
    int rows;
    int units;

    PoScanPass(Catalog catalog, ImportJob job) {
        super(catalog, job);
    }

    @Override
    public List<ImportError> header(List<String> names) {
        var errors = super.header(names);
        consistency = new HeaderConsistency(layout.headerColumns());
        return errors;
    }

    @Override
    public void row(CsvRow row) {
        rows++;
        units += units(row);
        var po = layout.poNumber(row);
        if (!po.isEmpty()) {
            consistency.fingerprint(po, layout.headerCells(row));
            firstRows.putIfAbsent(po, row.row());
            if (poIndex.putIfAbsent(po, poIndex.size()) == null && layout.header().has(ORIGINAL_PO_NUMBER)) {
                originals.put(po, row.cell(layout.header().indexOf(ORIGINAL_PO_NUMBER)));
            }
        }
        job.keepAlive();
    }

    @Override
    public void rejected(CsvRow row, ImportError error) {
        rows++;
    }

    List<String> numbersToLoad() {
        var numbers = new HashSet<>(poIndex.keySet());
        originals.values().stream().filter(n -> !n.isEmpty()).forEach(numbers::add);
        return List.copyOf(numbers);
    }
}
