package dev.intake.core.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.intake.testing.Sleep;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundLookupsTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopExecutor() {
        executor.shutdownNow();
    }

    @Test
    void finish_afterKeysInBatches_everyKeyLookedUpOnceInOrder() {
        var lookups = new BackgroundLookups<Integer>(3, 2, executor, batches::add);

        for (int key : List.of(1, 2, 2, 3, 4, 5, 6, 7)) {
            lookups.add(key);
        }
        lookups.finish();

        assertThat(batches).containsExactlyInAnyOrder(List.of(1, 2, 3), List.of(4, 5, 6), List.of(7));
    }

    @Test
    void add_withAllLookupsOut_waitsForOneToFinish() throws InterruptedException {
        var release = new CountDownLatch(1);
        var started = new AtomicInteger();
        var lookups = new BackgroundLookups<Integer>(1, 1, executor, keys -> {
            started.incrementAndGet();
            awaitQuietly(release);
        });
        lookups.add(1);

        var second = Executors.newSingleThreadExecutor();
        var added = second.submit(() -> lookups.add(2));
        Thread.sleep(100);
        assertThat(added).as("the second batch waits for a slot").isNotDone();

        release.countDown();
        second.shutdown();
        assertThat(second.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        // Only once the second add has returned is its lookup out for finish() to wait on.
        lookups.finish();
        assertThat(started).hasValue(2);
    }

    @Test
    void finish_afterAFailedLookup_throwsItsFailure() {
        var failure = new IllegalStateException("throttled");
        var lookups = new BackgroundLookups<Integer>(2, 2, executor, keys -> {
            if (keys.contains(3)) {
                throw failure;
            }
            batches.add(keys);
        });
        for (int key = 1; key <= 4; key++) {
            lookups.add(key);
        }

        assertThatThrownBy(lookups::finish).isSameAs(failure);
        assertThat(batches).containsExactly(List.of(1, 2));
    }

    /**
     * Found by review (5 Dec 2026): BackgroundLookups.finish's javadoc says "@throws RuntimeException
     * the first failed lookup's", but each failing lookup overwrites {@code failure}, so finish throws
     * the last one's. Lookups run one after another here (a direct executor, one slot), so "first"
     * is unambiguous. The first failure is the cause worth reporting (a later one may only follow
     * from it); keep it with {@code if (failure == null)} (synchronized, or a compareAndSet).
     */
    @Test
    void finish_afterTwoFailedLookups_throwsTheFirstFailure() {
        var first = new IllegalStateException("first: throttled");
        var second = new IllegalStateException("second");
        var lookups = new BackgroundLookups<Integer>(1, 1, Runnable::run, keys -> {
            throw keys.contains(1) ? first : second;
        });
        lookups.add(1);
        lookups.add(2);

        assertThatThrownBy(lookups::finish).isSameAs(first);
    }

    @Test
    void stop_withALookupOutAndKeysUnsent_waitsForItAndSendsNoMore() {
        var running = new AtomicInteger();
        var lookups = new BackgroundLookups<Integer>(2, 2, executor, keys -> {
            running.incrementAndGet();
            Sleep.quietly(200);
            batches.add(keys);
            running.decrementAndGet();
        });
        for (int key = 1; key <= 3; key++) {
            lookups.add(key);
        }

        lookups.stop();

        assertThat(running).as("lookups still running").hasValue(0);
        assertThat(batches).containsExactly(List.of(1, 2));
        lookups.finish();
        assertThat(batches).as("a stopped lookup sends nothing more").containsExactly(List.of(1, 2));
    }

    @Test
    void stop_afterAFailedLookup_throwsNothing() {
        var lookups = new BackgroundLookups<Integer>(1, 1, executor, keys -> {
            throw new IllegalStateException("throttled");
        });
        lookups.add(1);

        assertThatCode(lookups::stop).doesNotThrowAnyException();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
