package dev.intake.aws;

import dev.intake.core.inventory.PartInventoryImporter;
import dev.intake.core.purchasing.PurchaseOrderImporter;
import dev.intake.core.report.ImportReport;
import dev.intake.core.report.JsonText;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One CloudWatch Embedded Metric Format document per finished import: CloudWatch Logs turns it into
 * metrics with no API call and no extra permission. Dimensions are the importer and the status
 * (each few-valued), and the status alone (what the FAILED alarm watches); the org and the import id
 * are properties, searchable in Logs Insights but not dimensions, so a thousand orgs do not make a
 * thousand metrics. Written by hand rather than through a metrics library: measured, a library
 * costs a cold start far more than these few lines (docs/operations.md).
 */
public final class EmfMetrics {

    public static final String DEFAULT_NAMESPACE = "Intake";

    /** Name and unit of each metric, in the order the document lists them. */
    private static final Map<String, String> UNITS = orderedUnits();

    /** The importers a dimension may name; anything else an uploader puts in a key is "unknown". */
    private static final Set<String> IMPORTERS = Set.of(PartInventoryImporter.NAME, PurchaseOrderImporter.NAME);

    private final String namespace;

    public EmfMetrics(String namespace) {
        this.namespace = namespace;
    }

    public String namespace() {
        return namespace;
    }

    /** The document for one import; {@code eventPublished} false counts an "Import Finished" event that was lost. */
    public String document(ImportReport report, boolean eventPublished) {
        var duration = Duration.between(report.startedAt(), report.finishedAt());
        var millis = Math.max(0, duration.toMillis());
        var counts = report.counts();
        var json = new LinkedHashMap<String, Object>();
        json.put("_aws", metadata(report.finishedAt().toEpochMilli()));
        json.put("importer", dimension(report.importer()));
        if (report.importer() != null && !IMPORTERS.contains(report.importer())) {
            json.put("keyImporter", report.importer());
        }
        json.put("status", report.status().name());
        json.put("org", report.org());
        json.put("importId", report.importId());
        json.put("mode", report.mode());
        json.put("Imports", 1);
        json.put("Rows", counts.rows());
        json.put("Created", counts.created());
        json.put("Updated", counts.updated());
        json.put("Errors", counts.errors());
        json.put("Duration", millis);
        json.put("RowsPerSecond", millis == 0 ? 0 : Math.round(counts.rows() * 1000.0 / millis));
        json.put("EventsNotPublished", eventPublished ? 0 : 1);
        return JsonText.encode(json);
    }

    /**
     * The importer as a dimension: one of a few values. The key's own second segment is whatever an
     * uploader typed, and a dimension per value would be a new set of metrics, billed monthly, for
     * each (found by review); it is kept as the {@code keyImporter} property instead.
     */
    private static String dimension(String importer) {
        if (importer == null) {
            return "none";
        }
        return IMPORTERS.contains(importer) ? importer : "unknown";
    }

    private Map<String, Object> metadata(long timestamp) {
        var metrics = UNITS.entrySet().stream().map(metric -> {
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
        units.put("EventsNotPublished", "Count");
        return units;
    }
}
