package dev.intake.core.inventory;

import java.math.BigDecimal;

/**
 * One slot of an as-built BOM: the BOM line it comes from and, once filled, the id of the
 * inventory installed in it (null while empty).
 */
public record AbomSlot(String partNumber, String revision, BigDecimal quantity, Long installed) {}
