package dev.intake;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.RequestParametersEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3BucketEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3Entity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.UserIdentityEntity;
import dev.intake.aws.CannedAws;
import dev.intake.aws.CatalogItems;
import dev.intake.aws.EmfMetrics;
import dev.intake.aws.ImportEvents;
import dev.intake.aws.JsonLog;
import dev.intake.aws.Telemetry;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.TrackingType;
import dev.intake.core.imports.ProgressListener;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Priming for SnapStart: before Lambda snapshots the initialised function, run the handler's code
 * paths once against nothing real, so that a function restored from the snapshot finds the classes
 * of a whole import already loaded and linked instead of loading them on its first import
 * (docs/operations.md has the figures). Two imports (a Part Inventory commit, a Purchase Orders
 * dry run) go through the real handler, S3, DynamoDB and EventBridge clients, whose HTTP client
 * answers in memory; then the write requests of a commit are marshalled, and every class of the
 * function's own code is loaded.
 */
final class Priming {

    /** {@code INTAKE_PRIMING=off}: no priming (to measure what it is worth, or if it ever misbehaves). */
    static final String INTAKE_PRIMING = "INTAKE_PRIMING";

    /**
     * The spellings of off an operator turning a switch off tries: before, only {@code off} was
     * one, and {@code false} left priming on without a word.
     */
    private static final java.util.Set<String> OFF = java.util.Set.of("off", "false", "no", "0");
    private static final java.util.Set<String> ON = java.util.Set.of("", "on", "true", "yes", "1");

    private static final String INVENTORY_KEY = "priming/part-inventory/priming.csv";
    private static final String PO_KEY = "priming/purchase-orders/validate/priming.csv";

    /**
     * A file for each importer, with values that the catalog of priming ({@link #catalog}) rejects:
     * every row is read, looked up and fails on its supplier, so validation, the errors CSV and the
     * report run. (Until 7 December 2026 one file held the columns of both importers, and each
     * stopped at the other's columns, UNKNOWN_COLUMN, before a row: review "codereading".)
     */
    private static final Map<String, byte[]> FILES = Map.of(
            INVENTORY_KEY, """
                    part_number,revision,serial_number,lot_number,quantity,location,supplier,unit_of_measure
                    PRIMING-PART,A,SN-1,,1,Priming Location,Priming Supplier,each
                    PRIMING-PART,A,,LOT-1,2.5,Priming Location,Priming Supplier,
                    """.getBytes(StandardCharsets.UTF_8),
            PO_KEY, """
                    po_number,supplier,ship_to_location,ordered_at,part_number,revision,description,quantity,cost,need_date,fees
                    PO-PRIMING,Priming Supplier,Priming Location,2026-01-31,PRIMING-PART,A,priming line,1,1.50,1/31/2026,Freight[5][currency]
                    PO-PRIMING,Priming Supplier,Priming Location,2026-01-31,PRIMING-PART,A,priming line,2,2,31-Jan-2026,Freight[5][currency]
                    """.getBytes(StandardCharsets.UTF_8));

    /**
     * What a Query of the catalog table finds while priming: a part, a location and a unit of the
     * CSVs', not their supplier. With no catalog at all both imports stopped at "org has no catalog"
     * before reading a row, and a restored function loaded the classes of validation on its first
     * import (found by review "codereading" on 7 December 2026).
     */
    private static List<Map<String, AttributeValue>> catalog() {
        return List.of(CatalogItems.named("priming", CatalogItems.LOCATION, "Priming Location"),
                CatalogItems.named("priming", CatalogItems.UNIT, "each"),
                CatalogItems.part("priming", new Part("PRIMING-PART", "A", TrackingType.NONE, null, null, null), 1));
    }

    private Priming() {}

    /**
     * Primes, unless {@code INTAKE_PRIMING=off}; a failure is logged, never thrown (it only costs
     * speed). Whether it primed: false when off or failed.
     */
    static boolean run(IntakeConfig config, Map<String, String> env, JsonLog log) {
        var setting = env.getOrDefault(INTAKE_PRIMING, "").trim().toLowerCase(java.util.Locale.ROOT);
        if (OFF.contains(setting)) {
            return false;
        }
        if (!ON.contains(setting)) {
            log.warn("INTAKE_PRIMING not understood: priming on", Map.of("INTAKE_PRIMING", env.get(INTAKE_PRIMING),
                    "expected", "off (or false, no, 0) to turn priming off; on, or unset, to keep it"));
        }
        try {
            prime(config, env, JsonLog.NONE);
            return true;
        } catch (RuntimeException | LinkageError e) {
            log.error("priming failed; restored functions load classes on their first import", Map.of(), e);
            return false;
        }
    }

    /** {@code importLog}: where the priming imports log (nowhere, but in tests). */
    static void prime(IntakeConfig config, Map<String, String> env, JsonLog importLog) {
        try (var aws = CannedAws.answering(FILES, Map.of(config.catalogTable(), catalog()), env)) {
            var telemetry = new Telemetry(importLog, new EmfMetrics(EmfMetrics.DEFAULT_NAMESPACE),
                    ImportEvents.on(aws.eventBridge(), "priming"));
            var handler = new IntakeHandler(config, aws.s3(), aws.dynamo(), ProgressListener.NONE, telemetry);
            handler.handleRequest(event(INVENTORY_KEY), null);
            handler.handleRequest(event(PO_KEY), null);
            aws.marshalCommitWrites(config);
        }
        loadOwnClasses();
    }

    private static S3Event event(String key) {
        var object = new S3ObjectEntity(key, (long) FILES.get(key).length, "0123456789abcdef0123456789abcdef", "priming", "0A");
        var s3 = new S3Entity("priming", new S3BucketEntity("intake-priming", new UserIdentityEntity("priming"),
                "arn:aws:s3:::intake-priming"), object, "1.0");
        var record = new S3EventNotificationRecord("us-east-1", "ObjectCreated:Put", "aws:s3", "2026-01-01T00:00:00.000Z",
                "2.1", new RequestParametersEntity("127.0.0.1"), null, s3, new UserIdentityEntity("AWS:PRIMING"));
        return new S3Event(List.of(record));
    }

    /** Loads (without initialising) every class of the function's own code, wherever it is deployed. */
    private static void loadOwnClasses() {
        var loader = Priming.class.getClassLoader();
        for (var name : ownClassNames()) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // A class that cannot load now fails the same way later, where it is used: not priming's to report.
            }
        }
    }

    private static List<String> ownClassNames() {
        var names = new ArrayList<String>();
        try {
            var location = Path.of(Priming.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isDirectory(location)) {
                try (var files = Files.walk(location.resolve("dev/intake"))) {
                    files.map(file -> location.relativize(file).toString()).forEach(path -> addClass(names, path));
                }
            } else {
                try (var jar = new JarFile(location.toFile())) {
                    jar.stream().forEach(entry -> addClass(names, entry.getName()));
                }
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // Not found where expected: the imports above have loaded most of it anyway.
        }
        return names;
    }

    private static void addClass(List<String> names, String path) {
        var unix = path.replace('\\', '/');
        if (unix.startsWith("dev/intake/") && unix.endsWith(".class")) {
            names.add(unix.substring(0, unix.length() - ".class".length()).replace('/', '.'));
        }
    }
}
