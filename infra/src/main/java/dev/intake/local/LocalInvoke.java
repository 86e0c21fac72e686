package dev.intake.local;

import dev.intake.aws.DynamoImportLedger;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.intake.IntakeHandler;
import dev.intake.aws.S3EventRecords;
import dev.intake.core.imports.EarlierUploadUnfinishedException;
import dev.intake.core.report.SourceObject;
import dev.intake.core.imports.ImportMode;
import dev.intake.core.imports.ImportTicket;
import dev.intake.core.imports.ObjectKey;
import dev.intake.core.imports.ProgressListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Delivers S3 events to the real handler the way Lambda does (event JSON through the runtime's
 * serializer, a Lambda context) and prints what came of each record: its report on stdout (whole,
 * or as one summary line for {@code serve}), and on stderr where the failed rows are or why a
 * delivery did nothing. Progress of a long import goes to the given listener.
 */
final class LocalInvoke {

    /** How an import a delivery left unfinished is finished, and what not to do instead. */
    private static final String FINISHED_FIRST = " The next ./intake import, invoke, catalog or serve finishes it first, as"
            + " Lambda's retry would (./intake serve does only that); running this import again would then import the"
            + " file a second time.";

    /** How a report is printed: whole ({@code import}, {@code invoke}) or as one line ({@code serve}). */
    enum ReportStyle { WHOLE, SUMMARY }

    /** Linux's limit on a file name, and what the embedded S3 emulator adds to one while it writes. */
    private static final int LOCAL_NAME_BYTES = 255;
    private static final int LOCAL_SUFFIX_BYTES = 37;

    private final LocalAws aws;
    private final Sequencer sequencer;
    private final PrintStream out;
    private final PrintStream err;
    private final ProgressListener progress;
    private final ReportStyle style;
    private volatile LocalContext invocation;
    private volatile boolean stopped;

    LocalInvoke(LocalAws aws, Sequencer sequencer, PrintStream out, PrintStream err, ProgressListener progress,
                ReportStyle style) {
        this.aws = aws;
        this.sequencer = sequencer;
        this.out = out;
        this.err = err;
        this.progress = progress;
        this.style = style;
    }

    /** Uploads {@code file} as {@code key}, as a user dropping it in the bucket would, and returns the event S3 would send. */
    String upload(Path file, String bucket, String key) throws IOException {
        if (aws.s3OnLocalDisk()) {
            refuseTooLongForTheLocalDisk(key);
        }
        aws.ensureBucket(bucket);
        var put = aws.s3().putObject(b -> b.bucket(bucket).key(key).contentType("text/csv")
                .metadata(java.util.Map.of(LocalAws.COMMAND_UPLOAD, LocalAws.commandUploadMark(key))), RequestBody.fromFile(file));
        return S3Events.putEventJson(new S3Events.Upload(aws.region(), bucket, key, Files.size(file), put.eTag(),
                put.versionId(), nextSequencer(bucket, key), Instant.now()));
    }

    /**
     * The embedded S3 emulator keeps each segment of a key as a file name, which Linux caps at 255
     * bytes; it writes an object under its name and a 37-byte suffix first, and the report's name
     * is 12 bytes longer than the file's. A file name of 207 to 218 bytes uploaded, its import
     * wrote its records, and its report could not be written: refused up front.
     */
    static void refuseTooLongForTheLocalDisk(String key) {
        var segments = key.split("/");
        for (int i = 0; i < segments.length; i++) {
            int bytes = segments[i].getBytes(StandardCharsets.UTF_8).length;
            int most = i == segments.length - 1 ? LOCAL_NAME_BYTES - LOCAL_SUFFIX_BYTES - ObjectKey.REPORT_SUFFIX.length() : LOCAL_NAME_BYTES;
            if (bytes > most) {
                throw new CliFailure("\"" + segments[i] + "\" takes " + bytes + " bytes: the local S3 emulator keeps each part"
                        + " of a key as a file name, and takes at most " + most + " bytes for "
                        + (i == segments.length - 1 ? "a file's (its report's name is longer)" : "a folder's")
                        + "; use a shorter name (S3 itself has no such limit)");
            }
        }
    }

    /** The event S3 would have sent for an object that appeared in the bucket (what {@code serve} delivers). */
    String eventFor(String bucket, S3Object object) {
        return S3Events.putEventJson(new S3Events.Upload(aws.region(), bucket, object.key(),
                object.size() == null ? 0 : object.size(), object.eTag(), null, nextSequencer(bucket, object.key()),
                Instant.now()));
    }

