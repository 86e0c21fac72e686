package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.intake.IntakeHandler;
import dev.intake.core.imports.DeadlineReachedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Purchase Orders files of many POs that exist already, as an ERP export re-imported, through the
 * real handler on DynamoDB Local. Scaled down: what they pin is how the stored POs are read, which
 * does not need a huge file to show (found by review, on files of 15,000 POs).
 */
class LargePurchaseOrderFilesTest {

    /** Stored POs the re-imported file names: a scaled-down "many". */
    private static final int POS = 300;
    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass();
    private static final AtomicInteger queriesOfPurchaseOrders = new AtomicInteger();
    private static final AtomicInteger queriesOut = new AtomicInteger();
    private static final AtomicInteger mostQueriesOut = new AtomicInteger();
    private static IntakeHandler counting;

    @BeforeAll
    static void countingHandler() {
        var counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (isPurchaseOrderQuery(context.request())) {
                    queriesOfPurchaseOrders.incrementAndGet();
                    mostQueriesOut.accumulateAndGet(queriesOut.incrementAndGet(), Math::max);
                    pause(); // a round trip long enough for the next query to start meanwhile, if it may
                }
            }

            @Override
            public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                if (isPurchaseOrderQuery(context.request())) {
                    queriesOut.decrementAndGet();
                }
            }
        };
        counting = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(counter, 3));
    }

    /** A read of stored POs: not one of the sixteen newest-first reads of the highest stored id (HighestStoredIds), which the ids' prediction makes. */
    private static boolean isPurchaseOrderQuery(Object request) {
        return request instanceof QueryRequest query && query.tableName().equals(emulators.aws.config().purchaseOrdersTable())
                && !(Integer.valueOf(1).equals(query.limit()) && Boolean.FALSE.equals(query.scanIndexForward()));
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Validation reads every stored PO the file names before it checks a row, a Query each (a
     * PO's header, lines and pages share a key prefix, which no batch read asks for). They used to
     * go one after another: a re-import of an export of 15,001 POs spent about 40 s reading before
     * its first row (found by review). They now go several at a time, as the inventory side's
     * batch reads do.
     */
    @Test
    void import_reimportOfManyExistingPos_readsThemSeveralAtATime() throws Exception {
        var org = "poscale-reads";
        var csv = importedExport(org);
        queriesOfPurchaseOrders.set(0);
        mostQueriesOut.set(0);

        var key = org + "/purchase-orders/validate/erp-again.csv";
        counting.handleRequest(S3Events.load(S3Events.putEventJson(emulators.put(key, csv))),
                Emulators.context(Duration.ofMinutes(15)));
        var report = emulators.report(key);

        assertThat(status(report)).isEqualTo("VALIDATED");
        assertThat(report.get("counts").get("updated").asInt()).isEqualTo(POS);
        assertThat(report.get("changes")).isEmpty();
        assertThat(queriesOfPurchaseOrders.get()).as("Query requests on PurchaseOrdersTable to re-validate %d stored POs", POS)
                .isEqualTo(POS);
        assertThat(mostQueriesOut.get()).as("most of those out at once").isGreaterThan(1);
    }

    /**
     * The read of the stored POs checks the invocation's deadline every few dozen POs, as the passes
     * do every row. It used to check none: a re-import naming thousands of stored POs read on past
     * the deadline, with no progress line, and Lambda ended the invocation with the import RUNNING
     * and no report until its lease ran out. Here the deadline comes a few checks after the scan,
     * during the read: the import stops there, before reading every PO or writing anything, and the
     * next delivery imports the file.
     */
    @Test
    void import_deadlineNearWhileReadingStoredPos_stopsMidReadAndTheRetryImports() throws Exception {
        var org = "poscale-deadline";
        var csv = importedExport(org);
        var stored = emulators.purchaseOrders(org);
        var event = S3Events.putEventJson(emulators.put(org + "/purchase-orders/erp-again.csv",
                csv.replace(",0.10\n", ",0.20\n")));
        queriesOfPurchaseOrders.set(0);

        // the scan checks once a row; the read's third check finds the deadline near
        assertThatThrownBy(() -> counting.handleRequest(S3Events.load(event), Emulators.countdownContext(POS + 3)))
                .isInstanceOf(DeadlineReachedException.class);

        assertThat(queriesOfPurchaseOrders.get()).as("stored POs read before the stop").isPositive().isLessThan(POS);
        assertThat(emulators.purchaseOrders(org)).isEqualTo(stored);
        counting.handleRequest(S3Events.load(event), Emulators.context(Duration.ofMinutes(15)));
        var report = emulators.report(org + "/purchase-orders/erp-again.csv");
        assertThat(status(report)).isEqualTo("SUCCEEDED");
        assertThat(report.get("counts").get("updated").asInt()).isEqualTo(POS);
    }

    /** An ERP export of {@link #POS} one-line POs, imported into a new {@code org}: the file to import again. */
    private static String importedExport(String org) throws Exception {
        emulators.loadCatalog(Emulators.ROOT.resolve("samples/acme/catalog.json"), org);
        var csv = new StringBuilder("po_number,supplier,ship_to_location,currency,part_number,quantity,cost\n");
        for (int i = 0; i < POS; i++) {
            csv.append("ERP-").append(i).append(",Acme Metals,Receiving,USD,FST-M3-10,").append(i + 1).append(",0.10\n");
        }
        assertThat(status(emulators.importFile(org + "/purchase-orders/erp.csv", csv.toString()))).isEqualTo("SUCCEEDED");
        return csv.toString();
    }

    private static String status(JsonNode report) {
        return report.get("status").asText();
    }
}
