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

    /** Runs one pass; false when the file stopped on a file-level problem (now in the job's errors). */
    public boolean read(ImportFile file, CsvVisitor pass, ImportJob job, ImportProgress.Phase phase) throws IOException {
        try (var in = file.open()) {
            if (reader.read(in, new Counted(pass, job, phase)) instanceof CsvReadResult.Stopped stopped) {
                job.errors().addAll(stopped.errors());
                return false;
            }
            return true;
        }
    }

    /** Counts the rows a pass sees and reports them as the phase's progress. */
    private static final class Counted implements CsvVisitor {
        private final CsvVisitor pass;
        private final ImportJob job;
        private final ImportProgress.Phase phase;
        private long rows;

        Counted(CsvVisitor pass, ImportJob job, ImportProgress.Phase phase) {
            this.pass = pass;
            this.job = job;
            this.phase = phase;
        }

        @Override
        public List<ImportError> header(List<String> names) {
            return pass.header(names);
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
    }
}