    /**
     * S3 gives a new upload a sequencer above every earlier upload of its key, and Intake skips
     * an upload older than one it took: so a local upload goes above a hand-written event's
     * sequencer too, when one of the key was taken with a larger sequencer than the clock gives.
     */
    private String nextSequencer(String bucket, String key) {
        var next = sequencer.next();
        return laterUploadThan(new SourceObject(bucket, key, null, null, next, 0)).map(LocalInvoke::justAbove)
                // above 64 digits of F nothing is ordered: the clock's part keeps each upload's its own
                .map(above -> above.length() > ImportTicket.ORDER_WIDTH ? above + next : above)
                .orElse(next);
    }

    /**
     * The least sequencer above {@code sequencer} as S3 compares them, right-padded with zeros
     * ({@link ImportTicket#uploadOrder}): one digit more, where there is room. Until 6 December 2026
     * this added one, as left-padding wanted: above 18 digits of F it gave a 1 and 18 zeros, which
     * sorts below, and every later upload of the key was taken for older.
     */
    static String justAbove(String sequencer) {
        var upper = sequencer.toUpperCase(java.util.Locale.ROOT);
        if (upper.length() < ImportTicket.ORDER_WIDTH) {
            return upper + "1";
        }
        var above = new java.math.BigInteger(upper, 16).add(java.math.BigInteger.ONE).toString(16).toUpperCase(java.util.Locale.ROOT);
        return "0".repeat(Math.max(0, upper.length() - above.length())) + above;
    }

    /** The import {@code source}'s upload was taken as under another id, if it was: a repeated delivery. */
    java.util.Optional<String> takenAsAnother(SourceObject source) {
        return new DynamoImportLedger(aws.dynamo(), aws.config().importsTable())
                .takenAsAnother(ImportTicket.of(source, "", "", ImportMode.COMMIT));
    }

    /** The sequencer of an upload of {@code source}'s key taken after it, if one was: then it is not imported. */
    java.util.Optional<String> laterUploadThan(SourceObject source) {
        return new DynamoImportLedger(aws.dynamo(), aws.config().importsTable())
                .laterUploadThan(ImportTicket.of(source, "", "", ImportMode.COMMIT));
    }

    /**
     * Stops the delivery under way (Ctrl-C): the handler stops at the next row as at its
     * deadline, and gives its lease back; the next {@code ./intake import}, {@code invoke} or
     * {@code serve} finishes the import, as Lambda's retry would.
     */
    void stop() {
        stopped = true;
        var current = invocation;
        if (current != null) {
            current.stop();
        }
    }

    /** Whether {@link #stop} was called. */
    boolean stopped() {
        return stopped;
    }

