package dev.intake.core.imports;

/** Commit writes a valid file; validate (files under {@code validate/}) only reports. */
public enum ImportMode {
    COMMIT("commit"),
    VALIDATE("validate");

    private final String label;

    ImportMode(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
