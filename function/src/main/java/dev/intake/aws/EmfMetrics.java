package dev.intake.aws;

import dev.intake.core.inventory.PartInventoryImporter;
import dev.intake.core.purchasing.PurchaseOrderImporter;
import dev.intake.core.report.Counts;
import dev.intake.core.report.ImportReport;
import dev.intake.core.report.ImportStatus;
import dev.intake.core.report.JsonText;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CloudWatch Embedded Metric Format document per finished import (and one more where its
 * "Import Finished" event was lost): CloudWatch Logs turns it into metrics with no API call and
 * no extra permission. Dimensions are the importer and the status
 * (each few-valued), and the status alone (what the FAILED alarm watches); the org and the import id
 * are properties, searchable in Logs Insights but not dimensions, so a thousand orgs do not make a
 * thousand metrics. Written by hand rather than through a metrics library: measured, a library
 * costs a cold start far more than these few lines (docs/operations.md).
 */
public final class EmfMetrics {

    public static final String DEFAULT_NAMESPACE = "Intake";

    private static final String EVENTS_NOT_PUBLISHED = "EventsNotPublished";

    /** Name and unit of each metric, in the order the document lists them. */
    private static final Map<String, String> UNITS = orderedUnits();

    /** The importers a dimension may name; anything else an uploader puts in a key is "unknown". */
    private static final Set<String> IMPORTERS = Set.of(PartInventoryImporter.NAME, PurchaseOrderImporter.NAME);

    private final String namespace;

    public EmfMetrics(String namespace) {
        this.namespace = namespace;
    }

    /** The document for one import, written before its "Import Finished" event is sent: {@code EventsNotPublished} 0. */
    public String document(ImportReport report) {
        var millis = Math.max(0, Duration.between(report.startedAt(), report.finishedAt()).toMillis());
        return counted(ofImport(report, UNITS.keySet()), report.counts(), millis);
    }

    /**
     * The document for an import whose "Import Finished" event was lost: {@code EventsNotPublished}
     * 1 and no other metric, so that the import is not counted twice.
     */
    public String eventNotPublished(ImportReport report) {
        var json = ofImport(report, Set.of(EVENTS_NOT_PUBLISHED));
        json.put(EVENTS_NOT_PUBLISHED, 1);
        return JsonText.encode(json);
    }

    private LinkedHashMap<String, Object> ofImport(ImportReport report, Set<String> metrics) {
        var json = header(report.finishedAt(), report.importer(), report.status().name(), metrics);
        json.put("org", report.org());
        json.put("importId", report.importId());
        json.put("mode", report.mode());
        return json;
    }

    /**
     * The document for an upload that could not be imported at all, and has no report (its key
     * leaves no room for one): one FAILED import of no importer, so that FailedImportsAlarm sees
     * it. Found by review: such a file was in an ERROR log line only.
     */
    public String notImported(Instant at) {
        return counted(header(at, null, ImportStatus.FAILED.name(), UNITS.keySet()), new Counts(0, 0, 0, 1), 0);
    }

    private LinkedHashMap<String, Object> header(Instant at, String importer, String status, Set<String> metrics) {
        var json = new LinkedHashMap<String, Object>();
        json.put("_aws", metadata(at.toEpochMilli(), metrics));
        json.put("importer", dimension(importer));
        if (importer != null && !IMPORTERS.contains(importer)) {
            json.put("keyImporter", importer);
        }
        json.put("status", status);
        return json;
    }

    private static String counted(Map<String, Object> json, Counts counts, long millis) {
        json.put("Imports", 1);
        json.put("Rows", counts.rows());
        json.put("Created", counts.created());
        json.put("Updated", counts.updated());
        json.put("Errors", counts.errors());
        json.put("Duration", millis);
        json.put("RowsPerSecond", millis == 0 ? 0 : Math.round(counts.rows() * 1000.0 / millis));
        json.put(EVENTS_NOT_PUBLISHED, 0);
        return JsonText.encode(json);
    }

    /**
     * The importer as a dimension: one of a few values. The key's own second segment is whatever an
     * uploader typed, and a dimension per value would be a new set of metrics, billed monthly, for
     * each; it is kept as the {@code keyImporter} property instead.
     */
    private static String dimension(String importer) {
        if (importer == null) {
            return "none";
        }
        return IMPORTERS.contains(importer) ? importer : "unknown";
    }

    private Map<String, Object> metadata(long timestamp, Set<String> named) {
        var metrics = UNITS.entrySet().stream().filter(metric -> named.contains(metric.getKey())).map(metric -> {
            var definition = new LinkedHashMap<String, Object>();
            definition.put("Name", metric.getKey());
            definition.put("Unit", metric.getValue());
            return (Object) definition;
        }).toList();
        var directive = new LinkedHashMap<String, Object>();
        directive.put("Namespace", namespace);
        directive.put("Dimensions", List.of(List.of("importer", "status"), List.of("status")));
        directive.put("Metrics", metrics);
        var aws = new LinkedHashMap<String, Object>();
        aws.put("Timestamp", timestamp);
        aws.put("CloudWatchMetrics", List.of(directive));
        return aws;
    }

    private static Map<String, String> orderedUnits() {
        var units = new LinkedHashMap<String, String>();
        units.put("Imports", "Count");
        units.put("Rows", "Count");
        units.put("Created", "Count");
        units.put("Updated", "Count");
        units.put("Errors", "Count");
        units.put("Duration", "Milliseconds");
        units.put("RowsPerSecond", "Count/Second");
        units.put(EVENTS_NOT_PUBLISHED, "Count");
        return units;
    }
}