    /** Hands the event to the handler and reports on every record; returns the exit code. */
    int deliver(String eventJson) {
        var event = parse(eventJson);
        List<String> written;
        try {
            invocation = new LocalContext(aws.region(), err, progress instanceof ProgressLine line ? line::done : () -> {});
            if (stopped) {
                invocation.stop();
            }
            written = new IntakeHandler(aws.config(), aws.s3(), aws.dynamo(), progress).handleRequest(event, invocation);
        } catch (RuntimeException e) {
            if (e instanceof EarlierUploadUnfinishedException earlier && !stopped) {
                // not a failure to report as one: found by review on 6 December 2026, the local
                // user read of "Lambda's retry" and of running the import again, which do not apply
                throw new CliFailure("not imported yet, nothing written: import " + earlier.importId() + " waits for"
                        + " import " + earlier.earlier() + ", an earlier upload of this key, which began writing and has not"
                        + " finished. The next ./intake import, invoke, catalog or serve finishes it first (once its lease"
                        + " has run out), then this one; ./intake serve delivers this one again on its own", e);
            }
            var unfinished = stoppedImports(event);
            if (stopped) {
                throw new CliFailure(unfinished.isEmpty() ? "stopped; nothing was left unfinished." : "stopped: "
                        + unfinished + FINISHED_FIRST);
            }
            // Lambda would retry the event; locally the next command finishes what it left (the
            // deadline of a long import, or a laptop asleep, leaves it as Ctrl-C does: found by review)
            throw new CliFailure("the handler failed (Lambda would retry this event): " + IntakeCli.describe(e)
                    + (unfinished.isEmpty() ? "" : " " + unfinished + FINISHED_FIRST));
        }
        int exit = 0;
        for (var record : event.getRecords()) {
            if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated")) {
                err.println("Skipped a " + record.getEventName() + " record: Intake handles ObjectCreated events only.");
                continue;
            }
            var object = record.getS3().getObject();
            var bucket = record.getS3().getBucket().getName();
            var key = object.getUrlDecodedKey();
            var reportKey = key + ".report.json";
            if (written.contains(reportKey)) {
                exit = Math.max(exit, print(bucket, reportKey));
            } else {
                exit = Math.max(exit, explainNothingDone(S3EventRecords.sourceOf(record), reportKey, S3EventRecords.isCopy(record)));
            }
        }
        return exit;
    }

    /**
     * Whether a failed delivery of the event left an import that had begun writing unfinished
     * (false if the table cannot say): uploading the file again would then import it twice, where
     * an import stopped while validating is superseded by the new upload.
     */
    boolean leftWritesBehind(String eventJson) {
        try {
            return unfinishedImports(parse(eventJson)).stream().anyMatch(left -> !"RUNNING".equals(left.status()));
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** What became of the event's imports when they were stopped: begun writing, or not ("" if the table cannot say). */
    private String stoppedImports(S3Event event) {
        return unfinishedImports(event).stream()
                .map(left -> "import " + left.importId() + " of " + left.key() + switch (left.status()) {
                    case "RUNNING" -> " had written nothing yet (it was validating).";
                    case "COMMITTING" -> " had begun writing, and what it wrote stays.";
                    default -> " was undoing what it had written.";
                })
                .collect(Collectors.joining(" "));
    }

    /** An import of the event that a delivery left unfinished, and its status. */
    private record Unfinished(String importId, String key, String status) {}

    /** The event's imports left unfinished; none where the table cannot say (the failure may be the table's own). */
    private List<Unfinished> unfinishedImports(S3Event event) {
        try {
            var left = new ArrayList<Unfinished>();
            for (var record : event.getRecords()) {
                var source = S3EventRecords.sourceOf(record);
                var importId = ImportTicket.idOf(source);
                var status = status(ledgerEntry(importId));
                if (status != null && BucketImports.UNFINISHED.contains(status)) {
                    left.add(new Unfinished(importId, source.key(), status));
                }
            }
            return left;
        } catch (RuntimeException unreadable) {
            return List.of();
        }
    }

    static S3Event parse(String eventJson) {
        S3Event event;
        try {
            event = S3Events.load(eventJson);
        } catch (RuntimeException e) {
            throw new CliFailure("not an S3 event: " + IntakeCli.describe(e));
        }
        if (event == null || event.getRecords() == null || event.getRecords().isEmpty()) {
            throw new CliFailure("not an S3 event: it has no Records");
        }
        return event;
    }

    private int print(String bucket, String reportKey) {
        return print(bucket, reportKey, aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key(reportKey)).asUtf8String());
    }

    private int print(String bucket, String reportKey, String report) {
        // print, not println: TerminalText shows it safe here (a value an error quotes, a key; found by review)
        out.print(TerminalText.shown(style == ReportStyle.WHOLE ? ReportText.format(report)
                : ReportText.summary(report, "s3://" + bucket + "/" + reportKey)));
        out.flush();
        var ledger = ledgerEntry(ReportText.field(report, "importId"));
        var errorsKey = ledger == null || !ledger.containsKey("errorsKey") ? null : ledger.get("errorsKey").s();
        if (errorsKey != null) {
            var local = aws.localFile(bucket, errorsKey).map(p -> " (on disk: " + shown(p) + ")").orElse("");
            err.println("Failed rows with their errors: s3://" + bucket + "/" + errorsKey + local);
            // Not a file to import on its own: the rows without errors are not in it
            err.println("Nothing of the file was written: correct it and import it whole (docs/errors.md).");
        }
        return exitCode(ReportText.status(report));
    }

    /** No report from this delivery: a duplicate, a delivery racing another, or a key Intake ignores. */
    private int explainNothingDone(SourceObject source, String reportKey, boolean copy) {
        var location = "s3://" + source.bucket() + "/" + source.key();
        var parsed = ObjectKey.parse(source.key());
        if (parsed instanceof ObjectKey.TooLong) {
            err.println("Not imported: the key of " + location + " leaves no room for its report's key beside it (S3 keys"
                    + " take at most " + ObjectKey.MAX_KEY_BYTES + " bytes); upload the file under a shorter name.");
            return 1;
        }
        if (parsed instanceof ObjectKey.Ignored) {
            if (style == ReportStyle.WHOLE) {
                err.println("The handler ignored " + location + ": Intake imports .csv files and ignores its own outputs.");
            }
            return 0;
        }
        var importId = ImportTicket.idOf(source);
        var ledger = ledgerEntry(importId);
        var status = status(ledger);
        // a SUPERSEDED claim names the later upload itself: the key's newest upload expires, claims do not
        var later = "SUPERSEDED".equals(status) ? java.util.Optional.ofNullable(ledger.get("supersededBy")).map(AttributeValue::s)
                : status == null ? laterUploadThan(source) : java.util.Optional.<String>empty();
        if (later.isPresent()) {
            err.println("Not imported: a later upload of " + location + " (sequencer " + later.get() + ") was taken"
                    + " first, and its import stands; this event's upload is older (sequencer "
                    + source.sequencer() + "). Upload the file again to import it.");
            return 1;
        }
        // a copy of the key's last upload is recorded with its own sequencer: it is told of as a copy, below
        var takenAs = status == null && !copy ? takenAsAnother(source) : java.util.Optional.<String>empty();
        if (takenAs.isPresent()) {
            err.println("Not imported: this event's upload of " + location + " (sequencer " + source.sequencer() + ") was"
                    + " taken already, as import " + takenAs.get() + "; the event names it otherwise (no versionId, or"
                    + " another eTag). Give a new event a sequencer of its own (events/README.md), or upload the file again.");
            return 1;
        }
        if (status == null && copy) { // the handler's only silence for an import of the layout
            err.println("Not imported: " + location + " is a copy onto its own key with the bytes of its last upload"
                    + " (a change of storage class, encryption or metadata), not a new file (docs/lifecycle.md). Upload the"
                    + " file again to import it again.");
            return 0;
        }
        if (status == null) {
            err.println("This delivery did nothing and left no record of " + location + " (import " + importId + ").");
            return 1;
        }
        if (BucketImports.UNFINISHED.contains(status)) {
            err.println("This delivery did nothing: another delivery holds import " + importId + " of " + location
                    + " (" + status + "); deliver the event again once its lease has run out to resume it.");
            return 1;
        }
        var finished = "This delivery did nothing: import " + importId + " of " + location
                + " already finished (a repeated delivery of the same upload)";
        var shownKey = ledger.containsKey("reportKey") ? ledger.get("reportKey").s() : reportKey;
        String report;
        try {
            report = aws.s3().getObjectAsBytes(b -> b.bucket(source.bucket()).key(shownKey)).asUtf8String();
        } catch (NoSuchKeyException e) {
            err.println(finished + ". Its report " + shownKey + " is no longer in the bucket; the import ended " + status + ".");
            return exitCode(status);
        }
        if (!importId.equals(ReportText.field(report, "importId"))) {
            // a later upload of the key replaced the report: its status is not this import's
            err.println(finished + ": it ended " + status + counts(ledger) + ". Its report was replaced by that of"
                    + " import " + ReportText.field(report, "importId") + ", a later upload of the key.");
            return exitCode(status);
        }
        err.println(finished + ". Its report:");
        return print(source.bucket(), shownKey, report);
    }

    /** The counts the imports table keeps of a finished import, as the report gives them. */
    private static String counts(Map<String, AttributeValue> ledger) {
        var counts = new StringBuilder();
        for (var name : List.of("rows", "created", "updated", "errors")) {
            var value = ledger.get(name);
            if (value != null && value.n() != null) {
                counts.append(counts.isEmpty() ? " (" : ", ").append(name).append(' ').append(value.n());
            }
        }
        return counts.isEmpty() ? "" : counts.append(')').toString();
    }

    /** An import's status in its imports-table item; null where there is none. */
    private static String status(Map<String, AttributeValue> ledgerEntry) {
        return ledgerEntry == null || !ledgerEntry.containsKey("status") ? null : ledgerEntry.get("status").s();
    }

    private Map<String, AttributeValue> ledgerEntry(String importId) {
        if (importId == null) {
            return null;
        }
        var item = aws.dynamo().getItem(b -> b.tableName(aws.config().importsTable()).consistentRead(true)
                .key(Map.of("importId", AttributeValue.fromS(importId)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    /** Relative to the working directory when it is below it: shorter, and clickable in most terminals. */
    private static String shown(Path file) {
        var here = Path.of("").toAbsolutePath();
        return file.startsWith(here) ? here.relativize(file).toString() : file.toString();
    }

    static int exitCode(String status) {
        return "SUCCEEDED".equals(status) || "VALIDATED".equals(status) ? 0 : 1;
    }
}
