package dev.intake.core.csv;

import dev.intake.core.report.ImportError;
import java.util.ArrayList;
import java.util.List;

/** A {@link CsvVisitor} that keeps what it is given; its header answer can be set. */
final class RecordingVisitor implements CsvVisitor {

    record Rejection(CsvRow row, ImportError error) {}

    final List<List<String>> headers = new ArrayList<>();
    final List<CsvRow> rows = new ArrayList<>();
    final List<Rejection> rejected = new ArrayList<>();
    private final List<ImportError> headerErrors;

    RecordingVisitor() {
        this(List.of());
    }

    RecordingVisitor(List<ImportError> headerErrors) {
        this.headerErrors = headerErrors;
    }

    @Override
    public List<ImportError> header(List<String> names) {
        headers.add(names);
        return headerErrors;
    }

    @Override
    public void row(CsvRow row) {
        rows.add(row);
    }

    @Override
    public void rejected(CsvRow row, ImportError error) {
        rejected.add(new Rejection(row, error));
    }

    List<Integer> rowNumbers() {
        return rows.stream().map(CsvRow::row).toList();
    }
}
