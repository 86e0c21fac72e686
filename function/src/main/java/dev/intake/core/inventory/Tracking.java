package dev.intake.core.inventory;

/** How an item is told apart from others of its part: its serial number and lot number (null when none). */
public record Tracking(String serialNumber, String lotNumber) {

    public static final Tracking NONE = new Tracking(null, null);

    public Tracking withSerialNumber(String value) {
        return new Tracking(value, lotNumber);
    }

    public Tracking withLotNumber(String value) {
        return new Tracking(serialNumber, value);
    }
}
