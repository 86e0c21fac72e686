package dev.intake.core.inventory;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.CatalogStore;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.csv.CsvReadResult;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.CsvVisitor;
import dev.intake.core.imports.ImportFile;
import dev.intake.core.imports.ImportJob;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.imports.ImportOutcome;
import dev.intake.core.imports.Importer;
import dev.intake.core.report.CreatedRecord;
import dev.intake.core.report.ImportError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The Part Inventory importer (SPEC §6). It streams the file three times instead of holding it:
 * a scan collects what the rows reference (so stored data is loaded once, in batches), a
 * validation pass checks every row, and, only when every row is valid, a commit pass writes.
 */
public final class PartInventoryImporter implements Importer {

    public static final String NAME = "part-inventory";
    static final String ID_SEQUENCE = "inventory";

    /** Records written per store call: a few DynamoDB batches, and a natural point to renew the lease. */
    private static final int WRITE_CHUNK = 100;

    private final CatalogStore catalogs;
    private final InventoryStore inventory;
    private final CsvFileReader reader;

    public PartInventoryImporter(CatalogStore catalogs, InventoryStore inventory, CsvFileReader reader) {
        this.catalogs = catalogs;
        this.inventory = inventory;
        this.reader = reader;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ImportOutcome run(ImportFile file, ImportJob job) throws IOException {
        var catalog = catalogs.load(job.org());
        var scan = new Scan(catalog, job);
        if (!read(file, scan, job)) {
            return new ImportOutcome.Failed(scan.rows);
        }
        long firstId = job.reserveIds(ID_SEQUENCE, scan.creates);
        var existing = inventory.findByIds(job.org(), scan.ids);
        if (!job.resuming()) {
            var serials = inventory.serialsByPart(job.org(), scan.serialParts(existing));
            var validation = new Validation(catalog, job, new InventoryRules(catalog, existing, serials), firstId);
            if (!read(file, validation, job) || !job.errors().isEmpty()) {
                return new ImportOutcome.Failed(scan.rows);
            }
            if (job.mode() == ImportMode.VALIDATE) {
                return new ImportOutcome.Validated(scan.rows, scan.creates, scan.rows - scan.creates);
            }
        }
        job.beginWrites();
        var commit = new Commit(catalog, job, existing, firstId);
        read(file, commit, job);
        commit.flush();
        return new ImportOutcome.Committed(scan.rows, commit.updated, commit.created, List.of());
    }

    /** Runs one pass; a file-level problem goes to the error log and ends the import. */
    private boolean read(ImportFile file, Pass pass, ImportJob job) throws IOException {
        try (var in = file.open()) {
            var result = reader.read(in, pass);
            if (result instanceof CsvReadResult.Stopped stopped) {
                job.errors().addAll(stopped.errors());
                return false;
            }
            return true;
        }
    }

    /** Common to every pass: the header is matched the same way each time. */
    private abstract static class Pass implements CsvVisitor {
        final Catalog catalog;
        final ImportJob job;
        InventoryRowParser parser;

        Pass(Catalog catalog, ImportJob job) {
            this.catalog = catalog;
            this.job = job;
        }

        @Override
        public List<ImportError> header(List<String> names) {
            var errors = new ArrayList<ImportError>();
            parser = InventoryRowParser.forHeader(names, catalog, errors);
            job.errors().header(names);
            return errors;
        }

        @Override
        public void rejected(CsvRow row, ImportError error) {}
    }

    /** Pass 1: what the file references, so it can be loaded in a few batched calls. */
    private static final class Scan extends Pass {
        final Set<Long> ids = new HashSet<>();
        final Set<Long> idsSettingSerial = new HashSet<>();
        final Set<PartRef> createdSerialParts = new HashSet<>();
        int creates;
        int rows;

        Scan(Catalog catalog, ImportJob job) {
            super(catalog, job);
        }

        @Override
        public void row(CsvRow csv) {
            rows++;
            var row = parser.parse(csv).row();
            if (!row.update()) {
                creates++;
                if (row.part() != null && row.setsSerial()) {
                    createdSerialParts.add(row.part().ref());
                }
            } else if (row.id() != null) {
                ids.add(row.id());
                if (row.setsSerial()) {
                    idsSettingSerial.add(row.id());
                }
            }
            job.keepAlive();
        }

        @Override
        public void rejected(CsvRow row, ImportError error) {
            rows++;
        }

        Set<PartRef> serialParts(Map<Long, InventoryRecord> existing) {
            var parts = new HashSet<>(createdSerialParts);
            idsSettingSerial.stream().map(existing::get).filter(r -> r != null).forEach(r -> parts.add(r.part()));
            return parts;
        }
    }

    /** Pass 2: every rule on every row; errors go to the job's log with the failing rows. */
    private static final class Validation extends Pass {
        private final InventoryRules rules;
        private long nextId;

        Validation(Catalog catalog, ImportJob job, InventoryRules rules, long firstId) {
            super(catalog, job);
            this.rules = rules;
            this.nextId = firstId;
        }

        @Override
        public void row(CsvRow csv) {
            var parsed = parser.parse(csv);
            long id = parsed.row().update() ? 0 : nextId++;
            rules.check(parsed.row(), parsed.cells(), id);
            if (parsed.cells().hasErrors()) {
                job.errors().row(csv, parsed.cells().errors());
            }
            job.keepAlive();
        }

        @Override
        public void rejected(CsvRow row, ImportError error) {
            job.errors().row(row, List.of(error));
        }
    }

    /**
     * Pass 3: applies the rows in file order to a working copy and writes in chunks. Every write
     * is a full item with a deterministic key, so replaying the pass after a crash rewrites the
     * same items. Moving an item moves everything installed in it, through the whole tree.
     */
    private final class Commit extends Pass {
        private final Map<Long, InventoryRecord> working;
        private final Map<Long, InventoryRecord> pending = new LinkedHashMap<>();
        private final List<CreatedRecord> created = new ArrayList<>();
        private final Map<Long, List<Long>> children = new HashMap<>();
        private long nextId;
        private int updated;

        Commit(Catalog catalog, ImportJob job, Map<Long, InventoryRecord> existing, long firstId) {
            super(catalog, job);
            this.working = new HashMap<>(existing);
            this.nextId = firstId;
        }

        @Override
        public void row(CsvRow csv) {
            var row = parser.parse(csv).row();
            if (row.update()) {
                var before = working.get(row.id());
                var after = InventoryRecords.update(before, row, InventoryRules.partUnit(catalog, before));
                stage(after);
                updated++;
                if (movesInstalled(row, before, after)) {
                    moveInstalled(after.id(), after.location());
                }
            } else {
                var record = InventoryRecords.create(row, nextId++);
                stage(record);
                created.add(new CreatedRecord(row.row(), record.id()));
            }
            if (pending.size() >= WRITE_CHUNK) {
                flush();
            }
        }

        /**
         * A changed location moves the installation tree. On a resumed commit the parent may already
         * hold its new location from the interrupted attempt while its children do not, so there
         * every row that names a location walks the tree.
         */
        private boolean movesInstalled(InventoryRow row, InventoryRecord before, InventoryRecord after) {
            return !Objects.equals(before.location(), after.location()) || job.resuming() && row.location().present();
        }

        private void moveInstalled(long parentId, String location) {
            for (long childId : childrenOf(parentId)) {
                var child = working.get(childId);
                if (!Objects.equals(child.location(), location)) {
                    stage(child.withLocation(location));
                }
                moveInstalled(childId, location);
            }
        }

        private List<Long> childrenOf(long parentId) {
            return children.computeIfAbsent(parentId, id -> {
                var found = inventory.installedIn(job.org(), id);
                found.forEach(child -> working.putIfAbsent(child.id(), child));
                return found.stream().map(InventoryRecord::id).toList();
            });
        }

        private void stage(InventoryRecord record) {
            working.put(record.id(), record);
            pending.put(record.id(), record);
        }

        void flush() {
            if (!pending.isEmpty()) {
                inventory.putAll(job.org(), List.copyOf(pending.values()), job.importId());
                pending.clear();
            }
            job.keepAlive();
        }
    }
}
