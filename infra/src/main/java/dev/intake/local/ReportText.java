package dev.intake.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Formats a report for a terminal: one top-level field per line and one list entry (an error, a
 * created record) per line, so a report of many errors reads as a table rather than a wall.
 */
final class ReportText {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private ReportText() {}

    static String format(String reportJson) {
        JsonNode report;
        try {
            report = JSON.readTree(reportJson);
        } catch (JsonProcessingException e) {
            return reportJson;
        }
        if (report == null || !report.isObject()) {
            return reportJson;
        }
        var out = new StringBuilder("{\n");
        var fields = report.properties().iterator();
        while (fields.hasNext()) {
            var field = fields.next();
            out.append("  ").append(compact(JSON.getNodeFactory().textNode(field.getKey()))).append(": ");
            var value = field.getValue();
            if (value.isArray() && !value.isEmpty()) {
                out.append("[\n");
                for (int i = 0; i < value.size(); i++) {
                    out.append("    ").append(compact(value.get(i))).append(i + 1 < value.size() ? ",\n" : "\n");
                }
                out.append("  ]");
            } else {
                out.append(compact(value));
            }
            out.append(fields.hasNext() ? ",\n" : "\n");
        }
        return out.append("}\n").toString();
    }

    /**
     * One line for a server's log: when, which file, its status and counts, and where the whole
     * report is, e.g. {@code 14:05:13 acme/part-inventory/receiving.csv: SUCCEEDED, 12 rows (12 created,
     * 0 updated, 0 errors); report s3://intake-local/acme/part-inventory/receiving.csv.report.json}.
     */
    static String summary(String reportJson, String reportLocation) {
        return summary(reportJson, reportLocation, LocalTime.now());
    }

    static String summary(String reportJson, String reportLocation, LocalTime now) {
        JsonNode report;
        try {
            report = JSON.readTree(reportJson);
        } catch (JsonProcessingException e) {
            return reportLocation + ": not a report\n";
        }
        var counts = report.path("counts");
        // A formatter, not LocalTime.toString(), which leaves the seconds out when they are zero.
        long rows = counts.path("rows").asLong();
        // a dry run writes nothing: its counts are what a commit would do
        var would = "validate".equals(report.path("mode").asText()) ? "would be " : "";
        return CLOCK_TIME.format(now) + " " + report.path("source").path("key").asText() + ": "
                + report.path("status").asText() + ", " + number(rows) + (rows == 1 ? " row (" : " rows (")
                + number(counts.path("created").asLong()) + " " + would + "created, " + number(counts.path("updated").asLong())
                + " " + would + "updated, " + number(counts.path("errors").asLong()) + " errors); report " + reportLocation + "\n";
    }

    /** As the progress lines write counts: 10,000. */
    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** The report's status, or null when it has none. */
    static String status(String reportJson) {
        return field(reportJson, "status");
    }

    /** A top-level text field of the report, or null. */
    static String field(String reportJson, String name) {
        try {
            var value = JSON.readTree(reportJson).get(name);
            return value == null || value.isNull() ? null : value.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String compact(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: a parsed tree always serializes", e);
        }
    }
}
