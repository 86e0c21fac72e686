package dev.intake.testing;

import dev.intake.core.imports.FailedRowsSpool;
import dev.intake.core.imports.ReportSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A {@link ReportSink} that keeps every report and errors CSV by "bucket/key"; later puts replace earlier ones. */
public final class InMemoryReportSink implements ReportSink {

    private final Map<String, String> reports = new LinkedHashMap<>();
    private final Map<String, String> errorsCsvs = new LinkedHashMap<>();
    private int puts;

    /** The report JSON at {@code bucket/key}, or null. */
    public String report(String bucket, String key) {
        return reports.get(bucket + "/" + key);
    }

    /** The errors CSV at {@code bucket/key} as text (with its BOM, if any), or null. */
    public String errorsCsv(String bucket, String key) {
        return errorsCsvs.get(bucket + "/" + key);
    }

    public int puts() {
        return puts;
    }

    @Override
    public void putReport(String bucket, String key, String json) {
        puts++;
        reports.put(bucket + "/" + key, json);
    }

    @Override
    public String putErrorsCsv(String bucket, String key, FailedRowsSpool csv) {
        puts++;
        try (var in = csv.open()) {
            errorsCsvs.put(bucket + "/" + key, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null; // as an unversioned bucket
    }

    @Override
    public void deleteErrorsCsvVersion(String bucket, String key, String version) {
        throw new UnsupportedOperationException("an unversioned sink returns no version to delete");
    }
}
