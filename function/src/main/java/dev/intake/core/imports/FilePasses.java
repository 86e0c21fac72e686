package dev.intake.core.imports;

import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.csv.CsvReadResult;
import dev.intake.core.csv.CsvVisitor;
import dev.intake.core.report.ErrorLog;
import java.io.IOException;

/**
 * Streams an import's file once per pass (importers read it several times rather than hold it).
 * A file-level problem goes to the error log and ends the import.
 */
public final class FilePasses {

    private final CsvFileReader reader;

    public FilePasses(CsvFileReader reader) {
        this.reader = reader;
    }

    /** Runs one pass; false when the file stopped on a file-level problem (now in {@code errors}). */
    public boolean read(ImportFile file, CsvVisitor pass, ErrorLog errors) throws IOException {
        try (var in = file.open()) {
            if (reader.read(in, pass) instanceof CsvReadResult.Stopped stopped) {
                errors.addAll(stopped.errors());
                return false;
            }
            return true;
        }
    }
}
