package dev.intake.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Formats a report for a terminal: one top-level field per line and one list entry (an error, a
 * created record) per line, so a report of many errors reads as a table rather than a wall.
 */
final class ReportText {

    private static final ObjectMapper JSON = new ObjectMapper();

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
