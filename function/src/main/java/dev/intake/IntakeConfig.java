package dev.intake;

import dev.intake.core.csv.CsvLimits;
import dev.intake.core.imports.CommitSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The function's settings, read once from the environment that template.yaml sets: tables, limits,
 * lease and commit settings. The telemetry variables are read by {@link TelemetryConfig}, priming's
 * by {@link Priming}, the SDK's own by the SDK (docs/configuration.md).
 */
public record IntakeConfig(String inventoryTable, String catalogTable, String importsTable,
                           String purchaseOrdersTable, String serialsTable, CsvLimits limits, Duration lease,
                           int writeConcurrency, CreateWrites createWrites, Duration retriedWithin) {

    /**
     * How soon an invocation that failed is delivered again where Lambda retries it: one minute
     * after the first failure, two after the second (its asynchronous retries), with a minute in
     * hand. A delivery that gives its claim back there says a retry is due by then, and a later
     * upload of the key waits for it ({@code ImportRunner}) rather than being given back beside it.
     */
    public static final Duration LAMBDA_RETRIES_WITHIN = Duration.ofMinutes(3);

    /** Settings where nothing delivers a failed invocation again by itself (locally: the next command does). */
    public IntakeConfig(String inventoryTable, String catalogTable, String importsTable, String purchaseOrdersTable,
                        String serialsTable, CsvLimits limits, Duration lease, int writeConcurrency, CreateWrites createWrites) {
        this(inventoryTable, catalogTable, importsTable, purchaseOrdersTable, serialsTable, limits, lease, writeConcurrency,
                createWrites, Duration.ZERO);
    }

    public static final String WRITE_CONCURRENCY = "INTAKE_WRITE_CONCURRENCY";
    public static final String CREATE_WRITES = "INTAKE_CREATE_WRITES";

    /**
     * How creates are sent: {@code batch} (BatchWriteItem, one write unit an item: what DynamoDB is
     * built for) or {@code transactions} (TransactWriteItems of 100: for DynamoDB Local on disk,
     * which commits the items of a batch one by one; docs/configuration.md).
     */
    public enum CreateWrites {
        BATCH, TRANSACTIONS;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static CreateWrites of(String value) {
            for (var mode : values()) {
                if (mode.label().equals(value.trim().toLowerCase(java.util.Locale.ROOT))) {
                    return mode;
                }
            }
            throw new IllegalArgumentException(CREATE_WRITES + " must be batch or transactions, got \"" + value + "\"");
        }
    }

    public static final String INVENTORY_TABLE = "INVENTORY_TABLE";
    public static final String CATALOG_TABLE = "CATALOG_TABLE";
    public static final String IMPORTS_TABLE = "IMPORTS_TABLE";
    public static final String PURCHASE_ORDERS_TABLE = "PURCHASE_ORDERS_TABLE";
    public static final String SERIALS_TABLE = "SERIALS_TABLE";

    public static IntakeConfig fromEnvironment() {
        return from(System.getenv());
    }

    /**
     * The longest lease: one that outlived Lambda's first retry, a minute after a failure, would
     * leave a crashed commit COMMITTING for good (docs/configuration.md, "The lease"). The
     * template's LeaseSeconds stops at it; a value set on the function another way was taken
     * whatever it was.
     */
    public static final int MAX_LEASE_SECONDS = 50;

    /**
     * Reads settings from a map of environment variables; tables default to the local names,
     * except on Lambda ({@code AWS_LAMBDA_FUNCTION_NAME} set), where the stack's tables have other
     * names: there an unset table variable stops the function as it starts, naming it. Before, the
     * function took the local names and failed at its first import, naming neither the variable nor
     * the table.
     */
    public static IntakeConfig from(Map<String, String> env) {
        if (env.containsKey("AWS_LAMBDA_FUNCTION_NAME")) {
            var unset = unsetTableVariables(env);
            if (!unset.isEmpty()) {
                throw new IllegalArgumentException(String.join(", ", unset) + (unset.size() == 1 ? " is" : " are")
                        + " not set: on Lambda each table variable must name the stack's table (template.yaml sets them)");
            }
        }
        var defaults = CsvLimits.DEFAULT;
        var limits = new CsvLimits(
                wholeNumber(env, "INTAKE_MAX_FILE_BYTES", defaults.maxBytes(), Long.MAX_VALUE),
                count(env, "INTAKE_MAX_ROWS", defaults.maxRows()),
                count(env, "INTAKE_MAX_COLUMNS", defaults.maxColumns()),
                count(env, "INTAKE_MAX_CELL_LENGTH", defaults.maxCellLength()));
        return new IntakeConfig(
                textOr(env.get(INVENTORY_TABLE), "intake-inventory"),
                textOr(env.get(CATALOG_TABLE), "intake-catalog"),
                textOr(env.get(IMPORTS_TABLE), "intake-imports"),
                textOr(env.get(PURCHASE_ORDERS_TABLE), "intake-purchase-orders"),
                textOr(env.get(SERIALS_TABLE), "intake-serials"),
                limits,
                Duration.ofSeconds(wholeNumber(env, "INTAKE_LEASE_SECONDS", 45, MAX_LEASE_SECONDS)),
                count(env, WRITE_CONCURRENCY, CommitSettings.DEFAULT_MAX_IN_FLIGHT),
                env.get(CREATE_WRITES) == null || env.get(CREATE_WRITES).isBlank() ? CreateWrites.BATCH
                        : CreateWrites.of(env.get(CREATE_WRITES)),
                env.containsKey("AWS_LAMBDA_FUNCTION_NAME") ? LAMBDA_RETRIES_WITHIN : Duration.ZERO);
    }

    /** The table variables {@code env} leaves unset or blank, in {@link #TABLE_VARIABLES}' order. */
    public static List<String> unsetTableVariables(Map<String, String> env) {
        return TABLE_VARIABLES.stream().filter(variable -> env.get(variable) == null || env.get(variable).isBlank()).toList();
    }

    /**
     * True when the standard SDK endpoint variables point S3 somewhere else (LocalStack, S3Proxy):
     * emulators address buckets by path, not by host name.
     */
    public static boolean s3EndpointOverridden(Map<String, String> env) {
        return env.get("AWS_ENDPOINT_URL") != null || env.get("AWS_ENDPOINT_URL_S3") != null;
    }

    /** {@code value} trimmed, or {@code fallback} where it is unset or blank (TelemetryConfig's too). */
    static String textOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /**
     * The whole number from 1 to {@code max} a variable holds (written 45 or 45.0), or {@code fallback} where it is unset
     * or blank. Any other value stops the function as it starts, naming the variable: no setting
     * works at 0 (a lease of 0 has expired as it is taken, so a second delivery would take over a
     * running import; no file fits a limit of 0), and a larger one must not wrap.
     */
    private static long wholeNumber(Map<String, String> env, String variable, long fallback, long max) {
        var value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        long number;
        try {
            // 45.0 too: CloudFormation takes it for a Number parameter, and the stack passes it on as
            // written, which stopped every start
            number = new BigDecimal(value.trim()).longValueExact();
        } catch (NumberFormatException | ArithmeticException notWhole) {
            // without the cause: ./intake printed its words after these ("Rounding necessary"; review "docexamples")
            throw new IllegalArgumentException(variable + " must be a whole number, got \"" + value.trim() + "\"");
        }
        if (number < 1 || number > max) {
            throw new IllegalArgumentException(variable + " must be a whole number from 1 to " + max + ", got " + number);
        }
        return number;
    }

    /** As {@link #wholeNumber}, up to the largest int. */
    private static int count(Map<String, String> env, String variable, int fallback) {
        return (int) wholeNumber(env, variable, fallback, Integer.MAX_VALUE);
    }

    /**
     * Every table variable above: what tools that ask "is any table named?" check (the local CLI).
     * A table added to the template is added here too (TemplateTablesTest checks it).
     */
    public static final List<String> TABLE_VARIABLES =
            List.of(INVENTORY_TABLE, CATALOG_TABLE, IMPORTS_TABLE, PURCHASE_ORDERS_TABLE, SERIALS_TABLE);
}
