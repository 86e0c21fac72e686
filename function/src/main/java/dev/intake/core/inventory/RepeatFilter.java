package dev.intake.core.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Answers "have I seen this before?" in about 12 bits per distinct value instead of holding the
 * values: a scalable Bloom filter. A "no" is certain; a "yes" is sometimes wrong (a few values in
 * a hundred at worst, for a million values), so callers treat it as "maybe" and check those few
 * exactly. It grows by adding filters twice the size of the last, so a small file pays a few KB
 * and a file of a million values about 3 MB.
 */
final class RepeatFilter {

    private static final int BITS_PER_VALUE = 12;
    private static final int HASHES = 8;
    private static final int FIRST_CAPACITY = 4_096;

    private final List<long[]> filters = new ArrayList<>();
    private int capacity;
    private int inLast;

    RepeatFilter() {
        grow(FIRST_CAPACITY);
    }

    /** Adds {@code value}; true when it was (probably) added before. */
    boolean addAndCheck(String value) {
        long h1 = hash(value, 0x9E3779B97F4A7C15L);
        long h2 = hash(value, 0xC2B2AE3D27D4EB4FL) | 1;
        for (var filter : filters) {
            if (contains(filter, h1, h2)) {
                return true;
            }
        }
        if (inLast == capacity) {
            grow(capacity * 2);
        }
        var last = filters.getLast();
        long bits = (long) last.length * 64;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bits);
            last[(int) (bit >>> 6)] |= 1L << bit;
        }
        inLast++;
        return false;
    }

    private static boolean contains(long[] filter, long h1, long h2) {
        long bits = (long) filter.length * 64;
        for (int i = 0; i < HASHES; i++) {
            long bit = Math.floorMod(h1 + i * h2, bits);
            if ((filter[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private void grow(int newCapacity) {
        capacity = newCapacity;
        inLast = 0;
        filters.add(new long[(int) Math.max(1, (long) newCapacity * BITS_PER_VALUE / 64)]);
    }

    /** FNV-1a over the characters, then SplitMix64's finaliser so every bit depends on every char. */
    private static long hash(String value, long seed) {
        long h = seed ^ 0xCBF29CE484222325L;
        for (int i = 0; i < value.length(); i++) {
            h ^= value.charAt(i);
            h *= 0x100000001B3L;
        }
        h ^= h >>> 30;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 27;
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
