package dev.intake.core.purchasing;

/** Who a PO is with and for, and where its goods go: catalog names (a user's e-mail), null when unset. */
public record PoParties(String supplier, String shipToLocation, String billToLocation, String assignedTo) {

    public static final PoParties NONE = new PoParties(null, null, null, null);

    public PoParties withSupplier(String value) {
        return new PoParties(value, shipToLocation, billToLocation, assignedTo);
    }

    public PoParties withShipToLocation(String value) {
        return new PoParties(supplier, value, billToLocation, assignedTo);
    }

    public PoParties withBillToLocation(String value) {
        return new PoParties(supplier, shipToLocation, value, assignedTo);
    }

    public PoParties withAssignedTo(String value) {
        return new PoParties(supplier, shipToLocation, billToLocation, value);
    }
}
