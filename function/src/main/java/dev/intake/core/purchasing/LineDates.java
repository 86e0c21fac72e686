package dev.intake.core.purchasing;

import java.time.LocalDate;

/** When a PO line's goods are needed and when they are expected (null when unset). */
public record LineDates(LocalDate needDate, LocalDate estimatedArrivalDate) {

    public static final LineDates NONE = new LineDates(null, null);

    public LineDates withNeedDate(LocalDate value) {
        return new LineDates(value, estimatedArrivalDate);
    }

    public LineDates withEstimatedArrivalDate(LocalDate value) {
        return new LineDates(needDate, value);
    }
}
