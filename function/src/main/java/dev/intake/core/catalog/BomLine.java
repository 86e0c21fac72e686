package dev.intake.core.catalog;

import java.math.BigDecimal;

/** One line of a part's bill of materials: a child part revision and how many go in. */
public record BomLine(String partNumber, String revision, BigDecimal quantity) {}
