package dev.intake.testing;

import dev.intake.core.imports.IdAllocator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An {@link IdAllocator} with one counter per org and sequence, all starting after {@code last}. */
public final class InMemoryIdAllocator implements IdAllocator {

    /** One {@link #allocate} call. */
    public record Allocation(String org, String sequence, int count, long first) {}

    private final long startAfter;
    private final Map<String, Long> lastBySequence = new HashMap<>();
    private final List<Allocation> allocations = new ArrayList<>();

    public InMemoryIdAllocator(long startAfter) {
        this.startAfter = startAfter;
    }

    public List<Allocation> allocations() {
        return List.copyOf(allocations);
    }

    @Override
    public long allocate(String org, String sequence, int count) {
        long first = peek(org, sequence);
        lastBySequence.put(org + "/" + sequence, first + count - 1);
        allocations.add(new Allocation(org, sequence, count, first));
        return first;
    }

    @Override
    public long peek(String org, String sequence) {
        return lastBySequence.getOrDefault(org + "/" + sequence, startAfter) + 1;
    }
}
