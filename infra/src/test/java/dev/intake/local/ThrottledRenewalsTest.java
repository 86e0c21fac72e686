package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.IntakeHandler;
import dev.intake.core.imports.LeaseRunningOutException;
import dev.intake.core.imports.LostClaimException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The lease when its renewals are throttled (review "leasethrottle", 7 December 2026): the owner's
 * commit goes on, slowly, while every renewal of its lease is throttled past the SDK's retries. A
 * second delivery of the same event takes the import over once the lease has run out; the owner
 * must have stopped writing before that. Three-second leases.
 */
class ThrottledRenewalsTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    private static final String RECORDS = "partNumber";

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_LEASE_SECONDS", "3",
            "INTAKE_WRITE_CONCURRENCY", "3"));

    /**
     * Once the owner's commit has sent its first records batch, every renewal (and release) of its
     * lease is throttled, and each records batch takes {@code each}; notes when each records batch
     * went out (passed every interceptor, the lease check last, and was answered).
     */
    static final class ThrottledLeaseSlowRecords implements ExecutionInterceptor {
        private final String inventoryTable;
        private final String importsTable;
        private final Duration each;
        final AtomicBoolean armed = new AtomicBoolean();
        final List<Instant> recordsSent = new CopyOnWriteArrayList<>();
        final List<Instant> renewalsThrottled = new CopyOnWriteArrayList<>();

        ThrottledLeaseSlowRecords(String inventoryTable, String importsTable, Duration each) {
            this.inventoryTable = inventoryTable;
            this.importsTable = importsTable;
            this.each = each;
        }

        private static boolean records(ExecutionAttributes attributes, String request, String table) {
            return attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME).equals("BatchWriteItem")
                    && request.contains(table) && request.contains(RECORDS);
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            var op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            var request = context.request().toString();
            if (records(attributes, request, inventoryTable)) {
                armed.set(true);
                SlowWritesDeadlineTest.stall(each);
                return;
            }
            if (armed.get() && op.equals("UpdateItem") && request.contains(importsTable)
                    && request.contains("UpdateExpression=SET leaseUntil = :lease,")) {
                renewalsThrottled.add(Instant.now());
                throw (DynamoDbException) DynamoDbException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").errorMessage("injected").build())
                        .message("injected ThrottlingException").build();
            }
        }

        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
            if (records(attributes, context.request().toString(), inventoryTable)) {
                recordsSent.add(Instant.now());
            }
        }
    }

    /**
     * Tried by review "leasethrottle": held. The owner's renewals fail from its first records
     * batch on; its fence stops its writes a tenth of the lease before the end, so a second
     * delivery, arriving once the lease has run out, takes over with nothing of the owner's still
     * going out, and finishes the file once.
     */
    @Test
    void deliver_renewalsThrottledWhileTheCommitIsSlowAndASecondDeliveryTakesOver_ownerStopsFirst() throws Exception {
        var org = "throttledlease";
        emulators.loadCatalog(CATALOG, org);
        var seeded = emulators.inventory(org).size();
        var key = org + "/part-inventory/received.csv";
        var upload = emulators.put(key, SlowWritesDeadlineTest.creates(1_200));
        var faults = new ThrottledLeaseSlowRecords(emulators.aws.config().inventoryTable(),
                emulators.aws.config().importsTable(), Duration.ofMillis(700));
        var owner = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(faults, 3));

        var owning = CompletableFuture.supplyAsync(() -> {
            try {
                owner.handleRequest(S3Events.load(S3Events.putEventJson(upload)), Emulators.context(Duration.ofMinutes(15)));
                return null;
            } catch (RuntimeException e) {
                return (Throwable) e;
            }
        });
        while (!faults.armed.get()) {
            Thread.sleep(20);
        }
        assertThat(emulators.deliver(upload)).as("a duplicate delivery while the lease is live does nothing").isEmpty();
        Instant secondBegan;
        while (true) {
            var claim = emulators.imports().stream().filter(item -> key.equals(item.get("key").s())).findFirst().orElseThrow();
            if (Long.parseLong(claim.get("leaseUntil").n()) < System.currentTimeMillis()) {
                secondBegan = Instant.now();
                break;
            }
            Thread.sleep(50);
        }
        emulators.deliver(upload); // the second delivery takes the import over and resumes it
        var ownerEnded = owning.get(60, TimeUnit.SECONDS);

        System.out.println("owner ended with " + ownerEnded + "; renewals throttled " + faults.renewalsThrottled.size()
                + "; owner's records batches after the take-over began "
                + faults.recordsSent.stream().filter(sent -> sent.isAfter(secondBegan)).count());
        assertThat(faults.renewalsThrottled).as("the owner's renewals were throttled").isNotEmpty();
        assertThat(ownerEnded).as("the owner stopped").isNotNull();
        // stopped by its fence, by the throttling (past the SDK's retries, or past the time a
        // renewal is given: ImportRunner's renewalTimeout), or (its data writes stopped in time)
        // told at its last ledger write, the progress it records as it stops, that the claim is no
        // longer its own
        if (!(ownerEnded instanceof LeaseRunningOutException || ownerEnded instanceof LostClaimException
                || ownerEnded instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException)) {
            assertThat(ownerEnded).isInstanceOf(DynamoDbException.class).hasMessageContaining("Throttling");
        }
        assertThat(faults.recordsSent).as("no records batch of the owner went out once the lease had run out")
                .allSatisfy(sent -> assertThat(sent).isBefore(secondBegan));
        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).as("the file's records, once each").hasSize(seeded + 1_200);
    }
}
