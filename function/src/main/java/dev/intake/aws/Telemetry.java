package dev.intake.aws;

import com.amazonaws.services.lambda.runtime.Context;
import dev.intake.core.imports.DeadlineReachedException;
import dev.intake.core.imports.EarlierUploadUnfinishedException;
import dev.intake.core.imports.ImportProgress;
import dev.intake.core.imports.ImportStopped;
import dev.intake.core.imports.ObjectKey;
import dev.intake.core.imports.TimeoutTooShortException;
import dev.intake.core.report.ImportReport;
import dev.intake.core.report.ImportStatus;
import dev.intake.core.report.ReportJson;
import dev.intake.core.report.SourceObject;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the handler tells operators and users about each import: a structured log line, an EMF
 * metrics document and an "Import Finished" event per report, a progress line every few seconds
 * of a long import, and errors at ERROR (docs/operations.md).
 */
public final class Telemetry {

    private final JsonLog log;
    private final EmfMetrics metrics;
    private final ImportEvents events;

    /** {@code metrics} null: no metrics documents (the local CLI, whose stderr a person reads). */
    public Telemetry(JsonLog log, EmfMetrics metrics, ImportEvents events) {
        this.log = log;
        this.metrics = metrics;
        this.events = events;
    }

    /** Log lines only, to the invocation's logger: what the local runtime and most tests use. */
    public static Telemetry logOnly() {
        return new Telemetry(JsonLog.toLambda(), null, ImportEvents.NONE);
    }

    public JsonLog log() {
        return log;
    }

    public void begin(Context context) {
        log.begin(context);
    }

    public void end() {
        log.end();
    }

    /**
     * The import ended with a report: its log line, its metrics and its event. The line and the
     * metrics go first: an invocation ended while the event is sent (EventBridge slow near the
     * function's timeout) then loses the event alone, not the count of a FAILED import that an
     * alarm watches. A lost event is counted in a document of
     * its own.
     */
    public void finished(ImportReport report, String reportKey) {
        var fields = importFields(report.source(), report.importId(), report.org(), report.importer());
        fields.put("mode", report.mode());
        fields.put("status", report.status().name());
        fields.put("rows", report.counts().rows());
        fields.put("created", report.counts().created());
        fields.put("updated", report.counts().updated());
        fields.put("errors", report.counts().errors());
        var millis = Math.max(0, Duration.between(report.startedAt(), report.finishedAt()).toMillis());
        fields.put("durationMs", millis);
        fields.put("rowsPerSecond", millis == 0 ? 0 : Math.round(report.counts().rows() * 1000.0 / millis));
        fields.put("report", reportKey);
        // A FAILED import is the uploader's to fix, not an outage: WARN, so it stands out without paging anyone.
        if (report.status() == ImportStatus.FAILED) {
            // which kinds, first seen first: a file refused because another import never finished
            // (CONCURRENT_CHANGE) is not bad rows, and on the line alone it looked like them
            fields.put("errorCodes", report.errors().stream().map(error -> error.code().name()).distinct().toList());
            log.warn("import failed", fields);
        } else {
            log.info("import finished", fields);
        }
        if (metrics != null) {
            log.document(metrics.document(report));
        }
        if (!publish(report, reportKey) && metrics != null) {
            log.document(metrics.eventNotPublished(report));
        }
    }

    private boolean publish(ImportReport report, String reportKey) {
        try {
            var refusal = events.finished(report, reportKey);
            if (refusal.isEmpty()) {
                return true;
            }
            var fields = importFields(report.source(), report.importId(), report.org(), report.importer());
            fields.put("refusal", refusal.get());
            log.error("the Import Finished event was not accepted", fields, null);
        } catch (RuntimeException e) {
            // The import itself is done and recorded: a lost event must not make Lambda retry it.
            log.error("could not publish the Import Finished event", importFields(report.source(), report.importId(),
                    report.org(), report.importer()), e);
        }
        return false;
    }

    /**
     * This delivery had nothing to do: an ignored key, or an import that already ran or is
     * running (a key too long to put a report beside, delivered again, among them: its first
     * delivery was {@link #unreportable}).
     */
    public void nothingToDo(SourceObject source, String why) {
        var fields = importFields(source, null, null, null);
        fields.put("outcome", why);
        log.info("nothing to do", fields);
    }

    /** A copy of an object onto its own key with the bytes of its last upload (a storage class or metadata change): not imported again. */
    public void copyOfItsLastUpload(SourceObject source) {
        var fields = importFields(source, null, null, null);
        fields.put("outcome", "nothing to do: a copy of the object onto its own key, with the bytes of its last upload"
                + " (a change of storage class, encryption or metadata), is not imported again");
        log.info("nothing to do", fields);
    }

