package dev.intake;

import dev.intake.core.csv.CsvLimits;
import dev.intake.core.imports.CommitSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The function's settings, read once from the environment that template.yaml sets. Every
 * environment variable Intake reads is named here and nowhere else (docs/configuration.md).
 */
public record IntakeConfig(String inventoryTable, String catalogTable, String importsTable,
                           String purchaseOrdersTable, String serialsTable, CsvLimits limits, Duration lease,
                           int writeConcurrency, CreateWrites createWrites) {

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

    /** Reads settings from a map of environment variables; tables default to the local names. */
    public static IntakeConfig from(Map<String, String> env) {
        var defaults = CsvLimits.DEFAULT;
        var limits = new CsvLimits(
                longOr(env, "INTAKE_MAX_FILE_BYTES", defaults.maxBytes()),
                intOr(env, "INTAKE_MAX_ROWS", defaults.maxRows()),
                intOr(env, "INTAKE_MAX_COLUMNS", defaults.maxColumns()),
                intOr(env, "INTAKE_MAX_CELL_LENGTH", defaults.maxCellLength()));
        return new IntakeConfig(
                textOr(env.get(INVENTORY_TABLE), "intake-inventory"),
                textOr(env.get(CATALOG_TABLE), "intake-catalog"),
                textOr(env.get(IMPORTS_TABLE), "intake-imports"),
                textOr(env.get(PURCHASE_ORDERS_TABLE), "intake-purchase-orders"),
                textOr(env.get(SERIALS_TABLE), "intake-serials"),
                limits,
                Duration.ofSeconds(longOr(env, "INTAKE_LEASE_SECONDS", 45)),
                intOr(env, WRITE_CONCURRENCY, CommitSettings.DEFAULT_MAX_IN_FLIGHT),
                env.get(CREATE_WRITES) == null || env.get(CREATE_WRITES).isBlank() ? CreateWrites.BATCH
                        : CreateWrites.of(env.get(CREATE_WRITES)));
    }

    /**
     * True when the standard SDK endpoint variables point S3 somewhere else (LocalStack, S3Proxy):
     * emulators address buckets by path, not by host name.
     */
    public static boolean s3EndpointOverridden(Map<String, String> env) {
        return env.get("AWS_ENDPOINT_URL") != null || env.get("AWS_ENDPOINT_URL_S3") != null;
    }

    private static String textOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /**
     * The whole number a variable holds, or {@code fallback} where it is unset or blank. One that
     * is not a whole number stops the function as it starts, naming the variable (found by review:
     * the error said only {@code For input string: "abc"}).
     */
    private static long longOr(Map<String, String> env, String variable, long fallback) {
        var value = env.get(variable);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable + " must be a whole number, got \"" + value.trim() + "\"", e);
        }
    }

    /**
     * As {@link #longOr}, from 0 to the largest int: a larger value used to wrap (5,000,000,000
     * rows became 705,032,704), and no limit or count is negative.
     */
    private static int intOr(Map<String, String> env, String variable, int fallback) {
        long value = longOr(env, variable, fallback);
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(variable + " must be a whole number from 0 to " + Integer.MAX_VALUE + ", got " + value);
        }
        return (int) value;
    }

    /**
     * Every table variable above: what tools that ask "is any table named?" check (the local CLI).
     * A table added to the template is added here too (TemplateTablesTest checks it).
     */
    public static final List<String> TABLE_VARIABLES =
            List.of(INVENTORY_TABLE, CATALOG_TABLE, IMPORTS_TABLE, PURCHASE_ORDERS_TABLE, SERIALS_TABLE);
}
