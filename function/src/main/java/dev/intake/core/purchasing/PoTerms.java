package dev.intake.core.purchasing;

import java.time.LocalDate;
import java.util.List;

/** The commercial terms of a PO: currency, order date, intent, terms and conditions, and fees. */
public record PoTerms(String currency, LocalDate orderedAt, String intentOption, String termsAndConditions, List<Fee> fees) {

    public static final PoTerms NONE = new PoTerms(null, null, null, null, List.of());

    public PoTerms {
        fees = List.copyOf(fees);
    }

    public PoTerms withCurrency(String value) {
        return new PoTerms(value, orderedAt, intentOption, termsAndConditions, fees);
    }

    public PoTerms withOrderedAt(LocalDate value) {
        return new PoTerms(currency, value, intentOption, termsAndConditions, fees);
    }

    public PoTerms withIntentOption(String value) {
        return new PoTerms(currency, orderedAt, value, termsAndConditions, fees);
    }

    public PoTerms withTermsAndConditions(String value) {
        return new PoTerms(currency, orderedAt, intentOption, value, fees);
    }

    public PoTerms withFees(List<Fee> value) {
        return new PoTerms(currency, orderedAt, intentOption, termsAndConditions, value);
    }
}
