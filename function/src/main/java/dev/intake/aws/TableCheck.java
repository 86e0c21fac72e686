package dev.intake.aws;

import dev.intake.IntakeConfig;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * Whether the tables the function is set up with are there, each with the key and the indexes
 * Intake reads: asked once per execution environment, before its first import claims anything,
 * with a read of an item no one stores and of each index (seven small reads the role already may
 * make). Before, a table variable naming no table (misspelled, another stack's) failed at the
 * first request to that table, with DynamoDB's "Cannot do operations on a non-existent table",
 * naming neither the variable nor the table; for a file of creates that request was the commit's
 * first write, which left the import COMMITTING after every retry (found by review on 6 December
 * 2026).
 */
public final class TableCheck {

    /** A read of one table or index, as the function's variable names it. */
    private record Probe(String variable, String table, String index, Map<String, AttributeValue> key) {

        void run(DynamoDbClient dynamo) {
            if (index == null) {
                dynamo.getItem(b -> b.tableName(table).key(key));
                return;
            }
            var names = key.keySet().stream().toList();
            dynamo.query(b -> b.tableName(table).indexName(index).limit(1)
                    .keyConditionExpression("#k = :k")
                    .expressionAttributeNames(Map.of("#k", names.getFirst()))
                    .expressionAttributeValues(Map.of(":k", key.get(names.getFirst()))));
        }

        String what() {
            return (index == null ? "" : "index " + index + " of ") + "table " + table + " (" + variable + ")";
        }
    }

    /** What no key of Intake's holds: items are read under it, never found. */
    private static final AttributeValue NOWHERE = Attr.s("intake-table-check");

    private final DynamoDbClient dynamo;
    private final List<Probe> probes;
    private volatile boolean passed;

    public TableCheck(DynamoDbClient dynamo, IntakeConfig config) {
        this.dynamo = dynamo;
        this.probes = List.of(
                new Probe(IntakeConfig.IMPORTS_TABLE, config.importsTable(), null, Map.of("importId", NOWHERE)),
                new Probe(IntakeConfig.CATALOG_TABLE, config.catalogTable(), null, Map.of("org", NOWHERE, "sk", NOWHERE)),
                new Probe(IntakeConfig.INVENTORY_TABLE, config.inventoryTable(), null, Map.of("shard", NOWHERE, "id", Attr.n(0))),
                new Probe(IntakeConfig.INVENTORY_TABLE, config.inventoryTable(), "byParent", Map.of("parentKey", NOWHERE)),
                new Probe(IntakeConfig.INVENTORY_TABLE, config.inventoryTable(), "installations", Map.of("shard", NOWHERE)),
                new Probe(IntakeConfig.PURCHASE_ORDERS_TABLE, config.purchaseOrdersTable(), null, Map.of("shard", NOWHERE, "sk", NOWHERE)),
                new Probe(IntakeConfig.SERIALS_TABLE, config.serialsTable(), null, Map.of("serialKey", NOWHERE)));
    }

    /**
     * Reads each table once, the first time; after that, nothing.
     *
     * @throws TableSetupException naming the variable and the table that DynamoDB does not have,
     *     or has without Intake's key or index, or that the function's role may not read
     */
    public void requireOnce() {
        if (passed) {
            return;
        }
        for (var probe : probes) {
            try {
                probe.run(dynamo);
            } catch (ResourceNotFoundException e) {
                throw new TableSetupException(probe.what() + " does not exist in this account and region; set "
                        + probe.variable() + " to the stack's table (template.yaml sets it)", e);
            } catch (AwsServiceException e) {
                var code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
                if ("ValidationException".equals(code) && backfilling(probe, e)) {
                    continue; // the index is there, being filled: only a file that moves many records needs it
                }
                if ("ValidationException".equals(code)) {
                    throw new TableSetupException(probe.what() + " is not a table of Intake's: DynamoDB refused to read it by "
                            + (probe.index() == null ? "Intake's key " : "its key ") + probe.key().keySet() + " ("
                            + e.awsErrorDetails().errorMessage() + "); set " + probe.variable()
                            + " to the stack's table (template.yaml sets it)", e);
                }
                if (code.startsWith("AccessDenied")) {
                    throw new TableSetupException("the function's role may not read " + probe.what() + ": the template's"
                            + " role grants its own tables only, so " + probe.variable() + " likely names another"
                            + " (template.yaml sets it)", e);
                }
                throw e; // throttling, a server error: a retry can fix it
            }
        }
        passed = true;
    }

    /**
     * Whether DynamoDB refused the read of an index because it is being filled: an update that
     * adds an index leaves it so for as long as the table takes (hours for a large one), and the
     * check failed every import meanwhile, saying the variable was wrong (found by review on 6
     * December 2026).
     */
    private static boolean backfilling(Probe probe, AwsServiceException e) {
        var message = e.awsErrorDetails().errorMessage();
        return probe.index() != null && message != null && message.toLowerCase(java.util.Locale.ROOT).contains("backfilling");
    }

    /**
     * A table the function is set up with is missing, or not Intake's: no retry fixes it. The
     * import was not begun; once the setting is fixed, the event sent again imports the file.
     */
    public static final class TableSetupException extends IllegalStateException {
        TableSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