    /** A CSV whose key leaves no room for its report: this log line and the metrics are all anyone hears of it. */
    public void unreportable(SourceObject source) {
        var fields = importFields(source, null, null, null);
        fields.put("outcome", "not imported: the key takes more than " + (ObjectKey.MAX_KEY_BYTES
                - ObjectKey.REPORT_SUFFIX.length()) + " bytes, which leaves no room for the report's key beside it"
                + " (S3 keys take at most " + ObjectKey.MAX_KEY_BYTES + "); upload the file under a shorter name");
        log.error("file not imported: its key is too long", fields, null);
        if (metrics != null) {
            log.document(metrics.notImported(Instant.now()));
        }
    }

    /**
     * An older upload's event came after a later upload of the key was claimed (before its own
     * claim, or while it validated): it is not imported (the later file is the one the user
     * means), and no report replaces the later one's.
     * Uploading it again imports it, unless its key is outside the layout (found by review on
     * 5 December 2026: such an upload was told so too, though no file under its key is imported).
     */
    public void superseded(SourceObject source, String laterSequencer, ObjectKey key) {
        var fields = importFields(source, null, null, null);
        fields.put("laterSequencer", laterSequencer);
        var advice = key instanceof ObjectKey.Misplaced misplaced
                ? "no file under this key is imported: " + misplaced.reason()
                // not plainly "upload it again": met during a redrive of an old event, that put an older file over the later one
                : "upload this file again to import it, if it is meant to replace the later upload";
        fields.put("outcome", "not imported: a later upload of this key (sequencer " + laterSequencer
                + ") was taken first, and its import stands; " + advice);
        log.info("older upload not imported", fields);
    }

    /** A long import's progress line. */
    public void progress(ImportProgress progress) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("importId", progress.importId());
        fields.put("org", progress.org());
        fields.put("importer", progress.importer());
        fields.put("key", progress.key());
        fields.put("phase", progress.phase().label());
        fields.put("rowsDone", progress.rowsDone());
        fields.put("rowsTotal", progress.rowsTotal());
        fields.put("rowsPerSecond", Math.round(progress.rowsPerSecond()));
        fields.put("elapsedMs", progress.elapsed().toMillis());
        log.info("import progress", fields);
    }

    /**
     * A record whose key is not valid URL encoding (S3 encodes every key; a hand-written event may
     * not): nothing can be read or reported under it, so it is logged as an error and the event's
     * other records go on.
     */
    public void undecodableKey(String bucket, String rawKey, IllegalArgumentException cause) {
        var fields = new LinkedHashMap<String, Object>();
        fields.put("bucket", bucket);
        fields.put("key", rawKey);
        fields.put("outcome", "not imported: the event's key is not URL-encoded as S3 writes keys in events ("
                + cause.getMessage() + "); encode it (a space as +, % as %25) and send the event again");
        log.error("file not imported: its key in the event cannot be decoded", fields, null);
        if (metrics != null) {
            log.document(metrics.notImported(Instant.now()));
        }
    }

    /** The invocation fails with {@code cause}: Lambda retries it, and the retry resumes the import. */
    public void failed(SourceObject source, RuntimeException cause) {
        var fields = importFields(source, cause instanceof ImportStopped stopped ? stopped.importId() : null, null, null);
        if (cause instanceof DeadlineReachedException) {
            // Planned: the import stopped before the timeout with its lease given back.
            fields.put("outcome", cause.getMessage());
            log.warn("import stopped before the function's timeout; Lambda's retry resumes it", fields);
        } else if (cause instanceof EarlierUploadUnfinishedException) {
            // Planned too: the retry validates the upload again once the earlier one has ended.
            fields.put("outcome", cause.getMessage());
            log.warn("import given back: an earlier upload of its key has not finished; Lambda's retry validates it again", fields);
        } else if (cause instanceof TableCheck.TableSetupException) {
            notImportedUntilFixed("file not imported: a table the function is set up with is wrong", fields, cause);
        } else if (cause instanceof TimeoutTooShortException) {
            notImportedUntilFixed("file not imported: the function's timeout is too short", fields, cause);
        } else {
            log.error("import interrupted; Lambda retries the event and the retry resumes it", fields, cause);
        }
    }

    /** A setting of the function is wrong: every retry fails the same way, and the line says what to fix. */
    private void notImportedUntilFixed(String message, Map<String, Object> fields, RuntimeException cause) {
        fields.put("outcome", "not imported, nothing written: " + cause.getMessage() + ". Retries fail the same"
                + " way until it is fixed; then send the event again (docs/deploy.md)");
        log.error(message, fields, cause);
    }

    private static Map<String, Object> importFields(SourceObject source, String importId, String org, String importer) {
        var fields = new LinkedHashMap<String, Object>();
        if (importId != null) {
            fields.put("importId", importId);
        }
        if (org != null) {
            fields.put("org", org);
        }
        if (importer != null) {
            fields.put("importer", importer);
        }
        fields.put("bucket", source.bucket());
        fields.put("key", source.key());
        if (source.versionId() != null) {
            fields.put("versionId", source.versionId());
        }
        if (source.uploader() != null) {
            fields.put("uploader", ReportJson.uploader(source.uploader()));
        }
        return fields;
    }
}
