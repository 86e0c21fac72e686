package dev.intake.core.imports;

/** Ids reserved for one import from one sequence: {@code first} … {@code first + count - 1}. */
public record IdBlock(long first, int count) {}
