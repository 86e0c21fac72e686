package dev.intake.core.imports;

/** Port: where reports and failed-row files go (next to the source object). */
public interface ReportSink {

    void putReport(String bucket, String key, String json);

    void putErrorsCsv(String bucket, String key, FailedRowsSpool csv);
}
