package dev.intake.core.imports;

/** Port: where reports and failed-row files go (next to the source object). */
public interface ReportSink {

    void putReport(String bucket, String key, String json);

    /** Writes the errors CSV; returns the version written, or null where the bucket keeps no versions. */
    String putErrorsCsv(String bucket, String key, FailedRowsSpool csv);

    /**
     * Deletes one version {@link #putErrorsCsv} wrote, so the version beneath it is the key's
     * again: an import that wrote its errors CSV and then found a later upload taken gives the key
     * back to that upload's.
     */
    void deleteErrorsCsvVersion(String bucket, String key, String version);
}
