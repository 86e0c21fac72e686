package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.intake.IntakeHandler;
import dev.intake.core.imports.DeadlineReachedException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * The deadline when DynamoDB is slow or throttling (review "leasethrottle", 7 December 2026):
 * lifecycle.md ("Stopping before the deadline") says that with 20 seconds left the import
 * "sends no more units, waits for the ones out, records how far the commit got, gives its lease
 * back and fails the invocation". The remaining time is only looked at between rows. Write
 * concurrency 3: one unit of 300 creates out at a time, as the default 8 slots are with a few units.
 */
class SlowWritesDeadlineTest {

    private static final Path CATALOG = Path.of("src/test/resources/golden/catalog.json");
    /** What a records batch names, and a journal append does not. */
    private static final String RECORDS = "partNumber";
    /** ImportRunner.DEADLINE_MARGIN. */
    private static final Duration MARGIN = Duration.ofSeconds(20);

    @RegisterExtension
    static final Emulators emulators = Emulators.perTestClass(Map.of("INTAKE_WRITE_CONCURRENCY", "3"));

    /**
     * Every attempt of a BatchWriteItem of records takes {@code each} (a table scaling up: the
     * SDK's retries of a throttled batch back off for seconds, up to 20 s a wait), and notes how
     * much of the invocation was left as it went out.
     */
    static final class SlowRecordBatches implements ExecutionInterceptor {
        private final String table;
        private final Duration each;
        private volatile Instant timesOutAt = Instant.MAX;
        final List<Duration> leftAtSend = new CopyOnWriteArrayList<>();

        SlowRecordBatches(String table, Duration each) {
            this.table = table;
            this.each = each;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            var op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            var request = context.request().toString();
            if (op.equals("BatchWriteItem") && request.contains(table) && request.contains(RECORDS)) {
                leftAtSend.add(Duration.between(Instant.now(), timesOutAt));
                stall(each);
            }
        }
    }

