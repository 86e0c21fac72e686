package dev.intake.core.catalog;

/** A part revision by its catalog spelling: the identity serial numbers are unique within. */
public record PartRef(String partNumber, String revision) {

    @Override
    public String toString() {
        return partNumber + " rev " + revision;
    }
}
