package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.intake.IntakeConfig;
import dev.intake.IntakeHandler;
import dev.intake.aws.TableCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * A deployment whose table variables name the wrong tables (review "misconfig", 6 December 2026):
 * before the first import of a handler, each table is read once ({@link TableCheck}), so the
 * delivery fails before anything is claimed, naming the variable and the table. Before, the first
 * request to the table failed with DynamoDB's words only, and a file of creates, which reads no
 * inventory while it is checked, failed at the commit's first write: COMMITTING after every retry.
 * And one whose timeout is too short for any import (review "misconfig" again, 7 December 2026).
 */
class MisconfiguredFunctionTest {

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();

    private static final Path RECEIVING = Emulators.ROOT.resolve("samples/acme/part-inventory/receiving-2026-11.csv");

    @BeforeEach
    void fresh() throws Exception {
        emulators.resetWithAcmeCatalog();
    }

    /**
     * On AWS a variable naming a table that is not the stack's meets the role first: it grants the
     * stack's tables only. The role here is template.yaml's, checked as AWS would.
     */
    @Test
    void deliver_inventoryTableNotTheStacks_failsBeforeAnythingIsClaimed_namingTheVariable_andImportsOnceFixed() throws Exception {
        var before = emulators.dataTables();
        var upload = emulators.put("acme/part-inventory/receiving.csv", Files.readAllBytes(RECEIVING));
        var broken = new IntakeHandler(withTables("intake-inventroy", null), emulators.functionS3(), emulators.functionDynamo());

        for (int attempt = 0; attempt < 3; attempt++) { // Lambda's three attempts
            assertThat(deliverWith(broken, upload)).isInstanceOf(TableCheck.TableSetupException.class)
                    .hasMessage("the function's role may not read table intake-inventroy (INVENTORY_TABLE): the template's"
                            + " role grants its own tables only, so INVENTORY_TABLE likely names another (the stack sets it; sam local invoke takes it from --env-vars)");
        }

        // each attempt: the check's BatchGetItem of every table, then the GetItem of each alone up to the one refused
        assertThat(emulators.takeRoleRefusals()).hasSize(6).allSatisfy(refusal -> assertThat(refusal)
                .containsPattern("^(Batch)?GetItemRequest needs what template.yaml's function role does not grant: dynamodb:(Batch)?GetItem on ")
                .endsWith(":table/intake-inventroy"));
        assertThat(emulators.imports()).as("nothing claimed").isEmpty();
        assertThat(emulators.dataTables()).as("the id sequence too").isEqualTo(before);
        assertThat(emulators.bucketKeys()).containsExactly(upload.key());
        // the variable fixed and the event sent again
        assertThat(emulators.deliver(upload)).containsExactly(upload.key() + ".report.json");
        assertThat(emulators.report(upload.key()).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    /** With a role that may read any table, DynamoDB answers that there is none. */
    @Test
    void deliver_inventoryTableMissing_failsNamingTheVariable() throws Exception {
        var upload = emulators.put("acme/part-inventory/receiving.csv", Files.readAllBytes(RECEIVING));

        assertThat(deliverWith(handler(withTables("no-such-table", null)), upload))
                .isInstanceOf(TableCheck.TableSetupException.class)
                .hasMessage("table no-such-table (INVENTORY_TABLE) does not exist in this account and region; set"
                        + " INVENTORY_TABLE to the stack's table (the stack sets it; sam local invoke takes it from --env-vars)");
        assertThat(emulators.imports()).isEmpty();
    }

    @Test
    void deliver_importsTableMissing_failsNamingTheVariable() throws Exception {
        var upload = emulators.put("acme/part-inventory/receiving.csv", Files.readAllBytes(RECEIVING));

        assertThat(deliverWith(handler(withTables(null, "intake-imprts")), upload))
                .isInstanceOf(TableCheck.TableSetupException.class)
                .hasMessageStartingWith("table intake-imprts (IMPORTS_TABLE) does not exist in this account and region");
    }

    /**
     * INVENTORY_TABLE naming another of the stack's tables (the catalog's, a copy-paste slip): the
     * role grants it, and the check's one BatchGetItem keys each table once, by the first variable
     * naming it, so the inventory table's key was never tried there (found by review on 6 December 2026).
     */
    @Test
    void deliver_inventoryTableNamingTheCatalogTable_failsNamingTheVariable() throws Exception {
        var upload = emulators.put("acme/part-inventory/receiving.csv", Files.readAllBytes(RECEIVING));

        var thrown = deliverWith(handler(withTables(emulators.aws.config().catalogTable(), null)), upload);

        assertThat(thrown).isInstanceOf(TableCheck.TableSetupException.class)
                .hasMessageStartingWith("table " + emulators.aws.config().catalogTable() + " (INVENTORY_TABLE) is not Intake's inventory table: DynamoDB refused to read it by that table's key [id, shard] (");
        assertThat(emulators.imports()).as("nothing claimed").isEmpty();
    }

    /**
     * `sam local invoke` sets each table variable to the table's logical id (docs/deploy.md, "Deploy
     * with the SAM CLI"): the first table the check reads is named, with where its name comes from.
     */
    @Test
    void deliver_tableVariablesAsSamLocalInvokeSetsThem_namesTheImportsTableFirst() throws Exception {
        var c = emulators.aws.config();
        var logicalIds = new IntakeConfig("InventoryTable", "CatalogTable", "ImportsTable", "PurchaseOrdersTable",
                "SerialsTable", c.limits(), c.lease(), c.writeConcurrency(), c.createWrites());
        var upload = emulators.put("acme/part-inventory/receiving.csv", Files.readAllBytes(RECEIVING));

        assertThat(deliverWith(handler(logicalIds), upload)).isInstanceOf(TableCheck.TableSetupException.class)
                .hasMessage("table ImportsTable (IMPORTS_TABLE) does not exist in this account and region; set IMPORTS_TABLE"
                        + " to the stack's table (the stack sets it; sam local invoke takes it from --env-vars)");
    }

    /** Another application's table: DynamoDB refuses the read by Intake's key. */
    @Test
    void deliver_importsTableWithAnotherKey_failsNamingTheVariableAndTheKey() throws Exception {
        emulators.aws.dynamo().createTable(b -> b.tableName("other-app-table").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("pk", ScalarAttributeType.S)).keySchema(key("pk", KeyType.HASH)));
        var upload = emulators.put("acme/part-inventory/receiving.csv", Files.readAllBytes(RECEIVING));

        var thrown = deliverWith(handler(withTables(null, "other-app-table")), upload);

        emulators.aws.dynamo().deleteTable(b -> b.tableName("other-app-table"));
        assertThat(thrown).isInstanceOf(TableCheck.TableSetupException.class)
                .hasMessageStartingWith("table other-app-table (IMPORTS_TABLE) is not Intake's imports table: DynamoDB"
                        + " refused to read it by that table's key [importId] (")
                .hasMessageEndingWith("); set IMPORTS_TABLE to the stack's table (the stack sets it; sam local invoke takes it from --env-vars)");
        assertThat(emulators.imports()).isEmpty();
    }

    /**
     * An inventory table made by hand without the template's indexes: the check at the first
     * import reads tables by key only (a cold start's first import paid a tenth of a second more
     * for reading the indexes too), so a file that moves an assembly meets the missing index as it
     * reads installations, before it writes, and is told which (found by review on 6 December 2026).
     */
    @Test
    void deliver_moveOnAnInventoryTableWithoutItsIndexes_failsNamingTheIndex_nothingWritten() throws Exception {
        var bare = "inventory-without-indexes";
        emulators.aws.dynamo().createTable(b -> b.tableName(bare).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute("shard", ScalarAttributeType.S), attribute("id", ScalarAttributeType.N))
                .keySchema(key("shard", KeyType.HASH), key("id", KeyType.RANGE)));
        emulators.aws.dynamo().scanPaginator(b -> b.tableName(emulators.aws.config().inventoryTable())).items()
                .forEach(item -> emulators.aws.dynamo().putItem(b -> b.tableName(bare).item(item)));
        var before = emulators.aws.dynamo().scan(b -> b.tableName(bare)).items();
        var upload = emulators.put("acme/part-inventory/cycle-count.csv",
                Files.readAllBytes(Emulators.ROOT.resolve("samples/acme/part-inventory/cycle-count-updates.csv")));

        var thrown = deliverWith(handler(withTables(bare, null)), upload);

        var after = emulators.aws.dynamo().scan(b -> b.tableName(bare)).items();
        emulators.aws.dynamo().deleteTable(b -> b.tableName(bare));
        assertThat(thrown).isInstanceOf(TableCheck.TableSetupException.class)
                .hasMessage("table inventory-without-indexes (INVENTORY_TABLE) has no index byParent, which Intake reads"
                        + " to move installed records: set INVENTORY_TABLE to the stack's table (the stack sets it; sam local invoke takes it from --env-vars)");
        assertThat(after).containsExactlyInAnyOrderElementsOf(before);
    }

