package dev.intake;

import dev.intake.core.csv.CsvLimits;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The function's settings, read once from the environment that template.yaml sets. Every
 * environment variable Intake reads is named here and nowhere else (docs/configuration.md).
 */
public record IntakeConfig(String inventoryTable, String catalogTable, String importsTable,
                           String purchaseOrdersTable, CsvLimits limits, Duration lease) {

    public static final String INVENTORY_TABLE = "INVENTORY_TABLE";
    public static final String CATALOG_TABLE = "CATALOG_TABLE";
    public static final String IMPORTS_TABLE = "IMPORTS_TABLE";
    public static final String PURCHASE_ORDERS_TABLE = "PURCHASE_ORDERS_TABLE";

    public static IntakeConfig fromEnvironment() {
        return from(System.getenv());
    }

    /** Reads settings from a map of environment variables; tables default to the local names. */
    public static IntakeConfig from(Map<String, String> env) {
        var defaults = CsvLimits.DEFAULT;
        var limits = new CsvLimits(
                longOr(env.get("INTAKE_MAX_FILE_BYTES"), defaults.maxBytes()),
                (int) longOr(env.get("INTAKE_MAX_ROWS"), defaults.maxRows()),
                (int) longOr(env.get("INTAKE_MAX_COLUMNS"), defaults.maxColumns()),
                (int) longOr(env.get("INTAKE_MAX_CELL_LENGTH"), defaults.maxCellLength()));
        return new IntakeConfig(
                textOr(env.get(INVENTORY_TABLE), "intake-inventory"),
                textOr(env.get(CATALOG_TABLE), "intake-catalog"),
                textOr(env.get(IMPORTS_TABLE), "intake-imports"),
                textOr(env.get(PURCHASE_ORDERS_TABLE), "intake-purchase-orders"),
                limits,
                Duration.ofSeconds(longOr(env.get("INTAKE_LEASE_SECONDS"), 45)));
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

    private static long longOr(String value, long fallback) {
        return value == null || value.isBlank() ? fallback : Long.parseLong(value.trim());
    }

    /**
     * Every table variable above: what tools that ask "is any table named?" check (the local CLI).
     * A table added to the template is added here too (TemplateTablesTest checks it).
     */
    public static final List<String> TABLE_VARIABLES =
            List.of(INVENTORY_TABLE, CATALOG_TABLE, IMPORTS_TABLE, PURCHASE_ORDERS_TABLE);
}
