package dev.intake;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.intake.aws.DynamoCatalogStore;
import dev.intake.aws.DynamoIdAllocator;
import dev.intake.aws.DynamoCommitStore;
import dev.intake.aws.DynamoImportLedger;
import dev.intake.aws.DynamoInventoryStore;
import dev.intake.aws.DynamoPurchaseOrderStore;
import dev.intake.aws.DynamoSerialRegistry;
import dev.intake.aws.EmfMetrics;
import dev.intake.aws.HighestStoredIds;
import dev.intake.aws.ImportEvents;
import dev.intake.aws.JsonLog;
import dev.intake.aws.LambdaClients;
import dev.intake.aws.LeaseCheck;
import dev.intake.aws.S3EventRecords;
import dev.intake.aws.S3ImportFile;
import dev.intake.aws.S3ReportSink;
import dev.intake.aws.SdkLogging;
import dev.intake.aws.TableCheck;
import dev.intake.aws.Telemetry;
import dev.intake.core.csv.CsvFileReader;
import dev.intake.core.imports.CommitSettings;
import dev.intake.core.imports.CopiedUploads;
import dev.intake.core.imports.Deadline;
import dev.intake.core.imports.Delivery;
import dev.intake.core.imports.FailedRowsSpool;
import dev.intake.core.imports.ImportRunner;
import dev.intake.core.imports.ObjectKey;
import dev.intake.core.imports.ProgressListener;
import dev.intake.core.inventory.PartInventoryImporter;
import dev.intake.core.purchasing.PurchaseOrderImporter;
import dev.intake.core.report.SourceObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Lambda entry point: turns each S3 ObjectCreated record into an import and returns the keys
 * of the reports it wrote. Data problems end up in reports; only infrastructure failures throw,
 * so that Lambda's retry (which the import lifecycle makes safe) can deal with them. Each report
 * also becomes a log line, a metrics document and an "Import Finished" event ({@link Telemetry}).
 * Under SnapStart it primes itself before the snapshot ({@link #beforeCheckpoint}).
 */
public final class IntakeHandler implements RequestHandler<S3Event, List<String>>, Resource {

    static {
        // The URL-connection client keeps at most http.maxConnections idle connections per host
        // (JDK default 5): with a commit's requests many at once, the rest would be closed after
        // each use and opened again, a TLS handshake each on AWS. The JDK reads it once, on first
        // use, so it is set before any client is built (docs/commit-engine.md, "HTTP client").
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
    }

    /**
     * The threads commits write on (and lookups and batched reads run on), shared by every import of this
     * execution environment: a commit keeps at most INTAKE_WRITE_CONCURRENCY slots of a hundred
     * writes out (a unit of 300 creates takes three), so threads beyond that only wait. Daemon
     * threads, so a local JVM can end while they idle.
     */
    private static final ExecutorService WRITERS = Executors.newCachedThreadPool(task -> {
        var thread = new Thread(task, "intake-writer");
        thread.setDaemon(true);
        return thread;
    });

    /** How often a long import logs a progress line. */
    static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(5);

    private final S3Client s3;
    private final ImportRunner runner;
    private final CopiedUploads copies;
    private final Telemetry telemetry;
    private final IntakeConfig config;
    private final TableCheck tables;

    /** Used by the Lambda runtime: SDK clients are built once per execution environment. */
    public IntakeHandler() {
        // The SDK's log provider goes in first: the HTTP client below already logs through SLF4J.
        this(IntakeConfig.fromEnvironment(), System.getenv(), SdkLogging.install(JsonLog.toLambda()));
    }

    private IntakeHandler(IntakeConfig config, Map<String, String> env, JsonLog log) {
        this(config, env, log, UrlConnectionHttpClient.create());
    }

    private IntakeHandler(IntakeConfig config, Map<String, String> env, JsonLog log, SdkHttpClient http) {
        this(config, LambdaClients.s3(http, null, env), LambdaClients.dynamo(http, null),
                lambdaTelemetry(TelemetryConfig.from(env), log, http));
        // The runtime holds the handler for the environment's whole life, so the registration stays valid.
        Core.getGlobalContext().register(this);
        if (env.containsKey("AWS_LAMBDA_FUNCTION_NAME")) { // on Lambda, where /tmp is this process's alone
            FailedRowsSpool.removeLeftovers(Path.of(System.getProperty("java.io.tmpdir")));
        }
    }

    private static Telemetry lambdaTelemetry(TelemetryConfig settings, JsonLog log, SdkHttpClient http) {
        var events = settings.eventBus() == null ? ImportEvents.NONE
                : ImportEvents.on(LambdaClients.eventBridge(http, null), settings.eventBus());
        return new Telemetry(log, new EmfMetrics(settings.metricsNamespace()), events);
    }

    /**
     * With clients and table names of the caller's: the CLI's imports (`./intake`), the benchmarks
     * and the tests. Log lines go to the invocation's logger; no metrics, no events.
     */
    public IntakeHandler(IntakeConfig config, S3Client s3, DynamoDbClient dynamo) {
        this(config, s3, dynamo, Telemetry.logOnly());
    }

    /** As above, with progress of long imports going to {@code progress} instead of the log. */
    public IntakeHandler(IntakeConfig config, S3Client s3, DynamoDbClient dynamo, ProgressListener progress) {
        this(config, s3, dynamo, progress, Telemetry.logOnly());
    }

    /** With the given telemetry, progress lines included. */
    public IntakeHandler(IntakeConfig config, S3Client s3, DynamoDbClient dynamo, Telemetry telemetry) {
        this(config, s3, dynamo, ProgressListener.every(PROGRESS_INTERVAL, telemetry::progress), telemetry);
    }

    public IntakeHandler(IntakeConfig config, S3Client s3, DynamoDbClient dynamo, ProgressListener progress,
                         Telemetry telemetry) {
        LeaseCheck.requireOn(dynamo); // an import's writes must go out under its lease: see LeaseCheck
        this.s3 = s3;
        this.config = config;
        this.telemetry = telemetry;
        this.tables = new TableCheck(dynamo, config);
        var catalogs = new DynamoCatalogStore(dynamo, config.catalogTable());
        var inventory = new DynamoInventoryStore(dynamo, config.inventoryTable(), WRITERS);
        var orders = new DynamoPurchaseOrderStore(dynamo, config.purchaseOrdersTable(), WRITERS);
        var serials = new DynamoSerialRegistry(dynamo, config.serialsTable());
        var ledger = new DynamoImportLedger(dynamo, config.importsTable(), WRITERS);
        var commits = new DynamoCommitStore(dynamo, config.inventoryTable(), config.purchaseOrdersTable(),
                config.serialsTable(), config.importsTable(), config.createWrites() == IntakeConfig.CreateWrites.TRANSACTIONS, WRITERS);
        var settings = new CommitSettings(WRITERS, config.writeConcurrency());
        var reader = new CsvFileReader(config.limits());
        this.copies = new CopiedUploads(ledger, source -> new S3ImportFile(s3, source));
        this.runner = new ImportRunner(
                List.of(new PartInventoryImporter(catalogs, inventory, serials, orders, commits, settings, reader),
                        new PurchaseOrderImporter(catalogs, orders, inventory, commits, settings, reader)),
                ledger,
                new DynamoIdAllocator(dynamo, config.catalogTable(),
                        new HighestStoredIds(dynamo, config.inventoryTable(), config.purchaseOrdersTable(), WRITERS)),
                new S3ReportSink(s3),
                Clock.systemUTC(),
                config.lease(),
                config.limits().maxBytes(),
                config.retriedWithin(),
                progress);
    }

    @Override
    public List<String> handleRequest(S3Event event, Context context) {
        telemetry.begin(context);
        try {
            var deadline = deadline(context);
            var atStart = deadline.remaining(); // what the function's timeout gives: later records have less, rightly
            var reports = new ArrayList<String>();
            for (var record : event.getRecords()) {
                if (record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated")) {
                    continue;
                }
                SourceObject source;
                try {
                    source = S3EventRecords.sourceOf(record);
                } catch (IllegalArgumentException undecodable) {
                    // one bad record must not stop the others, nor fail the event on every retry
                    telemetry.undecodableKey(record.getS3().getBucket().getName(), record.getS3().getObject().getKey(), undecodable);
                    continue;
                }
                var key = ObjectKey.parse(source.key());
                switch (handle(key, source, S3EventRecords.isCopy(record), deadline, atStart)) {
                    case Delivery.Reported reported -> {
                        telemetry.finished(reported.report(), reported.reportKey());
                        reports.add(reported.reportKey());
                    }
                    case Delivery.Superseded superseded -> telemetry.superseded(source, superseded.laterSequencer(), key);
                    case Delivery.CopyOfItsLastUpload copy -> telemetry.copyOfItsLastUpload(source);
                    case Delivery.Unreportable unreportable -> telemetry.unreportable(source);
                    case Delivery.NothingToDo nothing -> telemetry.nothingToDo(source, nothing.why());
                }
            }
            return reports;
        } finally {
            telemetry.end();
        }
    }

    private Delivery handle(ObjectKey key, SourceObject source, boolean copied, Deadline deadline, Duration atStart) {
        try {
            if (!(key instanceof ObjectKey.Ignored)) {
                tables.requireOnce(); // before anything is claimed: a wrong table left imports half begun
            }
            if (key instanceof ObjectKey.Upload) {
                ImportRunner.requireTimeToWork(atStart);
            }
            return switch (key) {
                case ObjectKey.Upload upload when copied && copies.skipAsCopyOfLastUpload(source) -> new Delivery.CopyOfItsLastUpload();
                case ObjectKey.Upload upload -> runner.run(upload, source, new S3ImportFile(s3, source), deadline);
                case ObjectKey.Misplaced misplaced -> runner.reject(misplaced, source);
                case ObjectKey.Ignored ignored -> Delivery.NothingToDo.IGNORED;
                case ObjectKey.TooLong tooLong -> runner.refuseUnreportable(tooLong, source);
            };
        } catch (IOException e) {
            var failure = new UncheckedIOException(e);
            telemetry.failed(source, failure);
            throw failure;
        } catch (RuntimeException e) {
            telemetry.failed(source, e);
            throw e;
        }
    }

    private static Deadline deadline(Context context) {
        return context == null ? Deadline.NONE : () -> Duration.ofMillis(context.getRemainingTimeInMillis());
    }

    /**
     * SnapStart is about to snapshot this initialised function: finish priming it, so that the
     * first import after a restore loads nothing new (docs/operations.md). Priming never fails the
     * snapshot: an error only costs the restored function some speed.
     */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.run(config, System.getenv(), telemetry.log());
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // Nothing to renew: clients resolve credentials per request, and imports hold no connections.
    }
}
