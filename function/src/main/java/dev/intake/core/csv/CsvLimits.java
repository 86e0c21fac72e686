package dev.intake.core.csv;

/**
 * Size limits that protect the function's memory and time. Past any of them a file fails with
 * {@code LIMIT_EXCEEDED} and nothing is written. Defaults are documented in docs/csv-format.md.
 */
public record CsvLimits(long maxBytes, int maxRows, int maxColumns, int maxCellLength) {

    public static final CsvLimits DEFAULT = new CsvLimits(256L * 1024 * 1024, 1_000_000, 500, 32_767);
}