    /**
     * Reports that cannot be written (a bucket policy narrowed by hand): the records are
     * committed, no report, the event goes to the queue; sent again once the policy is fixed, it
     * reports SUCCEEDED and creates nothing twice (review "misconfig": this held).
     */
    @Test
    void deliver_reportNotWritable_thenSentAgainOnceFixed_reportsSucceededCreatingNothingTwice() throws Exception {
        var refuseReports = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (context.request() instanceof PutObjectRequest put && put.key().endsWith(".report.json")) {
                    throw AwsServiceException.builder().statusCode(403).message("Access Denied")
                            .awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("Access Denied").build())
                            .build();
                }
            }
        };
        var broken = new IntakeHandler(emulators.aws.config(), emulators.s3Through(refuseReports), emulators.functionDynamo());
        var upload = emulators.put("acme/part-inventory/receiving.csv", Files.readAllBytes(RECEIVING));
        var before = emulators.inventory("acme").size();

        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(deliverWith(broken, upload)).isNotNull();
            emulators.leaseRunsOut(upload.key());
        }
        assertThat(emulators.bucketKeys()).containsExactly(upload.key());

        assertThat(emulators.deliver(upload)).containsExactly(upload.key() + ".report.json");
        assertThat(emulators.report(upload.key()).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory("acme")).hasSize(before + 12);
    }

    /**
     * Found by review "misconfig" on 7 December 2026: a function whose Timeout is below the 20
     * seconds Intake keeps in hand at its deadline (SAM's default is 3 seconds; a template copied
     * without the Timeout line, or one lowered by hand) stopped every attempt at once, and said
     * "Lambda's retry resumes it", which no retry could: the event ended in the failure queue with
     * no report and nothing naming the setting. Now nothing is claimed, and the line names the
     * timeout and what it must be.
     */
    @Test
    void deliver_functionTimeoutTooShortForAnyImport_failsBeforeAnythingIsClaimed_namingTheTimeout_andImportsOnceFixed() throws Exception {
        var before = emulators.dataTables();
        var upload = emulators.put("acme/part-inventory/receiving.csv", Files.readAllBytes(RECEIVING));

        for (int attempt = 0; attempt < 3; attempt++) { // Lambda's three attempts, each given the same 15 seconds
            var thrown = catchThrowable(() -> emulators.handler.handleRequest(S3Events.load(S3Events.putEventJson(upload)),
                    Emulators.context(Duration.ofSeconds(15))));

            assertThat(thrown).isInstanceOf(dev.intake.core.imports.TimeoutTooShortException.class)
                    .hasMessageMatching("the function's timeout is shorter than an import needs: the invocation began with 1[45] s,"
                            + " and Intake stops 20 s before the timeout, so it needs a timeout of at least 30 s; set the function's Timeout"
                            + " to 900 seconds, as template.yaml does");
        }

        assertThat(emulators.imports()).as("nothing claimed").isEmpty();
        assertThat(emulators.dataTables()).isEqualTo(before);
        assertThat(emulators.bucketKeys()).as("no report").containsExactly(upload.key());
        // the timeout fixed and the event sent again
        assertThat(emulators.deliver(upload)).containsExactly(upload.key() + ".report.json");
        assertThat(emulators.report(upload.key()).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    /**
     * A Timeout of exactly 30 seconds is enough, as the docs say: an invocation never begins with
     * its whole timeout left, and such a one was refused, "began with 29 s" (review "own53").
     */
    @Test
    void deliver_functionTimeoutOfThirtySeconds_imports() throws Exception {
        var upload = emulators.put("acme/part-inventory/receiving.csv", Files.readAllBytes(RECEIVING));

        var written = emulators.handler.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofSeconds(30)));

        assertThat(written).containsExactly(upload.key() + ".report.json");
        assertThat(emulators.report(upload.key()).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    private static IntakeConfig withTables(String inventory, String imports) {
        var c = emulators.aws.config();
        return new IntakeConfig(inventory == null ? c.inventoryTable() : inventory, c.catalogTable(),
                imports == null ? c.importsTable() : imports, c.purchaseOrdersTable(), c.serialsTable(), c.limits(),
                c.lease(), c.writeConcurrency(), c.createWrites());
    }

    /** A handler whose role may do anything with any table (a hand-made deployment's): DynamoDB itself answers. */
    private static IntakeHandler handler(IntakeConfig config) {
        return new IntakeHandler(config, emulators.functionS3(), emulators.cliDynamoThrough(new ExecutionInterceptor() { }, 3));
    }

    private static Throwable deliverWith(IntakeHandler handler, S3Events.Upload upload) {
        return catchThrowable(() -> handler.handleRequest(S3Events.load(S3Events.putEventJson(upload)),
                Emulators.context(Duration.ofMinutes(15))));
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
