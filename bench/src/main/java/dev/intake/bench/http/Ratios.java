package dev.intake.bench.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Ratios to a reference contender within one round: on a machine whose speed drifts, the ratio
 * of two samples taken a few seconds apart moves less than either sample.
 */
final class Ratios {

    private Ratios() {}

    /** Adds, for each contender of the round, its value divided by the reference's. */
    static <K, S> void add(Map<K, List<Double>> ratios, Map<K, S> round, K reference, ToDoubleFunction<S> value) {
        double base = value.applyAsDouble(round.get(reference));
        round.forEach((key, sample) -> ratios.computeIfAbsent(key, k -> new ArrayList<>()).add(value.applyAsDouble(sample) / base));
    }
}
