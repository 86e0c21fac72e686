package dev.intake.core.commit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.testing.Sleep;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InParallelTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void map_resultsInInputOrder_neverMoreThanInFlightAtOnce() {
        var running = new AtomicInteger();
        var most = new AtomicInteger();
        var inputs = IntStream.range(0, 40).boxed().toList();

        var results = InParallel.map(inputs, 3, executor, n -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Sleep.quietly(5);
            running.decrementAndGet();
            return n * 10;
        });

        assertThat(results).isEqualTo(inputs.stream().map(n -> n * 10).toList());
        assertThat(most.get()).isBetween(1, 3);
    }

    @Test
    void map_aFailure_isThrownAsItself_andNoMoreStart() {
        var started = new AtomicInteger();
        var failure = new IllegalStateException("throttled");

        assertThatThrownBy(() -> InParallel.map(IntStream.range(0, 100).boxed().toList(), 1, executor, n -> {
            started.incrementAndGet();
            if (n == 2) {
                throw failure;
            }
            return n;
        })).isSameAs(failure);
        assertThat(started.get()).isEqualTo(3);
    }

    /** A caller undoes what landed once this throws: nothing still out may land after that. */
    @Test
    void map_aFailure_thrownOnlyOnceTheOthersOutHaveSettled() {
        var othersStarted = new CountDownLatch(2);
        var settled = new AtomicInteger();
        var failure = new IllegalStateException("refused");

        assertThatThrownBy(() -> InParallel.map(List.of(0, 1, 2), 3, executor, n -> {
            if (n == 0) {
                awaitQuietly(othersStarted); // the first input fails once the other two are out
                throw failure;
            }
            othersStarted.countDown();
            Sleep.quietly(200);
            return settled.incrementAndGet();
        })).isSameAs(failure);
        assertThat(settled.get()).isEqualTo(2);
    }

    @Test
    void map_aCrash_staysACrash() {
        var crash = new OutOfMemoryError("simulated");

        assertThatThrownBy(() -> InParallel.map(List.of(1, 2), 2, executor, n -> {
            throw crash;
        })).isSameAs(crash);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
