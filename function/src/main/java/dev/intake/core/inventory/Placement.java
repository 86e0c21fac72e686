package dev.intake.core.inventory;

/** Where an item is and where it came from: catalog names in the catalog's spelling, null when unset. */
public record Placement(String location, String supplier, String unitOfMeasure, String intentOption) {

    public static final Placement NONE = new Placement(null, null, null, null);

    public Placement withLocation(String value) {
        return new Placement(value, supplier, unitOfMeasure, intentOption);
    }

    public Placement withSupplier(String value) {
        return new Placement(location, value, unitOfMeasure, intentOption);
    }

    public Placement withUnitOfMeasure(String value) {
        return new Placement(location, supplier, value, intentOption);
    }

    public Placement withIntentOption(String value) {
        return new Placement(location, supplier, unitOfMeasure, value);
    }
}
