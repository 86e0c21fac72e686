package dev.intake.core.purchasing;

import java.util.List;

/** What a PO line asks of its goods: labels, quality clauses (requirement titles) and an intent option. */
public record LineTerms(List<String> labels, List<String> qualityClauses, String intentOption) {

    public static final LineTerms NONE = new LineTerms(List.of(), List.of(), null);

    public LineTerms {
        labels = List.copyOf(labels);
        qualityClauses = List.copyOf(qualityClauses);
    }

    public LineTerms withLabels(List<String> value) {
        return new LineTerms(value, qualityClauses, intentOption);
    }

    public LineTerms withQualityClauses(List<String> value) {
        return new LineTerms(labels, value, intentOption);
    }

    public LineTerms withIntentOption(String value) {
        return new LineTerms(labels, qualityClauses, value);
    }
}
