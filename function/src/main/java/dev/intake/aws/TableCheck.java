package dev.intake.aws;

import dev.intake.IntakeConfig;
import dev.intake.core.imports.IdAllocator;
import dev.intake.core.inventory.SerialKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Whether the tables the function is set up with are there, each with the key Intake reads it
 * by: asked once per execution environment, before its first import claims anything, with one
 * BatchGetItem of an item no one stores in each (a request the role already may make; seven
 * reads, one of each table and of the inventory table's two indexes, had added a tenth of a
 * second to a cold start's first import, measured). Only where that fails is each table read on its own, to
 * name the one at fault. Before, a table variable naming no table (misspelled, another stack's)
 * failed at the first request to that table, with DynamoDB's "Cannot do operations on a
 * non-existent table", naming neither the variable nor the table; for a file of creates that
 * request was the commit's first write, which left the import COMMITTING after every retry
 *. The inventory table's indexes are not read here: a file
 * that needs them reads them before it writes, and a missing one fails it there, named as here
 * ({@link #missingIndex}).
 */
public final class TableCheck {

    /** A table, as the function's variable names it, and a key of its schema that no item has. */
    private record Probe(String variable, String role, String table, Map<String, AttributeValue> key) {

        String what() {
            return "table " + table + " (" + variable + ")";
        }
    }

    /** Where a table variable's value comes from: what to set it in. */
    private static final String WHERE_IT_IS_SET = " (the stack sets it; sam local invoke takes it from --env-vars)";

    /** An org no one has: its items are read, never found, under each adapter's own key. */
    private static final String NO_ORG = "intake-table-check";

    private final DynamoDbClient dynamo;
    private final List<Probe> probes;
    private volatile boolean passed;

    public TableCheck(DynamoDbClient dynamo, IntakeConfig config) {
        this.dynamo = dynamo;
        this.probes = List.of(
                new Probe(IntakeConfig.IMPORTS_TABLE, "imports", config.importsTable(), DynamoImportLedger.key(NO_ORG)),
                new Probe(IntakeConfig.CATALOG_TABLE, "catalog", config.catalogTable(),
                        CatalogItems.sequenceKey(NO_ORG, IdAllocator.INVENTORY_IDS)),
                new Probe(IntakeConfig.INVENTORY_TABLE, "inventory", config.inventoryTable(), InventoryItems.key(NO_ORG, 0)),
                new Probe(IntakeConfig.PURCHASE_ORDERS_TABLE, "purchase orders", config.purchaseOrdersTable(),
                        PurchaseOrderItems.headerKey(NO_ORG, 0)),
                new Probe(IntakeConfig.SERIALS_TABLE, "serials", config.serialsTable(),
                        SerialItems.key(NO_ORG, new SerialKey(NO_ORG, NO_ORG))));
    }

    /**
     * Reads each table once, the first time; after that, nothing.
     *
     * @throws TableSetupException naming the variable and the table that DynamoDB does not have,
     *     or has without Intake's key, or that the function's role may not read
     */
    public void requireOnce() {
        if (passed) {
            return;
        }
        // every variable's key, also where two name one table: keyed once, the table was tried by the
        // first variable's key only, and the other's wrong table passed
        var byTable = new LinkedHashMap<String, List<Map<String, AttributeValue>>>();
        probes.forEach(probe -> byTable.computeIfAbsent(probe.table(), table -> new java.util.ArrayList<>()).add(probe.key()));
        var keys = new LinkedHashMap<String, KeysAndAttributes>();
        byTable.forEach((table, tableKeys) -> keys.put(table, KeysAndAttributes.builder().keys(tableKeys).build()));
        try {
            dynamo.batchGetItem(b -> b.requestItems(keys)); // unprocessed keys too say the table is there
        } catch (AwsServiceException e) {
            if (!setupError(e)) {
                throw e; // throttling, a server error: a retry can fix it
            }
            probes.forEach(this::readAlone);
            throw e; // refused together, read alone each passed: as DynamoDB said
        }
        passed = true;
    }

    /** Reads one table; throws a {@link TableSetupException} where that is refused for how the table is set up. */
    private void readAlone(Probe probe) {
        try {
            dynamo.getItem(b -> b.tableName(probe.table()).key(probe.key()));
        } catch (ResourceNotFoundException e) {
            throw new TableSetupException(probe.what() + " does not exist in this account and region; set "
                    + probe.variable() + " to the stack's table" + WHERE_IT_IS_SET, e);
        } catch (AwsServiceException e) {
            if (!setupError(e)) {
                throw e;
            }
            if (code(e).startsWith("AccessDenied")) {
                throw new TableSetupException("the function's role may not read " + probe.what() + ": the template's"
                        + " role grants its own tables only, so " + probe.variable() + " likely names another"
                        + WHERE_IT_IS_SET, e);
            }
            throw new TableSetupException(probe.what() + " is not Intake's " + probe.role() + " table: DynamoDB refused"
                    + " to read it by that table's key " + probe.key().keySet().stream().sorted().toList() + " (" + e.awsErrorDetails().errorMessage() + "); set "
                    + probe.variable() + " to the stack's table" + WHERE_IT_IS_SET, e);
        }
    }

    /** A refusal for how a table is set up (missing, another key, not the role's), not one a retry can fix. */
    private static boolean setupError(AwsServiceException e) {
        return e instanceof ResourceNotFoundException || code(e).equals("ValidationException") || code(e).startsWith("AccessDenied");
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
    }

    /**
     * The failure of a read of the inventory table's index {@code index} where the table has no
     * such index (made by hand, or not the stack's): a {@link TableSetupException} naming it;
     * {@code e} itself otherwise. Not an index being filled, which an update that adds one leaves
     * for hours: DynamoDB says so in other words, and the retry may find it filled.
     */
    static RuntimeException missingIndex(AwsServiceException e, String table, String index) {
        var message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
        if (!code(e).equals("ValidationException") || message == null || !message.contains("does not have the specified index")) {
            return e;
        }
        return new TableSetupException("table " + table + " (" + IntakeConfig.INVENTORY_TABLE + ") has no index " + index
                + ", which Intake reads to move installed records: set " + IntakeConfig.INVENTORY_TABLE
                + " to the stack's table" + WHERE_IT_IS_SET, e);
    }

    /**
     * A table the function is set up with is missing, or not Intake's: no retry fixes it. Nothing
     * was written; once the setting is fixed, the event sent again imports the file.
     */
    public static final class TableSetupException extends IllegalStateException {
        TableSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
