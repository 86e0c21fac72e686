package dev.intake.local;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.intake.aws.S3EventRecords;
import dev.intake.core.imports.ObjectKey;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@code ./intake}: runs the real handler against local S3 and DynamoDB (SPEC §10). Exit codes:
 * 0 when every report says SUCCEEDED or VALIDATED, 1 when one says FAILED or the command failed,
 * 2 for usage errors; 3 when the JVM runs out of memory (the {@code ./intake} script's JVM flags).
 */
public final class IntakeCli {

    static final String USAGE = """
            usage: ./intake COMMAND
              catalog FILE.json                   load or merge an org's catalog
              claim-serials --org ORG             claim the serials of inventory stored before serial
                                                  claims existed, or mend claims after a restore
                                                  (docs/deploy.md, "Updating", "Restoring tables")
              import FILE.csv [--key ORG/IMPORTER/NAME.csv] [--quiet]
                                                  upload to the local bucket, deliver the S3 event to the
                                                  handler as Lambda would, print the report; without --key
                                                  the key is the file's last three path segments (four
                                                  under validate/). Progress on stderr unless --quiet
              invoke EVENT.json [--quiet]         deliver an S3 event file (like sam local invoke -e)
              dump inventory|purchase-orders|imports [--org ORG]
                                                  print stored records, one JSON object per line
              export part-inventory|purchase-orders --org ORG [--out FILE.csv]
                                                  the org's records as a CSV in the importer's columns:
                                                  edit it and import it back
              template part-inventory|purchase-orders --org ORG [--out FILE.csv]
                                                  the header row: every column, the org's attributes too
              serve [--s3-port N] [--dynamodb-port N]
                                                  keep S3 and DynamoDB running on 127.0.0.1 (ports 8001
                                                  and 8000) and import every .csv that lands in the
                                                  bucket; other commands use it while it runs. Ctrl-C stops
              reset                               wipe local state
            Exit codes: 0 SUCCEEDED or VALIDATED, 1 FAILED or an error, 2 usage error, 3 out of memory,
            130 stopped by Ctrl-C (the next command finishes the import).
            State lives in .intake/ (INTAKE_HOME); see docs/configuration.md for the other variables.
            """;

    /** What the state folder holds; reset deletes these and nothing else. */
    private static final List<String> STATE_ENTRIES = List.of("dynamodb", "s3", "sequencer", ServeState.FILE,
            ServeState.UPLOADS, "lock");
    static final int DEFAULT_DYNAMODB_PORT = 8000;
    static final int DEFAULT_S3_PORT = 8001;

    /** How long Ctrl-C waits for an import to stop at a row and give its lease back. */
    private static final Duration STOP_WAIT = Duration.ofMinutes(1);

    private final Map<String, String> env;
    /** Counted down when a command has ended: Ctrl-C's hook waits for it. */
    private volatile CountDownLatch commandDone = new CountDownLatch(1);
    private final Path workingDirectory;
    private final Path template;
    private final PrintStream out;
    private final PrintStream err;
    /** Whether stderr is a terminal, where progress rewrites one line; ./intake tells (isatty), else plain lines. */
    private boolean stderrIsTerminal;
    /** Null for the defaults of ProgressLine; tests shorten it so that a small file shows progress. */
    private Duration progressInterval;

    public IntakeCli(Map<String, String> env, Path workingDirectory, Path template, PrintStream out, PrintStream err) {
        this.env = Env.withoutBlanks(env);
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.template = template;
        this.out = TerminalText.safe(out);
        this.err = TerminalText.safe(err);
    }

    /** Progress as on a terminal (one rewritten line) or not, every {@code interval} (null: the default). */
    IntakeCli progress(boolean terminal, Duration interval) {
        this.stderrIsTerminal = terminal;
        this.progressInterval = interval;
        return this;
    }

    public static void main(String[] args) {
        // The embedded DynamoDB Local formats its SQL in the default locale: under one whose digits
        // are not ASCII (ar-EG, fa-IR, bn-BD) every request failed.
        Locale.setDefault(Locale.Category.FORMAT, Locale.ROOT);
        var template = Path.of(System.getProperty("intake.template", "template.yaml"));
        var out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        var err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
        // Out of memory ends the JVM at once, with a line saying so: the ./intake script passes
        // -XX:+ExitOnOutOfMemoryError and -XX:OnOutOfMemoryError (an emulator's thread may be the one).
        int code = new IntakeCli(System.getenv(), Path.of(""), template, out, err)
                .progress(Boolean.getBoolean("intake.stderrIsTerminal"), null)
                .run(args);
        out.flush();
        err.flush();
        // The emulators are stopped by now, but a stray non-daemon thread must not keep the CLI alive.
        System.exit(code);
    }

    public int run(String... args) {
        commandDone = new CountDownLatch(1);
        try {
            return dispatch(List.of(args));
        } catch (UsageException e) {
            err.println("intake: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (CatalogException | CliFailure e) {
            err.println("intake: " + e.getMessage() + damagedStateHint(e));
            return 1;
        } catch (Exception e) {
            err.println("intake: " + describe(e) + damagedStateHint(e));
            if (env.containsKey("INTAKE_DEBUG")) {
                e.printStackTrace(err);
            }
            return 1;
        } finally {
            out.flush();
            err.flush();
            commandDone.countDown();
        }
    }

    private int dispatch(List<String> args) throws Exception {
        if (args.isEmpty()) {
            throw new UsageException("no command given");
        }
        var rest = args.subList(1, args.size());
        // `./intake serve --help` is what a newcomer types first (it was a usage error: found by review)
        if (rest.contains("--help") || rest.contains("-h")) {
            out.print(USAGE);
            return 0;
        }
        return switch (args.getFirst()) {
            case "help", "-h", "--help" -> {
                out.print(USAGE);
                yield 0;
            }
            case "catalog" -> catalog(CommandArguments.parse("catalog", rest, Set.of(), Set.of()).word("catalog FILE.json"));
            case "claim-serials" -> claimSerials(CommandArguments.parse("claim-serials", rest, Set.of("--org"), Set.of()));
            case "import" -> importFile(CommandArguments.parse("import", rest, Set.of("--key"), Set.of("--quiet")));
            case "invoke" -> invoke(CommandArguments.parse("invoke", rest, Set.of(), Set.of("--quiet")));
            case "dump" -> dump(CommandArguments.parse("dump", rest, Set.of("--org"), Set.of()));
            case "export" -> export(CommandArguments.parse("export", rest, Set.of("--org", "--out"), Set.of()), true);
            case "template" -> export(CommandArguments.parse("template", rest, Set.of("--org", "--out"), Set.of()), false);
            case "serve" -> serve(CommandArguments.parse("serve", rest, Set.of("--s3-port", "--dynamodb-port"), Set.of()));
            case "reset" -> {
                if (!rest.isEmpty()) {
                    throw new UsageException("reset takes no arguments");
                }
                yield reset();
            }
            default -> throw new UsageException("unknown command \"" + args.getFirst() + "\"");
        };
    }

    private int catalog(String fileArgument) throws Exception {
        var file = existingFile(fileArgument);
        var catalog = CatalogFile.read(file);
        try (var aws = startAws()) {
            if (!aws.realAws()) { // a load is refused where an unfinished import last wrote: finish those first
                finishStoppedImports(aws, () -> progressLine(false));
            }
            out.println(loadUntilStopped(new CatalogLoader(aws.dynamo(), aws.config()), catalog, fileArgument, file));
        }
        return 0;
    }

    /**
     * Loads {@code catalog}; Ctrl-C meanwhile is said, as a load DynamoDB stops is (until 5
     * December 2026 it exited without a word; until 7 December the load {@code ./intake import}
     * makes of an org's catalog did so still: review "interrupts"), and the org's lease given back,
     * so that loading again is not refused meanwhile.
     */
    private CatalogLoader.Summary loadUntilStopped(CatalogLoader loader, CatalogFile catalog, String shown, Path file)
            throws CatalogException {
        var stopped = new Thread(() -> {
            try {
                loader.stop();
            } catch (RuntimeException unreachable) {
                // DynamoDB gone first: the lease runs out on its own
            }
            err.println("intake: stopped: the catalog load may have written part of " + shown
                    + "; load the catalog again to finish it (./intake import loads it again by itself)");
        }, "intake-catalog-stop");
        Runtime.getRuntime().addShutdownHook(stopped);
        try {
            return loader.load(catalog, shown, file);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopped);
            } catch (IllegalStateException shuttingDown) {
                // the hook is saying so
            }
        }
    }

    /** Exit 1 when two stored items hold one serial: those are left unclaimed, for someone to resolve. */
    private int claimSerials(CommandArguments args) throws Exception {
        var org = org(args);
        if (org == null) {
            throw new UsageException("claim-serials needs --org ORG");
        }
        try (var aws = startAws()) {
            // a typo claimed nothing and said so as a job done: an operator restoring tables took it for done
            if (!new CatalogLoader(aws.dynamo(), aws.config()).hasCatalog(org)) {
                throw new CliFailure(org + " has no catalog here, so no inventory to claim the serials of: check the org's"
                        + " name (./intake dump imports lists the orgs that imported)");
            }
            var result = new SerialBackfill(aws.dynamo(), aws.config()).run(org);
            out.println(result);
            return result.duplicates().isEmpty() ? 0 : 1;
        }
    }

    /**
     * The {@code --org} option, checked as an upload's key checks its org: an empty one reached
     * DynamoDB and printed its validation error, and "ac/me" passed for an org with nothing in it.
     */
    private static String org(CommandArguments args) {
        var org = args.option("--org");
        if (org != null && (!ObjectKey.validOrg(org) || org.contains("/"))) {
            throw new UsageException("--org \"" + org + "\" is no org's name: an org is the first folder of an upload's"
                    + " key, not blank, without '/' or '#', and not beginning or ending with a space");
        }
        return org;
    }

    private int importFile(CommandArguments args) throws Exception {
        var file = existingFile(args.word("import FILE.csv [--key ORG/IMPORTER/NAME.csv]"));
        var key = args.option("--key") == null ? keyFor(file) : checkedKey(args.option("--key"));
        var importer = key.split("/")[1];
        if (args.option("--key") == null && !CsvExports.IMPORTERS.contains(importer)) {
            // the report will say "unknown importer"; say where that came from
            err.println("intake: the key " + key + " was taken from the file's path, and \"" + importer + "\" is no importer:"
                    + " put the file in an <org>/part-inventory/ or <org>/purchase-orders/ folder, or give --key ORG/IMPORTER/NAME.csv");
        }
        try (var aws = startAws()) {
            refuseRealAws(aws, "import");
            finishStoppedImports(aws, () -> progressLine(args));
            loadSampleCatalog(aws, key, file);
            var progress = progressLine(args);
            var invoke = new LocalInvoke(aws, sequencer(), out, err, progress, LocalInvoke.ReportStyle.WHOLE);
            return untilStopped(invoke, progress, () -> invoke.deliver(invoke.upload(file, aws.bucket(), key)));
        }
    }

    /** What {@link #untilStopped} runs: a delivery, which may throw what reading a file throws. */
    private interface DeliveryRun {
        int run() throws Exception;
    }

    /**
     * Runs {@code delivery}; Ctrl-C (or a TERM signal) meanwhile stops it at the next row rather
     * than killing it mid-write, and leaves the import for the next command to finish. Before, the
     * command died without a word, its import half written with its lease held for 15 minutes,
     * and running the command again imported the file a second time beside it.
     */
    private int untilStopped(LocalInvoke invoke, ProgressLine progress, DeliveryRun delivery) throws Exception {
        var done = commandDone;
        var stop = new Thread(() -> {
            invoke.stop();
            try { // until the command has said so and closed the emulators
                done.await(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "intake-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return delivery.run();
        } finally {
            progress.done();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException shuttingDown) {
                // the hook is waiting for this command to end
            }
        }
    }

    /**
     * Delivers again, before this command's own, the events of imports that a stopped command
     * left unfinished and whose lease has run out (or was given back at the stop), as Lambda's
     * retry would; one still leased (a command killed outright holds its lease until it runs out,
     * INTAKE_LEASE_SECONDS after its last renewal: 45 s by default) is named, with when it can be
     * finished. Their reports go to stderr: stdout is this command's.
     */
    private void finishStoppedImports(LocalAws aws, java.util.function.Supplier<ProgressLine> progressLines) throws Exception {
        for (var left : BucketImports.unfinishedOnly(aws)) {
            if (left.leaseUntil().isAfter(Instant.now())) {
                if (aws.attachedServe().isEmpty()) { // behind a serve, the serve's own imports under way are leased
                    err.println("intake: " + left.key() + ": an import a stopped command left unfinished; its lease runs out at "
                            + left.leaseUntil() + ", and the next ./intake import, invoke, catalog or serve after that finishes it.");
                }
                continue;
            }
            err.println("intake: " + left.key() + ": finishing first the import a stopped command left unfinished...");
            // its progress, as the command's own import shows it: a large one was silent for minutes (stop 48's operator review)
            var progress = progressLines.get();
            var resume = new LocalInvoke(aws, sequencer(), err, err, progress, LocalInvoke.ReportStyle.SUMMARY);
            try {
                // Ctrl-C now stops this one too, lease given back (found by review: it kept its lease)
                untilStopped(resume, progress, () -> resume.deliver(left.eventJson(aws.region(), aws.bucket())));
            } catch (CliFailure e) {
                if (resume.stopped()) {
                    throw e; // the command stops here: its own file is not uploaded
                }
                err.println("intake: " + left.key() + ": " + e.getMessage());
            }
        }
    }

    private int invoke(CommandArguments args) throws Exception {
        var eventArgument = args.word("invoke EVENT.json");
        var eventFile = existingFile(eventArgument);
        String json;
        try {
            json = JsonFiles.read(eventFile);
        } catch (JsonFiles.NotUtf8 e) {
            throw new CliFailure(eventArgument + ": " + e.getMessage());
        }
        S3Event event;
        try {
            event = LocalInvoke.parse(json);
        } catch (CliFailure notAnEvent) {
            // named, as the encoding errors are: "not an S3 event" alone did not say which file (review "own56f")
            throw new CliFailure(eventArgument + ": " + notAnEvent.getMessage());
        }
        try (var aws = startAws()) {
            refuseRealAws(aws, "invoke");
            finishStoppedImports(aws, () -> progressLine(args));
            var progress = progressLine(args);
            var invoke = new LocalInvoke(aws, sequencer(), out, err, progress, LocalInvoke.ReportStyle.WHOLE);
            for (var record : event.getRecords()) {
                if (record.getS3() == null || record.getS3().getBucket() == null || record.getS3().getObject() == null) {
                    throw new CliFailure(eventArgument + ": a record has no s3.bucket or s3.object");
                }
                var bucket = record.getS3().getBucket().getName();
                var key = record.getS3().getObject().getUrlDecodedKey();
                aws.ensureBucket(bucket);
                var stored = head(aws, bucket, key);
                var eventETag = record.getS3().getObject().geteTag();
                // an upload older than one imported, or one taken already under another id, is not read at
                // all: the result says so instead (the second found by review "docs53")
                var source = S3EventRecords.sourceOf(record);
                if (stored.isPresent() && eventETag != null && !eventETag.isBlank()
                        && !eventETag.equals(S3Events.unquoted(stored.get().eTag())) && invoke.laterUploadThan(source).isEmpty()
                        && invoke.takenAsAnother(source).isEmpty()) {
                    err.println("Warning: s3://" + bucket + "/" + key + " has eTag " + S3Events.unquoted(stored.get().eTag())
                            + ", the event says " + eventETag + ": the handler reads only the object the event names,"
                            + " so the import will fail with FILE_UNAVAILABLE: put the file the event was written for"
                            + " back at that key first (events/README.md).");
                }
                if (stored.isEmpty()) {
                    // S3 only sends events for objects it holds: put the sample the event was written for in place.
                    var sample = findUpwards(eventFile, Path.of("samples").resolve(key))
                            .orElseThrow(() -> new CliFailure("s3://" + bucket + "/" + key + " is not in the local bucket,"
                                    + " and no samples/" + key + " was found near " + eventArgument
                                    + "; upload it first: ./intake import FILE --key " + key));
                    loadSampleCatalog(aws, key, sample);
                    invoke.upload(sample, bucket, key);
                    err.println("Uploaded " + workingDirectory.relativize(sample.toAbsolutePath()) + " to s3://" + bucket + "/"
                            + key + " (the event names an object the local bucket did not have).");
                }
            }
            return untilStopped(invoke, progress, () -> invoke.deliver(json));
        }
    }

    /** Progress of the import on stderr, or none with {@code --quiet}. */
    private ProgressLine progressLine(CommandArguments args) {
        return progressLine(args.flag("--quiet"));
    }

    private ProgressLine progressLine(boolean quiet) {
        if (quiet) {
            return ProgressLine.silent();
        }
        return progressInterval == null ? new ProgressLine(err, stderrIsTerminal)
                : new ProgressLine(err, stderrIsTerminal, progressInterval);
    }

    private int dump(CommandArguments args) throws Exception {
        var what = args.word("dump inventory|purchase-orders|imports [--org ORG]");
        var org = org(args);
        if (!List.of("inventory", "purchase-orders", "imports").contains(what)) {
            throw new UsageException("cannot dump \"" + what + "\": choose inventory, purchase-orders or imports");
        }
        try (var aws = startAws()) {
            if (org != null && !what.equals("imports")) {
                CsvExports.partlyWrittenImports(aws, org, "this dump").forEach(note -> err.println("intake: " + note));
            }
            var dump = new Dump(aws, out);
            switch (what) {
                case "inventory" -> dump.inventory(org);
                case "purchase-orders" -> dump.purchaseOrders(org);
                default -> dump.imports(org);
            }
        }
        return 0;
    }

    /** {@code export} (the org's records) or {@code template} (the header only) as CSV, to a file or stdout. */
    private int export(CommandArguments args, boolean withRecords) throws Exception {
        var command = withRecords ? "export" : "template";
        var importer = args.word(command + " part-inventory|purchase-orders --org ORG [--out FILE.csv]");
        var org = org(args);
        if (!CsvExports.IMPORTERS.contains(importer)) {
            throw new UsageException("unknown importer \"" + importer + "\": choose part-inventory or purchase-orders");
        }
        if (org == null) {
            throw new UsageException(command + " needs --org ORG");
        }
        var target = args.option("--out");
        try (var aws = startAws()) {
            if (!new CatalogLoader(aws.dynamo(), aws.config()).hasCatalog(org)) {
                err.println("intake: " + org + " has no catalog here, so no attribute columns (load one: ./intake catalog FILE.json)");
            }
            var table = CsvExports.table(aws, importer, org, withRecords);
            table.notes().forEach(note -> err.println("intake: " + note));
            if (target == null) {
                // stdout is for pipes: no byte order mark there.
                CsvExports.write(table, new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), false,
                        note -> err.println("intake: " + note));
                return 0;
            }
            long rows = writeWhole(workingDirectory.resolve(target).normalize(), target, table, note -> err.println("intake: " + note));
            err.println("Wrote " + (withRecords ? rows + " rows of " + org + "'s " + importer : "the " + importer
                    + " template of " + org) + " to " + target + ".");
        }
        return 0;
    }

    /**
     * Writes {@code table} to a file beside {@code file} and moves it into place once whole: an
     * export that fails partway (a full disk, the tables gone) leaves the file that was there, not
     * one cut mid-row, which imported back would update part of the org with cut values (found by
     * review on 4 December 2026). The new file gets the permissions of any file the user creates,
     * or those of the file it replaces; a link keeps pointing where it did, at the new file; a
     * device or pipe ({@code /dev/stdout}) is written as it is. Returns the rows written.
     */
    private static long writeWhole(Path file, String target, CsvTable table, java.util.function.Consumer<String> notes) {
        if (Files.isDirectory(file)) {
            throw new CliFailure("could not write " + target + ": it is a folder");
        }
        Path partial = null;
        try {
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                try (var writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    return CsvExports.write(table, writer, true, notes);
                }
            }
            var real = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
            if (Files.exists(real) && !Files.isWritable(real)) {
                throw new java.nio.file.AccessDeniedException(real.toString());
            }
            partial = real.resolveSibling("." + real.getFileName() + ".partial-" + ProcessHandle.current().pid());
            // Ctrl-C mid-export ends the JVM without the finally below: its shutdown deletes the hidden
            // file (it was left behind, unnamed, beside the user's file); once moved into place there is none.
            partial.toFile().deleteOnExit();
            long rows;
            try (var writer = Files.newBufferedWriter(partial, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                rows = CsvExports.write(table, writer, true, notes);
            }
            if (Files.exists(real) && Files.getFileStore(real).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(partial, Files.getPosixFilePermissions(real));
            }
            FileReplacement.moveIntoPlace(partial, real);
            return rows;
        } catch (IOException e) {
            var reason = switch (e) {
                case java.nio.file.NoSuchFileException missing -> "no such folder";
                case java.nio.file.AccessDeniedException denied -> "permission denied";
                case java.nio.file.FileSystemException problem when problem.getReason() != null -> problem.getReason();
                default -> describe(e);
            };
            throw new CliFailure("could not write " + target + ": " + reason + "; nothing was written to it");
        } finally {
            if (partial != null) {
                try {
                    Files.deleteIfExists(partial);
                } catch (IOException ignored) {
                    // a leftover .partial file harms nothing: the target is untouched
                }
            }
        }
    }

    private int serve(CommandArguments args) throws Exception {
        if (!args.words().isEmpty()) {
            throw new UsageException("serve takes no file: serve [--s3-port N] [--dynamodb-port N]");
        }
        var ports = new LocalAws.Ports(port(args, "--dynamodb-port", "INTAKE_DYNAMODB_PORT", DEFAULT_DYNAMODB_PORT),
                port(args, "--s3-port", "INTAKE_S3_PORT", DEFAULT_S3_PORT));
        if (ports.dynamodb() == ports.s3() && ports.s3() != 0) {
            // each emulator needs its own: "taken by another program" blamed serve's own DynamoDB Local (review "cli")
            throw new UsageException("the S3 and DynamoDB ports are both " + ports.s3() + " (--s3-port or INTAKE_S3_PORT, by"
                    + " default " + DEFAULT_S3_PORT + "; --dynamodb-port or INTAKE_DYNAMODB_PORT, by default " + DEFAULT_DYNAMODB_PORT
                    + "): give each its own port");
        }
        if (!Files.isRegularFile(template)) {
            throw new CliFailure("template.yaml not found at " + template + ": the local tables are created from it");
        }
        refuseHomeThatIsAFile();
        LocalAws aws;
        try {
            aws = LocalAws.serve(template, env, home(), ports);
        } catch (LocalAws.PortTakenException e) {
            throw new CliFailure(e.getMessage());
        }
        Serve.runUntilStopped(aws, sequencer(), out, err, home());
        return 0;
    }

    private int port(CommandArguments args, String option, String variable, int fallback) {
        var text = args.option(option) != null ? args.option(option) : env.get(variable);
        if (text == null) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(text.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the usage error below
        }
        throw new UsageException(option + " (or " + variable + ") must be a port number from 0 to 65535, got \"" + text + "\"");
    }

    private int reset() throws IOException {
        if (Env.endpoint(env, Env.AWS_ENDPOINT_URL_S3) != null || Env.endpoint(env, Env.AWS_ENDPOINT_URL_DYNAMODB) != null) {
            throw new CliFailure("reset wipes the embedded emulators' state only; with AWS_ENDPOINT_URL* set it deletes nothing");
        }
        refuseHomeThatIsAFile();
        var home = home();
        if (!Files.isDirectory(home)) {
            out.println("Nothing to reset: " + home + " does not exist.");
            return 0;
        }
        try (var channel = FileChannel.open(home.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             var lock = tryLock(channel)) {
            if (lock == null) {
                throw new CliFailure(new ServeState(home).read()
                        .map(serve -> "an ./intake serve (pid " + serve.pid() + ") is using " + home + ": stop it (Ctrl-C) first")
                        .orElse("another ./intake is using " + home + "; wait for it to finish"));
            }
            // Only what Intake put there: INTAKE_HOME pointed at the wrong folder must not lose its files.
            for (var entry : STATE_ENTRIES) {
                if (!entry.equals("lock")) {
                    deleteRecursively(home.resolve(entry));
                }
            }
        }
        Files.deleteIfExists(home.resolve("lock"));
        try (var left = Files.list(home)) {
            if (left.findAny().isEmpty()) {
                Files.delete(home);
            }
        }
        out.println("Local state wiped: " + home);
        return 0;
    }

    /** INTAKE_HOME naming a file: "already exists" was all the emulators' start said, and reset said "does not exist". */
    private void refuseHomeThatIsAFile() {
        var home = home();
        if (Files.exists(home) && !Files.isDirectory(home)) {
            throw new CliFailure("INTAKE_HOME " + home + " is a file, not a folder: point INTAKE_HOME at a folder"
                    + " (docs/configuration.md)");
        }
    }

    private LocalAws startAws() throws Exception {
        if (!LocalAws.targetsRealAws(env) && !Files.isRegularFile(template)) {
            throw new CliFailure("template.yaml not found at " + template + ": the local tables are created from it");
        }
        refuseHomeThatIsAFile();
        var aws = LocalAws.start(template, env, home());
        if (env.containsKey("INTAKE_DEBUG")) {
            err.println("intake: using " + aws.description());
        }
        return aws;
    }

    private void refuseRealAws(LocalAws aws, String command) {
        if (aws.realAws()) {
            throw new CliFailure(command + " runs the handler locally, so it needs the embedded emulators or an"
                    + " AWS_ENDPOINT_URL (LocalStack); against AWS, upload with `aws s3 cp` and the deployed function imports it");
        }
    }

    /**
     * On a fresh state, {@code ./intake import samples/acme/part-inventory/x.csv} just works: an org
     * without a catalog gets the {@code <org>/catalog.json} found above the file, if there is one.
     */
    private void loadSampleCatalog(LocalAws aws, String key, Path file) throws CatalogException {
        var org = key.substring(0, key.indexOf('/'));
        if (!ObjectKey.validOrg(org)) {
            return; // no catalog can be loaded for it, and the report says why the key is refused
        }
        var loader = new CatalogLoader(aws.dynamo(), aws.config());
        var unfinished = loader.unfinishedLoads(org);
        boolean hasCatalog = loader.hasCatalog(org);
        if (unfinished.isEmpty() && hasCatalog) {
            return;
        }
        var found = findUpwards(file, Path.of(org, "catalog.json")).map(path -> path.toAbsolutePath().normalize());
        boolean foundUnfinished = found.isPresent() && unfinished.stream().anyMatch(left -> found.get().equals(left.path()));
        // only the file that did not finish finishes it (review "own52c": another was loaded "again", the mark cleared)
        unfinished.stream().filter(left -> found.isEmpty() || !found.get().equals(left.path())).forEach(left ->
                err.println("intake: the last catalog load of " + org + " from " + left.named() + " did not finish, so its"
                        + " files may name parts, locations or columns it has not stored yet: load it again (./intake catalog "
                        + left.named() + ")"));
        if (hasCatalog && !foundUnfinished) {
            return;
        }
        if (found.isEmpty()) {
            // else every part is UNKNOWN_REFERENCE and every attribute column UNKNOWN_COLUMN, and
            // nothing says why
            err.println("intake: " + org + " has no catalog here, so its files know no parts, locations or attribute"
                    + " columns (load one: ./intake catalog FILE.json)");
            return;
        }
        var catalog = CatalogFile.read(found.get());
        if (!org.equals(catalog.org())) {
            err.println("intake: not loading " + found.get() + ": it is the catalog of \"" + catalog.org() + "\", not " + org);
            return;
        }
        var shown = workingDirectory.relativize(found.get()).toString();
        var summary = loadUntilStopped(loader, catalog, shown, found.get());
        err.println(foundUnfinished ? org + "'s last catalog load from " + shown + " did not finish: loaded it again. " + summary
                : org + " had no catalog yet: loaded " + shown + ". " + summary);
    }

    private Sequencer sequencer() {
        return new Sequencer(home().resolve("sequencer"), Clock.systemUTC());
    }

    private Path home() {
        var home = env.get(Env.INTAKE_HOME);
        return home == null ? workingDirectory.resolve(".intake") : workingDirectory.resolve(home).normalize();
    }

    private Path existingFile(String argument) {
        var file = workingDirectory.resolve(argument).normalize();
        if (Files.isDirectory(file)) {
            throw new UsageException(argument + " is a folder, not a file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // /dev/stdin, <(...): "no such file" sent the user to check a path that was right (review "cli")
            throw new UsageException(argument + " is not a regular file (a pipe or a device): write it to a file and give that");
        }
        if (!Files.isRegularFile(file)) {
            throw new UsageException("no such file: " + argument);
        }
        return file;
    }

    /** The file's last three path segments, or four when it sits in a validate/ folder (SPEC §2). */
    static String keyFor(Path file) {
        var path = file.toAbsolutePath().normalize();
        int count = path.getNameCount();
        int segments = count >= 4 && path.getName(count - 2).toString().equals("validate") ? 4 : 3;
        if (count < segments) {
            throw new UsageException("cannot take an S3 key from " + file + ": give --key ORG/IMPORTER/NAME.csv");
        }
        var names = new ArrayList<String>();
        for (int i = count - segments; i < count; i++) {
            names.add(path.getName(i).toString());
        }
        return checkedKey(String.join("/", names));
    }

    private static String checkedKey(String key) {
        if (key.startsWith("/") || !key.contains("/") || key.contains("//")) {
            // a key with an org folder is uploaded, and its report says what is wrong (UNKNOWN_IMPORTER)
            throw new UsageException("\"" + key + "\" is not an S3 key of the form ORG/IMPORTER/NAME.csv: it needs"
                    + " at least an ORG/ folder, and no empty folder or leading /");
        }
        // S3 keeps such a key as it is; the local emulator's store takes it as a path, and
        // acme/../beta/... replaced beta's object and report
        if (Stream.of(key.split("/")).anyMatch(segment -> segment.equals(".") || segment.equals(".."))) {
            throw new UsageException("\"" + key + "\" has a . or .. folder, which the local S3 emulator would take as a"
                    + " path to another folder: give a key without one");
        }
        // Intake's errors files, of now and of older versions, never trigger an import; renamed to the
        // older name as the advice below once led to, a corrected file passed for a success with no
        // report
        if (key.endsWith(".csv" + ObjectKey.LEGACY_ERRORS_SUFFIX) || key.endsWith(".csv" + ObjectKey.ERRORS_SUFFIX)) {
            throw new UsageException("\"" + key + "\" is named as Intake names its errors files, which it never imports:"
                    + " it holds only the failing rows, and a FAILED import wrote none of the file: correct the original file"
                    + " and import it whole (docs/errors.md)");
        }
        if (!key.endsWith(".csv")) {
            throw new UsageException("\"" + key + "\" does not end in .csv: S3 only triggers Intake for .csv keys"
                    + (isWorkbook(key) ? "; a workbook is not read: save it as \"CSV UTF-8 (Comma delimited)\" and import that"
                    : key.toLowerCase(Locale.ROOT).endsWith(".csv") ? " (in lower case: S3's trigger tells .CSV apart); rename it, or give --key" : ""));
        }
        return key;
    }

    private static boolean isWorkbook(String key) {
        var lower = key.toLowerCase(Locale.ROOT);
        return Stream.of(".xlsx", ".xlsm", ".xls", ".ods", ".numbers").anyMatch(lower::endsWith);
    }

    /** {@code relative} resolved against {@code start}'s folder and each folder above it, nearest first. */
    static Optional<Path> findUpwards(Path start, Path relative) {
        for (var dir = start.toAbsolutePath().normalize().getParent(); dir != null; dir = dir.getParent()) {
            var candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Optional<HeadObjectResponse> head(LocalAws aws, String bucket, String key) {
        try {
            return Optional.of(aws.s3().headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static java.nio.channels.FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    /**
     * A file-system exception's message is often the path alone ("intake: /tmp/x/out.csv"): this
     * says what is wrong with it.
     */
    private static String fileProblem(java.nio.file.FileSystemException e) {
        var what = switch (e) {
            case java.nio.file.NoSuchFileException missing -> "no such file or folder";
            case java.nio.file.AccessDeniedException denied -> "permission denied";
            case java.nio.file.FileAlreadyExistsException exists -> "already exists";
            case java.nio.file.NotDirectoryException notFolder -> "not a folder";
            default -> e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
        };
        return e.getFile() + (e.getOtherFile() == null ? "" : " -> " + e.getOtherFile()) + ": " + what;
    }

    /** A one-line account of an exception and its causes, for users rather than developers. */
    /**
     * DynamoDB Local answers 500 to every request once its database file is damaged (a full disk,
     * a copy of the state folder taken while a serve ran): its own words name neither the file nor
     * the way out (review "misconfig", 7 December 2026). Empty unless the embedded DynamoDB answered so.
     */
    String damagedStateHint(Throwable e) {
        if (!LocalAws.usesEmbeddedEmulators(env)) {
            return "";
        }
        for (var current = e; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (current instanceof DynamoDbException dynamo && dynamo.statusCode() == 500) {
                return "\nintake: DynamoDB Local failed inside; its database under " + home().resolve("dynamodb")
                        + " may be damaged (a full disk, or a copy of the state folder taken while a serve ran)."
                        + " ./intake reset wipes the local state and starts over (load the catalogs again after it).";
            }
        }
        return "";
    }

    static String describe(Throwable e) {
        var text = new StringBuilder();
        for (var current = e; current != null; current = current.getCause() == current ? null : current.getCause()) {
            if (!text.isEmpty()) {
                text.append(": ");
            }
            var message = current instanceof java.nio.file.FileSystemException problem ? fileProblem(problem) : current.getMessage();
            text.append(message == null || message.isBlank() ? current.getClass().getSimpleName() : message);
            if (current.getCause() != null && message != null && message.contains(String.valueOf(current.getCause().getMessage()))) {
                break;
            }
        }
        return text.toString();
    }
}
