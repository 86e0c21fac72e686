package dev.intake.core.purchasing;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.columns.FileTraits;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.report.ImportError;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pass 1: PO numbers in order of first appearance, renames, header fingerprints, ids needed, part numbers named. Hands back a {@link PoScan}. */
final class PoScanPass extends PoPass {
    private final Map<String, PoScan.Span> pos = new LinkedHashMap<>();
    private final Map<String, String> originals = new LinkedHashMap<>();
    private HeaderConsistency.Prints prints = new HeaderConsistency.Prints();
    private final Set<String> partNumbers = new HashSet<>();
    private final FileTraits.Scanner traits = new FileTraits.Scanner();
    private int rows;
    private int units;

    PoScanPass(Catalog catalog, ImportJob job) {
        super(catalog, job, FileTraits.UNKNOWN);
    }

    @Override
    public void byteOrderMark() {
        traits.byteOrderMark();
    }

    @Override
    public List<ImportError> header(List<String> names) {
        var errors = super.header(names);
        traits.header(layout.layout());
        return errors;
    }

    @Override
    public void row(CsvRow row) {
        rows++;
        traits.scan(row);
        units = (int) Math.min(Integer.MAX_VALUE, (long) units + units(row)); // 10,000 a row: an int sum overflows
        var partNumber = layout.cell(row, PoColumns.PART_NUMBER);
        if (!partNumber.isEmpty()) {
            partNumbers.add(partNumber); // as the row spells it: lower-cased once a spelling, at the end
        }
        var po = layout.poNumber(row);
        if (!po.isEmpty()) {
            prints.add(po, layout.consistentCells(row));
            var span = pos.get(po);
            if (span == null) {
                span = new PoScan.Span(pos.size(), row.row());
                pos.put(po, span);
            } else {
                span.extendTo(row.row());
            }
            // without a revision column every revision is blank, and no row after a blank one names one
            if (!partNumber.isEmpty() && layout.layout().has(PoColumns.REVISION) && layout.hasLine(row)) {
                span.line(partNumber, layout.cell(row, PoColumns.REVISION));
            }
            var original = layout.originalPoNumber(row);
            if (!original.isEmpty()) {
                originals.putIfAbsent(po, original);
            }
        }
        job.keepAlive();
    }

    @Override
    public void rejected(CsvRow row, ImportError error) {
        rows++;
    }

    /** What the scan found. Hands its maps over: read no more rows after. */
    PoScan result() {
        var scan = new PoScan(rows, units, pos, originals, prints.result(), NameIndex.keys(partNumbers),
                layout != null && layout.movesOnOrder(), traits.traits());
        // the header fingerprints are garbage now, however long the caller keeps this pass (its
        // importer's run does, to the end: 160 B a PO held through the commit, found 5 December 2026)
        prints = null;
        return scan;
    }
}
