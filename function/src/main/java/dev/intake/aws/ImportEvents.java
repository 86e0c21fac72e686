package dev.intake.aws;

import dev.intake.core.report.ImportReport;
import dev.intake.core.report.JsonText;
import dev.intake.core.report.ReportJson;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;

/**
 * The "Import Finished" event (SPEC §11) on an EventBridge bus, one per report, so that users can
 * subscribe to their org's imports (docs/operations.md has the detail and an example rule).
 */
public interface ImportEvents {

    String SOURCE = "intake";
    String DETAIL_TYPE = "Import Finished";

    /** Events off (local runs and tests): nothing is sent, and nothing is lost. */
    ImportEvents NONE = (report, reportKey) -> Optional.empty();

    /**
     * Publishes the event: empty once EventBridge took it, else why it refused it (its entry's
     * error code and message: logged by the caller, counted in the metrics). Until 7 December
     * 2026 a bare false, and the ERROR line could not tell throttling from a refused source
     * (found by review "observability").
     */
    Optional<String> finished(ImportReport report, String reportKey);

    static ImportEvents on(EventBridgeClient eventBridge, String busName) {
        return (report, reportKey) -> {
            var entry = PutEventsRequestEntry.builder()
                    .eventBusName(busName)
                    .source(SOURCE)
                    .detailType(DETAIL_TYPE)
                    .detail(JsonText.encode(detail(report, reportKey)))
                    .build();
            var response = eventBridge.putEvents(b -> b.entries(entry));
            if (response.failedEntryCount() == null || response.failedEntryCount() == 0) {
                return Optional.empty();
            }
            return Optional.of(response.entries().stream().filter(answer -> answer.errorCode() != null).findFirst()
                    .map(answer -> answer.errorCode() + ": " + answer.errorMessage())
                    .orElse(response.failedEntryCount() + " entry refused, no reason given"));
        };
    }

    /** The event's detail: who, what, how it ended, and where the report is. */
    static Map<String, Object> detail(ImportReport report, String reportKey) {
        var source = report.source();
        var counts = new LinkedHashMap<String, Object>();
        counts.put("rows", report.counts().rows());
        counts.put("created", report.counts().created());
        counts.put("updated", report.counts().updated());
        counts.put("errors", report.counts().errors());
        var detail = new LinkedHashMap<String, Object>();
        detail.put("importId", report.importId());
        detail.put("org", report.org());
        detail.put("importer", report.importer());
        detail.put("mode", report.mode());
        detail.put("status", report.status());
        detail.put("counts", counts);
        detail.put("bucket", source.bucket());
        detail.put("key", source.key());
        detail.put("reportKey", reportKey);
        detail.put("uploader", source.uploader() == null ? null : ReportJson.uploader(source.uploader()));
        detail.put("startedAt", report.startedAt());
        detail.put("finishedAt", report.finishedAt());
        return detail;
    }
}
