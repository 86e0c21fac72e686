package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.IntakeHandler;
import dev.intake.aws.DynamoImportLedger;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Two deliveries of one key at the same moment: the claim's transaction (the claim and the key's
 * newest upload) meets the other delivery's transaction on the newest-upload item, and DynamoDB
 * cancels it with TransactionConflict until the other one is done. Every other transaction of
 * Intake waits such a conflict out (DynamoBatches: backing off, ten attempts); the claim does too.
 * It used to try three times at once and then fail the event (found by review).
 */
class OutOfOrderUploadRacesTest {

    private static final String KEY = "acme/part-inventory/race.csv";
    private static final String CSV = "part_number,lot_number,quantity,location\nFST-M3-10,L-RACE,5,Stockroom A\n";

    @RegisterExtension
    /** A one-second lease, so that a delivery after a simulated crash need not wait long to take over. */
    static final Emulators emulators = Emulators.perTestClass(java.util.Map.of("INTAKE_LEASE_SECONDS", "1"));
    private static final FaultInjector faults = new FaultInjector();
    private static IntakeHandler faultyHandler;

    @BeforeAll
    static void handler() {
        faultyHandler = new IntakeHandler(emulators.aws.config(), emulators.s3Through(faults), emulators.dynamoThrough(faults, 3));
    }

    @BeforeEach
    void catalog() throws Exception {
        faults.clear();
        emulators.resetWithAcmeCatalog();
    }

    @Test
    void deliver_claimMeetsAnotherDeliverysTransactionOnItsKeyThreeTimes_waitedOutAndImportedInOneDelivery() {
        var upload = emulators.put(KEY, CSV);
        conflictOnTheClaim(3);

        var reports = faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(reports).containsExactly(KEY + ".report.json");
        assertThat(emulators.report(KEY).get("status").asText()).isEqualTo("SUCCEEDED");
    }

    /**
     * The retry of an older upload's import that crashed while writing, after a later upload was
     * imported, meets another delivery's transaction on its own claim (TransactionConflict there)
     * while the key's newest upload fails its condition. The claim exists and must be finished:
     * the delivery has to look again, not take the upload for a superseded one and drop it, which
     * left the import COMMITTING, half written, with no delivery left to finish it (found by review).
     */
    @Test
    void deliver_retryOfAnOlderImportCrashedWhileWritingMeetsAConflictOnItsClaim_finishedNotSkipped() throws Exception {
        var older = emulators.put(KEY, CSV);
        faults.failAfter("BatchWriteItem", 0, FaultInjector.Fault.CRASH, 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> faultyHandler.handleRequest(
                S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15))))
                .isInstanceOf(FaultInjector.SimulatedCrash.class);
        emulators.deliver(emulators.put(KEY, CSV.replace(",5,", ",7,")));
        Thread.sleep(1_100); // the crashed delivery's lease runs out, as it would before Lambda's retry
        faults.interleaveBeforeCallNaming("PutItem", DynamoImportLedger.NEWEST_UPLOAD, () -> {
            throw cancelled("TransactionConflict", "ConditionalCheckFailed");
        });

        faultyHandler.handleRequest(S3Events.load(S3Events.putEventJson(older)), Emulators.context(Duration.ofMinutes(15)));

        assertThat(emulators.imports()).extracting(item -> item.get("status").s()).containsOnly("SUCCEEDED");
    }

    /** The claim's next {@code times} transactions are cancelled as DynamoDB cancels one racing another on the same items. */
    private static void conflictOnTheClaim(int times) {
        if (times == 0) {
            return;
        }
        faults.interleaveBeforeCallNaming("PutItem", DynamoImportLedger.NEWEST_UPLOAD, () -> {
            conflictOnTheClaim(times - 1);
            throw cancelled("TransactionConflict", "TransactionConflict");
        });
    }

    /** As DynamoDB cancels the claim's transaction: a reason for the claim, then for the key's newest upload. */
    private static TransactionCanceledException cancelled(String claimReason, String newestUploadReason) {
        return (TransactionCanceledException) TransactionCanceledException.builder()
                .statusCode(400).message("Transaction cancelled [" + claimReason + ", " + newestUploadReason + "]")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("TransactionCanceledException").build())
                .cancellationReasons(CancellationReason.builder().code(claimReason).build(),
                        CancellationReason.builder().code(newestUploadReason).build())
                .build();
    }
}
