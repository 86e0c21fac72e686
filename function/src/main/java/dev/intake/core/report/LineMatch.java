package dev.intake.core.report;

/** A Purchase Orders row that matched an existing line of its PO: line {@code line} of {@code poNumber}. */
public record LineMatch(int row, String poNumber, int line) {}
