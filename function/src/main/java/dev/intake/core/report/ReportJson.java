package dev.intake.core.report;

import java.util.LinkedHashMap;
import java.util.Map;

/** Renders an {@link ImportReport} in the documented shape (SPEC §9, docs/report.md). */
public final class ReportJson {

    private ReportJson() {}

    public static String render(ImportReport report) {
        var json = new LinkedHashMap<String, Object>();
        json.put("importId", report.importId());
        json.put("org", report.org());
        json.put("importer", report.importer());
        json.put("mode", report.mode());
        json.put("status", report.status());
        json.put("source", source(report.source()));
        json.put("startedAt", report.startedAt());
        json.put("finishedAt", report.finishedAt());
        json.put("counts", counts(report.counts()));
        json.put("errors", report.errors().stream().map(ReportJson::error).toList());
        if (report.truncated()) {
            json.put("truncated", true);
        }
        json.put("created", report.created().stream().map(ReportJson::created).toList());
        if (report.createdTruncated()) {
            json.put("createdTruncated", true);
        }
        json.put("createdLabels", report.createdLabels());
        if (report.createdLabelsTruncated()) {
            json.put("createdLabelsTruncated", true);
        }
        var preview = report.results().preview();
        if (preview != null) {
            json.put("changes", preview.changes().stream().map(ReportJson::change).toList());
            if (preview.changesTruncated()) {
                json.put("changesTruncated", true);
            }
            if (preview.matches() != null) {
                json.put("matches", preview.matches().stream().map(ReportJson::match).toList());
                if (preview.matchesTruncated()) {
                    json.put("matchesTruncated", true);
                }
            }
            if (preview.addedLines() != null) {
                json.put("addedLines", preview.addedLines().stream().map(ReportJson::match).toList());
                if (preview.addedLinesTruncated()) {
                    json.put("addedLinesTruncated", true);
                }
            }
        }
        return JsonText.encode(json);
    }

    private static Map<String, Object> source(SourceObject source) {
        var json = new LinkedHashMap<String, Object>();
        json.put("bucket", source.bucket());
        json.put("key", source.key());
        json.put("versionId", source.versionId());
        json.put("eTag", source.eTag());
        json.put("size", source.size());
        if (source.uploader() != null) {
            json.put("uploader", uploader(source.uploader()));
        }
        return json;
    }

    /** Who dropped the file; public because the history and the "Import Finished" event show it the same way. */
    public static Map<String, Object> uploader(Uploader uploader) {
        var json = new LinkedHashMap<String, Object>();
        json.put("principalId", uploader.principalId());
        json.put("sourceIp", uploader.sourceIp());
        return json;
    }

    private static Map<String, Object> counts(Counts counts) {
        var json = new LinkedHashMap<String, Object>();
        json.put("rows", counts.rows());
        json.put("created", counts.created());
        json.put("updated", counts.updated());
        json.put("errors", counts.errors());
        return json;
    }

    private static Map<String, Object> error(ImportError error) {
        var json = new LinkedHashMap<String, Object>();
        json.put("row", error.row());
        json.put("column", error.column());
        json.put("value", error.value());
        json.put("code", error.code());
        json.put("message", error.message());
        if (!error.rows().isEmpty()) {
            json.put("rows", error.rows());
        }
        return json;
    }

    private static Map<String, Object> change(Change change) {
        var json = new LinkedHashMap<String, Object>();
        json.put("row", change.row());
        json.put("id", change.id());
        json.put("field", change.field());
        json.put("from", change.from());
        json.put("to", change.to());
        return json;
    }

    private static Map<String, Object> match(LineMatch match) {
        var json = new LinkedHashMap<String, Object>();
        json.put("row", match.row());
        json.put("poNumber", match.poNumber());
        json.put("line", match.line());
        return json;
    }

    private static Map<String, Object> created(CreatedRun created) {
        var json = new LinkedHashMap<String, Object>();
        json.put("row", created.row());
        json.put("id", created.id());
        json.put("count", created.count());
        return json;
    }
}
