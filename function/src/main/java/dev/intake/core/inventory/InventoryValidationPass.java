package dev.intake.core.inventory;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.columns.FileTraits;
import dev.intake.core.columns.RowCells;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.report.ImportError;
import java.util.List;

/** Pass 2: every rule on every row; errors go to the job's log with the failing rows. */
final class InventoryValidationPass extends InventoryPass {
    private final InventoryRules rules;
    /** The stored records whose rows give them another location: only their trees can move. */
    private final RecordIds.Builder relocated = new RecordIds.Builder();
    private long nextId;

    /** {@code traits}: what the scan learnt of how the file was saved. */
    InventoryValidationPass(Catalog catalog, ImportJob job, InventoryRules rules, long firstId,
                            FileTraits traits) {
        super(catalog, job, traits);
        this.rules = rules;
        this.nextId = firstId;
    }

    @Override
    public void row(CsvRow csv) {
        var parsed = parser.parse(csv);
        long id = parsed.row().update() ? 0 : nextId++;
        var record = rules.check(parsed.row(), parsed.cells(), id);
        if (record != null && parsed.row().update() && rules.relocates(record)) {
            relocated.add(record.id());
        }
        parsed.cells().checkStoredSize();
        parsed.cells().checkKeyLength(InventoryColumns.SERIAL_NUMBER, "serial number");
        // a create too: its attribute names and as-built BOM are not in its cells. Named only when
        // too large: every row of a million-row file comes through here
        long bytes = record == null ? 0 : InventoryRecords.textBytes(record);
        if (bytes > RowCells.MAX_ROW_BYTES) {
            parsed.cells().checkRecordSize(InventoryRecords.describedWithItsBom(record), bytes);
        }
        if (parsed.cells().hasErrors()) {
            job.errors().failedRow(csv, parsed.cells().errors());
        }
        job.keepAlive();
    }

    /**
     * The stored records the rows give another location than stored: a commit walks the trees of
     * these alone (a location as stored is no move, and one a parent's move took is no walk).
     */
    RecordIds relocated() {
        return relocated.build();
    }

    @Override
    public void rejected(CsvRow row, ImportError error) {
        job.errors().failedRow(row, List.of(error));
    }
}