    /** An interceptor's stand-in for a slow or throttled call. */
    static void stall(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A Part Inventory file of {@code rows} creates. */
    static String creates(int rows) {
        var csv = new StringBuilder("part_number,quantity,location\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("FST-M3-10,").append(i).append(",Stockroom A\n");
        }
        return csv.toString();
    }

    /**
     * Found by review "leasethrottle" (7 Dec 2026): the time a slow or throttled commit spends
     * waiting on its writes is not counted against the deadline. A file of 600 creates, each
     * attempt of a records batch taking 10 s (a unit of 300 is 12 batches, 8 at once: 20 s), an
     * invocation of 38 s. The row thread hands unit 2 to the pipeline at row 600 and blocks there
     * for a free slot until unit 1 has landed, about 20 s in, with less than the 20 s margin
     * left; then it sends unit 2 all the same (the deadline is checked after the row's write, not
     * before a unit goes out), stops at the check after it, and waits another 20 s for unit 2.
     * The handler returns some seconds after its timeout: on Lambda the invocation is killed
     * there ("Task timed out"), with no progress recorded and its lease not given back, which is
     * the crash this stop exists to avoid. Expected: no unit goes out with less than the margin
     * left, and the delivery ends before its timeout.
     */
    @Test
    void deliver_recordBatchesSlowWhileTheDeadlineNears_stopsBeforeTheTimeoutSendingNoUnitInTheMargin() throws Exception {
        var org = "slowdeadline";
        emulators.loadCatalog(CATALOG, org);
        var key = org + "/part-inventory/received.csv";
        var seeded = emulators.inventory(org).size();
        var upload = emulators.put(key, creates(600));
        var slow = new SlowRecordBatches(emulators.aws.config().inventoryTable(), Duration.ofSeconds(10));
        var handler = new IntakeHandler(emulators.aws.config(), emulators.functionS3(), emulators.dynamoThrough(slow, 3));
        var timeout = Duration.ofSeconds(38);
        slow.timesOutAt = Instant.now().plus(timeout);
        var context = Emulators.context(timeout);

        var thrown = catchThrowable(() -> handler.handleRequest(S3Events.load(S3Events.putEventJson(upload)), context));
        var leftAtReturn = Duration.between(Instant.now(), slow.timesOutAt);

        System.out.println("stopped with " + thrown + "; left at each records batch " + slow.leftAtSend
                + "; left at return " + leftAtReturn);
        assertThat(thrown).isInstanceOf(DeadlineReachedException.class);
        assertThat(slow.leftAtSend).as("time left as each records batch went out: none is sent in the last "
                + MARGIN.toSeconds() + " s").allSatisfy(left -> assertThat(left).isGreaterThanOrEqualTo(MARGIN));
        assertThat(leftAtReturn).as("the delivery ends before Lambda's timeout would kill it").isPositive();
        var claim = emulators.imports().stream().filter(item -> key.equals(item.get("key").s())).findFirst().orElseThrow();
        assertThat(claim.get("status").s()).isEqualTo("COMMITTING");
        assertThat(claim.get("leaseUntil").n()).as("the lease given back").isEqualTo("0");

        emulators.deliver(upload); // Lambda's retry resumes

        assertThat(emulators.report(key).get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(emulators.inventory(org)).as("the file's records, once each").hasSize(seeded + 600);
    }

    /** Holds the first renewal of a lease for {@code stall} (the SDK backing off a throttled UpdateItem), once. */
    static final class SlowFirstRenewal implements ExecutionInterceptor {
        private final String table;
        private final Duration stall;
        final java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();

        SlowFirstRenewal(String table, Duration stall) {
            this.table = table;
            this.stall = stall;
        }

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            var op = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
            var request = context.request().toString();
            if (op.equals("UpdateItem") && request.contains(table) && request.contains("UpdateExpression=SET leaseUntil = :lease,")
                    && !request.contains("N=0)") && fired.compareAndSet(false, true)) {
                stall(stall);
            }
        }
    }

    /**
     * Found by review "leasethrottle" (7 Dec 2026): a slow renewal of the lease stops the import
     * past its deadline. The renewal runs on the lease timer inside the job's lock
     * ({@code ImportRunner.Job.renewIfDue}, synchronized, the UpdateItem inside it), and the row
     * thread's {@code keepAlive} takes the same lock at every row, after its look at the deadline.
     * Here the first renewal (due 11 s in, with the default 45 s lease) takes 30 s to come back, as
     * a renewal throttled past a few of the SDK's backoffs does; the commit (3,000 creates, each
     * records batch 1 s) waits on it at its next row, and reads the deadline again only when the
     * renewal has returned, 41 s in, past the invocation's 35 s. On Lambda the invocation is killed
     * there, its progress unrecorded and its lease kept. Expected: the import stops at its deadline,
     * 15 s in, and ends before the timeout.
     */
    @Test
    void deliver_aRenewalSlowWhileTheDeadlineNears_stopsBeforeTheTimeout() throws Exception {
        var org = "slowrenewal";
        emulators.loadCatalog(CATALOG, org);
        var key = org + "/part-inventory/received.csv";
        var upload = emulators.put(key, creates(3_000));
        var slowRecords = new SlowRecordBatches(emulators.aws.config().inventoryTable(), Duration.ofSeconds(1));
        var slowRenewal = new SlowFirstRenewal(emulators.aws.config().importsTable(), Duration.ofSeconds(30));
        var handler = new IntakeHandler(emulators.aws.config(), emulators.functionS3(),
                emulators.dynamoThrough(slowRecords, slowRenewal, 3));
        var timeout = Duration.ofSeconds(35);
        var timesOutAt = Instant.now().plus(timeout);
        var context = Emulators.context(timeout);

        var thrown = catchThrowable(() -> handler.handleRequest(S3Events.load(S3Events.putEventJson(upload)), context));
        var leftAtReturn = Duration.between(Instant.now(), timesOutAt);

        System.out.println("stopped with " + thrown + "; left at return " + leftAtReturn);
        assertThat(slowRenewal.fired).as("a renewal was slow").isTrue();
        assertThat(thrown).isInstanceOf(DeadlineReachedException.class);
        assertThat(leftAtReturn).as("the delivery ends before Lambda's timeout would kill it").isPositive();
        var claim = emulators.imports().stream().filter(item -> key.equals(item.get("key").s())).findFirst().orElseThrow();
        assertThat(claim.get("status").s()).isEqualTo("COMMITTING");
        assertThat(claim.get("leaseUntil").n()).as("the lease given back").isEqualTo("0");
    }
}
