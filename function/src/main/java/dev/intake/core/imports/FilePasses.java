package dev.intake.core.imports;

import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.csv.CsvReadResult;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.CsvVisitor;
import dev.intake.core.report.ImportError;
import java.io.IOException;
import java.util.List;

/**
 * Streams an import's file once per pass (importers read it several times rather than hold it),
 * reporting the pass's progress as it goes. A file-level problem goes to the job's error log and
 * ends the import.
 */
public final class FilePasses {

    private final CsvFileReader reader;

    public FilePasses(CsvFileReader reader) {
        this.reader = reader;
    }

    /** How a pass ended. */
    public enum Ending {
        /** Every row read. */
        COMPLETE,
        /** Stopped at a data row (a broken quote, binary data, a row too large): the header and the rows before it were read. */
        STOPPED_AT_A_ROW,
        /** Stopped before a header was read, at the header, or at a limit of the whole file. */
        STOPPED
    }

    /** Runs one pass; whether it read every row (not: the problem that stopped it is in the job's errors). */
    public boolean completes(ImportFile file, CsvVisitor pass, ImportJob job, ImportProgress.Phase phase) throws IOException {
        return run(file, pass, job, phase) == Ending.COMPLETE;
    }

    /**
     * Runs one pass, and says how it ended; a problem that stopped it goes to the job's errors.
     * After a stop at a row, the caller may validate the rows before it ({@link #runUpToTheStop}),
     * so that the report names their problems too (found by review: they were dropped). The stop
     * comes first in the report: a report keeps the first thousand errors, and the broken spot
     * must not be the one cut.
     */
    public Ending run(ImportFile file, CsvVisitor pass, ImportJob job, ImportProgress.Phase phase) throws IOException {
        var ending = readOnce(file, pass, job, phase);
        if (ending.how() == Ending.STOPPED_AT_A_ROW) {
            job.errors().stoppedAt(ending.stop().errors().getFirst().row(), ending.stop().errors());
        } else if (ending.stop() != null) {
            job.errors().addAll(ending.stop().errors());
        }
        return ending.how();
    }

    /** Runs a later pass over a file {@link #run} stopped at a row: it stops there again, recorded already. */
    public void runUpToTheStop(ImportFile file, CsvVisitor pass, ImportJob job, ImportProgress.Phase phase)
            throws IOException {
        readOnce(file, pass, job, phase);
    }

    private record Read(Ending how, CsvReadResult.Stopped stop) {}

    private Read readOnce(ImportFile file, CsvVisitor pass, ImportJob job, ImportProgress.Phase phase) throws IOException {
        try (var in = file.open()) {
            var counted = new Counted(pass, job, phase);
            if (reader.read(in, counted) instanceof CsvReadResult.Stopped stopped) {
                // not "row > 1": blank lines before the header count as rows
                boolean atARow = counted.headerAccepted && stopped.errors().stream().allMatch(error -> error.row() != null);
                return new Read(atARow ? Ending.STOPPED_AT_A_ROW : Ending.STOPPED, stopped);
            }
            return new Read(Ending.COMPLETE, null);
        }
    }

    /** Counts the rows a pass sees and reports them as the phase's progress. */
    private static final class Counted implements CsvVisitor {
        private final CsvVisitor pass;
        private final ImportJob job;
        private final ImportProgress.Phase phase;
        private long rows;
        /** Whether the pass was given the header and found nothing wrong with it. */
        private boolean headerAccepted;

        Counted(CsvVisitor pass, ImportJob job, ImportProgress.Phase phase) {
            this.pass = pass;
            this.job = job;
            this.phase = phase;
        }

        @Override
        public void byteOrderMark() {
            pass.byteOrderMark();
        }

        @Override
        public List<ImportError> header(List<String> names) {
            var errors = pass.header(names);
            headerAccepted = errors.isEmpty();
            return errors;
        }

        @Override
        public void row(CsvRow row) {
            pass.row(row);
            job.progress(phase, ++rows);
        }

        @Override
        public void rejected(CsvRow row, ImportError error) {
            pass.rejected(row, error);
            job.progress(phase, ++rows);
        }

        @Override
        public String columnName(int index) {
            return pass.columnName(index);
        }
    }
}
