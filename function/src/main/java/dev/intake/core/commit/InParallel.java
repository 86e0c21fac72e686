package dev.intake.core.commit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Work on many inputs with a bounded number out at once: the batched reads and writes whose
 * round trips, taken one after another, would cost more than the store spends serving them.
 */
public final class InParallel {

    private InParallel() {}

    /**
     * Applies {@code work} to every input on {@code executor}, at most {@code inFlight} at a time,
     * and returns the results in input order. Once one fails no more start, the ones out settle,
     * and the failure is thrown as itself: a crash (an Error) stays a crash. Settling first matters
     * to writes: a caller that undoes what landed must not see a write land after it.
     */
    public static <T, R> List<R> map(List<T> inputs, int inFlight, Executor executor, Function<T, R> work) {
        var slots = new Semaphore(inFlight);
        var failed = new AtomicBoolean();
        var results = new ArrayList<CompletableFuture<R>>();
        for (var input : inputs) {
            slots.acquireUninterruptibly();
            if (failed.get()) {
                break; // the call fails anyway: start no more
            }
            results.add(CompletableFuture.supplyAsync(() -> work.apply(input), executor)
                    .whenComplete((ignored, error) -> {
                        if (error != null) {
                            failed.set(true);
                        }
                        slots.release();
                    }));
        }
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).handle((ignored, error) -> null).join();
        try {
            return results.stream().map(CompletableFuture::join).toList();
        } catch (CompletionException e) {
            switch (e.getCause()) {
                case RuntimeException cause -> throw cause;
                case Error cause -> throw cause;
                default -> throw e;
            }
        }
    }
}
