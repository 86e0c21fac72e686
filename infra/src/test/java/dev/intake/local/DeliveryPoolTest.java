package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DeliveryPoolTest {

    @Test
    void burstOfUploads_runsAFewAtOnce_othersWaitTheirTurn_closingLeavesThoseNotBegun() throws Exception {
        var pool = new DeliveryPool();
        var release = new CountDownLatch(1);
        var begun = new AtomicInteger();
        var allAtOnceBegun = new CountDownLatch(DeliveryPool.AT_ONCE);
        for (int i = 0; i < DeliveryPool.AT_ONCE + 3; i++) {
            pool.deliver(() -> {
                begun.incrementAndGet();
                allAtOnceBegun.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        assertThat(allAtOnceBegun.await(10, TimeUnit.SECONDS)).as("the first imports begin at once").isTrue();
        Thread.sleep(200); // a fifth would have begun by now
        assertThat(begun.get()).isEqualTo(DeliveryPool.AT_ONCE);

        assertThat(pool.dropWaiting()).as("taken back, for the next serve").isEqualTo(3);
        release.countDown();
        pool.awaitUnderWay(1);
        assertThat(begun.get()).as("the dropped ones never ran").isEqualTo(DeliveryPool.AT_ONCE);
    }

    @Test
    void fewerThanAtOnceUnderWay_nextUploadBeginsAtOnce() throws Exception {
        var pool = new DeliveryPool();
        var release = new CountDownLatch(1);
        for (int i = 0; i < DeliveryPool.AT_ONCE - 1; i++) {
            pool.deliver(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        var ran = new CountDownLatch(1);
        pool.deliver(ran::countDown);
        assertThat(ran.await(10, TimeUnit.SECONDS)).as("a free slot runs the next upload at once").isTrue();
        release.countDown();
        assertThat(pool.dropWaiting()).isZero();
        pool.awaitUnderWay(1);
    }
}
