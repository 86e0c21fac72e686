package dev.intake.bench.http;

import java.util.List;

/** Medians: on a shared, noisy machine they move less than means. */
public final class Stats {

    private Stats() {}

    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        var sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
