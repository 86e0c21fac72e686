package dev.intake.bench.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The order of the contenders in round {@code n}: rotated by n, so that each runs in every position in turn. */
final class Rotation {

    private Rotation() {}

    static <T> List<T> of(List<T> items, int round) {
        var rotated = new ArrayList<>(items);
        Collections.rotate(rotated, -(round % Math.max(1, items.size())));
        return rotated;
    }
}
