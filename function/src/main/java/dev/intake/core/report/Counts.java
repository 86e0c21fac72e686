package dev.intake.core.report;

/** Row and record counts of one import. {@code errors} is the total, even when the list is capped. */
public record Counts(int rows, int created, int updated, int errors) {}
