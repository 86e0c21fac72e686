package dev.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.intake.aws.DynamoCatalogStore;
import dev.intake.aws.DynamoIdAllocator;
import dev.intake.aws.DynamoImportLedger;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.DynamoPurchaseOrderStore;
import dev.intake.aws.DynamoCommitStore;
import dev.intake.aws.DynamoSerialRegistry;
import dev.intake.core.imports.CommitSettings;
import dev.intake.aws.S3ImportFile;
import dev.intake.aws.S3ReportSink;
import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.imports.Deadline;
import dev.intake.core.imports.ImportProgress;
import dev.intake.core.imports.ImportRunner;
import dev.intake.core.imports.ProgressListener;
import dev.intake.core.imports.ObjectKey;
import dev.intake.core.inventory.PartInventoryImporter;
import dev.intake.core.purchasing.PurchaseOrderImporter;
import dev.intake.core.report.ImportReport;
import dev.intake.core.report.JsonText;
import dev.intake.core.report.SourceObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Lambda entry point: turns each S3 ObjectCreated record into an import and returns the keys
 * of the reports it wrote. Data problems end up in reports; only infrastructure failures throw,
 * so that Lambda's retry (which the import lifecycle makes safe) can deal with them.
 */
public final class IntakeHandler implements RequestHandler<S3Event, List<String>> {

    /** How often a long import logs a progress line. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    /**
     * The threads commits write on (and lookups read on), shared by every import of this
     * execution environment: a commit keeps at most INTAKE_WRITE_CONCURRENCY units out, so
     * threads beyond that only wait. Daemon threads, so a local JVM can end while they idle.
     */
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(task -> {
        var thread = new Thread(task, "intake-writer");
        thread.setDaemon(true);
        return thread;
    });

    private final S3Client s3;
    private final ImportRunner runner;

    /** Used by the Lambda runtime: SDK clients are built once per execution environment. */
    public IntakeHandler() {
        this(IntakeConfig.fromEnvironment(),
                S3Client.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .forcePathStyle(IntakeConfig.s3EndpointOverridden(System.getenv()))
                        .build(),
                DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
    }

    /** Used by the local runtime and tests, which bring their own clients and table names. */
    public IntakeHandler(IntakeConfig config, S3Client s3, DynamoDbClient dynamo) {
        this(config, s3, dynamo, ProgressListener.every(PROGRESS_INTERVAL, IntakeHandler::logProgress));
    }

    /** As above, with progress of long imports going to {@code progress} instead of the log. */
    public IntakeHandler(IntakeConfig config, S3Client s3, DynamoDbClient dynamo, ProgressListener progress) {
        this.s3 = s3;
        var catalogs = new DynamoCatalogStore(dynamo, config.catalogTable());
        var inventory = new DynamoInventoryStore(dynamo, config.inventoryTable());
        var orders = new DynamoPurchaseOrderStore(dynamo, config.purchaseOrdersTable());
        var serials = new DynamoSerialRegistry(dynamo, config.serialsTable());
        var commits = new DynamoCommitStore(dynamo, config.inventoryTable(), config.purchaseOrdersTable(),
                config.serialsTable(), WRITERS);
        var settings = new CommitSettings(WRITERS, config.writeConcurrency());
        var reader = new CsvFileReader(config.limits());
        this.runner = new ImportRunner(
                List.of(new PartInventoryImporter(catalogs, inventory, serials, orders, commits, settings, reader),
                        new PurchaseOrderImporter(catalogs, orders, inventory, commits, settings, reader)),
                new DynamoImportLedger(dynamo, config.importsTable()),
                new DynamoIdAllocator(dynamo, config.catalogTable()),
                new S3ReportSink(s3),
                Clock.systemUTC(),
                config.lease(),
                config.limits().maxBytes(),
                progress);
    }

    @Override
    public List<String> handleRequest(S3Event event, Context context) {
        var reports = new ArrayList<String>();
        for (var record : event.getRecords()) {
            if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated")) {
                continue;
            }
            var source = sourceOf(record);
            var key = ObjectKey.parse(source.key());
            var report = handle(key, source, deadline(context));
            log(context, source, key, report);
            if (report != null) {
                reports.add(source.key() + ObjectKey.REPORT_SUFFIX);
            }
        }
        return reports;
    }

    private ImportReport handle(ObjectKey key, SourceObject source, Deadline deadline) {
        try {
            return switch (key) {
                case ObjectKey.Upload upload -> runner.run(upload, source, new S3ImportFile(s3, source), deadline).orElse(null);
                case ObjectKey.Misplaced misplaced -> runner.reject(misplaced, source).orElse(null);
                case ObjectKey.Ignored ignored -> null;
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Deadline deadline(Context context) {
        return context == null ? Deadline.NONE : () -> Duration.ofMillis(context.getRemainingTimeInMillis());
    }

    /**
     * The object version an S3 event record names. Public so that tools explaining a delivery
     * (the local CLI) identify the import exactly as the handler does.
     */
    public static SourceObject sourceOf(S3EventNotificationRecord record) {
        var object = record.getS3().getObject();
        // Keys arrive URL-encoded, with + for a space (https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html).
        // The runtime's serializer gives "" for a missing versionId (unversioned bucket): that is no version.
        return new SourceObject(record.getS3().getBucket().getName(), object.getUrlDecodedKey(),
                blankToNull(object.getVersionId()), blankToNull(object.geteTag()), blankToNull(object.getSequencer()),
                object.getSizeAsLong() == null ? 0 : object.getSizeAsLong());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A progress line of a long import: phase, rows done, rate. */
    private static void logProgress(ImportProgress progress) {
        var line = new LinkedHashMap<String, Object>();
        line.put("importId", progress.importId());
        line.put("org", progress.org());
        line.put("importer", progress.importer());
        line.put("key", progress.key());
        line.put("phase", progress.phase().label());
        line.put("rowsDone", progress.rowsDone());
        line.put("rowsTotal", progress.rowsTotal());
        line.put("rowsPerSecond", Math.round(progress.rowsPerSecond()));
        line.put("elapsedMs", progress.elapsed().toMillis());
        System.out.println(JsonText.encode(line));
    }

    /** One structured line per record: bucket, key, outcome and counts; never file contents. */
    private static void log(Context context, SourceObject source, ObjectKey key, ImportReport report) {
        if (context == null || context.getLogger() == null) {
            return;
        }
        var line = new LinkedHashMap<String, Object>();
        line.put("bucket", source.bucket());
        line.put("key", source.key());
        if (report != null) {
            line.put("importId", report.importId());
            line.put("status", report.status());
            line.put("rows", report.counts().rows());
            line.put("created", report.counts().created());
            line.put("updated", report.counts().updated());
            line.put("errors", report.counts().errors());
            line.put("report", source.key() + ObjectKey.REPORT_SUFFIX);
        } else {
            line.put("outcome", key instanceof ObjectKey.Ignored
                    ? "ignored: not a CSV, or one of Intake's own outputs"
                    : "nothing to do: this upload's import already ran or is running (a repeated delivery)");
        }
        context.getLogger().log(JsonText.encode(line) + "\n");
    }
}
