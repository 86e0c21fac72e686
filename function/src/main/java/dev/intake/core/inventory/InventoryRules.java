package dev.intake.core.inventory;

import static dev.intake.core.inventory.InventoryColumns.AUTOGENERATE_LOT;
import static dev.intake.core.inventory.InventoryColumns.AUTOGENERATE_SERIAL;
import static dev.intake.core.inventory.InventoryColumns.ID;
import static dev.intake.core.inventory.InventoryColumns.LOCATION;
import static dev.intake.core.inventory.InventoryColumns.LOT_NUMBER;
import static dev.intake.core.inventory.InventoryColumns.QUANTITY;
import static dev.intake.core.inventory.InventoryColumns.QUANTITY_SCRAPPED;
import static dev.intake.core.inventory.InventoryColumns.SERIAL_NUMBER;
import static dev.intake.core.inventory.InventoryColumns.SUPPLIER;
import static dev.intake.core.inventory.InventoryColumns.UNIT_OF_MEASURE;

import dev.intake.core.catalog.Catalog;
import dev.intake.core.catalog.Part;
import dev.intake.core.catalog.PartRef;
import dev.intake.core.catalog.TrackingType;
import dev.intake.core.columns.Column;
import dev.intake.core.columns.DayFirstDates;
import dev.intake.core.columns.LostCharacters;
import dev.intake.core.columns.RowCells;
import dev.intake.core.commit.Stamped;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.values.KeyText;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * The Part Inventory rules that need more than one cell: create vs update by id, tracking types,
 * serial quantities and uniqueness, scrapped quantities, On Order inventory owned by its PO line
 * (SPEC §6). Holds what earlier rows of the file claimed (ids, serials), so it must see the rows
 * in order, once.
 */
final class InventoryRules {

    private final Catalog catalog;
    private final String org;
    private final Map<Long, Stamped<InventoryRecord>> stored;
    private final Set<Long> repeatedIds;
    private final SerialBook serials;
    private final OnOrderOwners owners;
    /** The first row of each id that more than one row names (the scan found them): the others are refused. */
    private final Map<Long, Integer> rowOfRepeatedId = new HashMap<>();

    /**
     * @param stored the records the file updates, as read
     * @param repeatedIds the ids more than one row names: only these need their rows remembered,
     *     so a file of a million updates keeps no map of its ids
     */
    InventoryRules(Catalog catalog, Map<Long, Stamped<InventoryRecord>> stored, Set<Long> repeatedIds, SerialBook serials,
                   OnOrderOwners owners) {
        this.catalog = catalog;
        this.org = catalog.org();
        this.stored = stored;
        this.repeatedIds = repeatedIds;
        this.serials = serials;
        this.owners = owners;
    }

    /**
     * Checks one parsed row, adding its problems to {@code cells}. Returns the record the row would
     * write (with {@code newId} for a create), or null when it cannot even be built.
     */
    InventoryRecord check(InventoryRow row, RowCells cells, long newId) {
        var result = row.update() ? checkUpdate(row, cells) : checkCreate(row, cells, newId);
        if (result != null) {
            checkRecord(row, cells, result);
        } else if (!row.update()) {
            checkWithoutItsPart(row, cells);
        }
        return result;
    }

    /**
     * A create whose part is not found still meets the rules that need no part (SPEC §6: a
     * serial's quantity 0 or 1 "whatever the tracking type", quantity_scrapped within quantity).
     * Unchecked, a row that named a revision wrongly failed again on them once the uploader had
     * fixed what the report named.
     */
    private void checkWithoutItsPart(InventoryRow row, RowCells cells) {
        var record = InventoryRecords.withoutItsPart(row,
                new PartRef(cells.raw(InventoryColumns.PART_NUMBER), cells.raw(InventoryColumns.REVISION)));
        checkSerialQuantity(row, cells, record, TrackingType.NONE);
        checkScrapped(cells, record);
    }

    private InventoryRecord checkUpdate(InventoryRow row, RowCells cells) {
        if (row.autogenerateSerial()) {
            cells.fail(AUTOGENERATE_SERIAL.name(), cells.raw(AUTOGENERATE_SERIAL), ErrorCode.AUTOGENERATE_ON_UPDATE,
                    "autogenerate_serial applies only to new inventory: remove the id or the flag");
        }
        if (row.autogenerateLot()) {
            cells.fail(AUTOGENERATE_LOT.name(), cells.raw(AUTOGENERATE_LOT), ErrorCode.AUTOGENERATE_ON_UPDATE,
                    "autogenerate_lot applies only to new inventory: remove the id or the flag");
        }
        if (row.id() == null) {
            return null;
        }
        var firstRow = repeatedIds.contains(row.id()) ? rowOfRepeatedId.putIfAbsent(row.id(), row.row()) : null;
        if (firstRow != null) {
            cells.fail(ID.name(), cells.raw(ID), ErrorCode.DUPLICATE_ID,
                    "id " + row.id() + " is already updated by row " + firstRow + "; each id may appear once per file");
            return null;
        }
        var current = existing(row.id());
        if (current == null) {
            cells.fail(ID.name(), cells.raw(ID), ErrorCode.NOT_FOUND, "no inventory with id " + row.id() + " exists in " + org);
            return null;
        }
        var updated = InventoryRecords.update(current, row, partUnit(catalog, current));
        checkOnOrder(row, cells, current, updated);
        DayFirstDates.checkAttributes(cells, "inventory " + current.id(), current, updated);
        if (LostCharacters.possibleIn(cells)) {
            checkLostCharacters(cells, current, updated);
        }
        return updated;
    }

    /** A text of the record the file gives back as a legacy-encoded save wrote it ({@link LostCharacters}). */
    private void checkLostCharacters(RowCells cells, InventoryRecord current, InventoryRecord updated) {
        var holder = "inventory " + current.id();
        LostCharacters.check(cells, holder, SERIAL_NUMBER.name(), current.serialNumber(), updated.serialNumber());
        LostCharacters.check(cells, holder, LOT_NUMBER.name(), current.lotNumber(), updated.lotNumber());
        LostCharacters.checkAttributes(cells, holder, current, updated);
    }

    /**
     * On Order inventory belongs to its PO line until it is received: a row may give it a serial,
     * a lot and custom attributes, but not change what the line sets (its frozen columns).
     */
    private void checkOnOrder(InventoryRow row, RowCells cells, InventoryRecord current, InventoryRecord updated) {
        if (current.status() != InventoryStatus.ON_ORDER) {
            return;
        }
        for (var column : row.values().frozenChanges(current, updated)) {
            cells.fail(column.name(), cells.raw(column), ErrorCode.ON_ORDER_MANAGED, "inventory " + current.id()
                    + " is On Order: " + owners.describe(current.purchaseOrderLine()) + " sets its " + column.name()
                    + " until it is received; " + whereToChange(column, current) + " (serial_number, lot_number and custom"
                    + " attributes may be set here)");
        }
    }

    /**
     * Where a frozen column of On Order inventory comes from (docs/part-inventory.md): a PO line
     * has a quantity only, and the message sent every column there.
     * A PO past DRAFT changes none of them any more: the message sent users to a change the
     * Purchase Orders importer then refused (PO_NOT_EDITABLE), found by review on 6 December 2026.
     */
    private String whereToChange(Column<InventoryRecord, ?> column, InventoryRecord current) {
        if (column.equals(UNIT_OF_MEASURE)) {
            return "it is the part's own unit";
        }
        if (column.equals(QUANTITY_SCRAPPED)) {
            return "set it once the goods are received";
        }
        var fixed = owners.fixedStatus(current.purchaseOrderLine());
        if (fixed != null) {
            return owners.po(current.purchaseOrderLine()) + " is " + fixed + ": its header and lines no longer change";
        }
        if (column.equals(QUANTITY)) {
            // a serial-tracked line has a record per unit and takes any whole quantity: "0 or 1" there
            // led a user to lower it to 1, deleting the other units' records
            boolean perUnit = catalog.parts().find(current.part()).map(Part::trackingType).orElse(null) == TrackingType.SERIAL;
            return "change the PO line's quantity instead" + (current.serialNumber() == null || perUnit ? ""
                    : ", to 0 or 1 while the item has a serial number");
        }
        if (column.equals(LOCATION)) {
            return "change the PO's ship_to_location instead";
        }
        if (column.equals(SUPPLIER)) {
            return "change the PO's supplier instead";
        }
        return "change the line's intent_option (or the PO's po_intent_option) instead";
    }

    private InventoryRecord checkCreate(InventoryRow row, RowCells cells, long newId) {
        if (row.autogenerateSerial() && row.serialNumber() != null) {
            cells.fail(AUTOGENERATE_SERIAL.name(), cells.raw(AUTOGENERATE_SERIAL), ErrorCode.AUTOGENERATE_CONFLICT,
                    "give either a serial_number or autogenerate_serial=true, not both");
        }
        if (row.autogenerateLot() && row.lotNumber() != null) {
            cells.fail(AUTOGENERATE_LOT.name(), cells.raw(AUTOGENERATE_LOT), ErrorCode.AUTOGENERATE_CONFLICT,
                    "give either a lot_number or autogenerate_lot=true, not both");
        }
        return row.part() == null ? null : InventoryRecords.create(row, newId);
    }

    /** Whether an updated record's location differs from its stored one. */
    boolean relocates(InventoryRecord updated) {
        var before = existing(updated.id());
        return before != null && !Objects.equals(before.location(), updated.location());
    }

    /** The stored record with this id, or null. */
    private InventoryRecord existing(long id) {
        var read = stored.get(id);
        return read == null ? null : read.item();
    }

    private void checkRecord(InventoryRow row, RowCells cells, InventoryRecord record) {
        var tracking = catalog.parts().find(record.part()).map(Part::trackingType).orElse(TrackingType.NONE);
        checkTracking(row, cells, record, tracking);
        checkSerialQuantity(row, cells, record, tracking);
        checkScrapped(cells, record);
        boolean namesSerial = row.serialNumber() != null || !row.update() && row.autogenerateSerial();
        if (namesSerial && record.serialNumber() != null) {
            checkSerialUnique(row, cells, record);
        }
        // A serial refused (taken, unreadable) changes nothing: the item keeps its own for the rows
        // after, or the upload with this row fixed failed on one this report never named (found by
        // review "updatesemantics" on 7 December 2026)
        if (row.update() && !cells.failed(SERIAL_NUMBER.name())) {
            var before = SerialKey.of(existing(record.id()));
            if (before != null && !before.equals(SerialKey.of(record))) {
                serials.free(before, record.id(), row.row());
            }
        }
    }

    /**
     * On Order inventory gets its serial or lot at receipt, so tracking applies once received (SPEC §7).
     * An update is held to what it changes: an item already stored, received, without the number
     * (goods of a PO the catalog loaded as RECEIVED, a part made tracked after its items) is not
     * held to a number it never had by a row that leaves it so, or an unchanged export of it would
     * fail whole. A row that clears a number the item has is.
     */
    private void checkTracking(InventoryRow row, RowCells cells, InventoryRecord record, TrackingType tracking) {
        if (record.status() == InventoryStatus.ON_ORDER) {
            return;
        }
        // an autogenerate flag that failed to read may have meant true: its error says it all (noticed by review)
        if (tracking == TrackingType.SERIAL && record.serialNumber() == null && !cells.failed(SERIAL_NUMBER.name())
                && !cells.failed(AUTOGENERATE_SERIAL.name(), ErrorCode.INVALID_BOOLEAN)
                && !storedWithout(row, record, InventoryRecord::serialNumber)) {
            cells.fail(SERIAL_NUMBER.name(), null, ErrorCode.TRACKING_REQUIRED, record.part() + " is serial-tracked: "
                    + (row.update() ? "the record needs a serial_number" : "give a serial_number or set autogenerate_serial=true"));
        }
        if (tracking == TrackingType.LOT && record.lotNumber() == null && !cells.failed(LOT_NUMBER.name())
                && !cells.failed(AUTOGENERATE_LOT.name(), ErrorCode.INVALID_BOOLEAN)
                && !storedWithout(row, record, InventoryRecord::lotNumber)) {
            cells.fail(LOT_NUMBER.name(), null, ErrorCode.TRACKING_REQUIRED, record.part() + " is lot-tracked: "
                    + (row.update() ? "the record needs a lot_number" : "give a lot_number or set autogenerate_lot=true"));
        }
    }

    /**
     * Whether an update's item is stored, received, without the {@code number} (its serial or lot),
     * and the row leaves its serial and lot as they are: a row that gives or clears either meets
     * the part's type, as docs/catalog.md says (a lot given to an item of a part made
     * serial-tracked went in without a serial: review "catalogchanges" on 7 December 2026).
     */
    private boolean storedWithout(InventoryRow row, InventoryRecord record, Function<InventoryRecord, String> number) {
        var before = row.update() ? existing(record.id()) : null;
        return before != null && before.status() != InventoryStatus.ON_ORDER && number.apply(before) == null
                && Objects.equals(before.serialNumber(), record.serialNumber()) && Objects.equals(before.lotNumber(), record.lotNumber());
    }

    /**
     * An On Order item's quantity is its PO line's, which the file may not change: there the
     * serial the row gives is what is wrong, so the error names serial_number and the line.
     */
    private void checkSerialQuantity(InventoryRow row, RowCells cells, InventoryRecord record, TrackingType tracking) {
        // An On Order item's quantity a row changes or garbles is refused and stays the line's: a serial the row gives is checked against that, in the same report; it was
        // not, and the upload with the quantity dropped failed on the serial (found by review
        // "errorsdoc" on 7 December 2026)
        boolean lineKeepsQuantity = record.status() == InventoryStatus.ON_ORDER && row.serialNumber() != null
                && cells.failed(QUANTITY.name()); // an unreadable quantity too (review "own49")
        var quantity = lineKeepsQuantity ? existing(record.id()).quantity() : record.quantity();
        // Without a serial, an item is held to its part's serial tracking only once received (SPEC
        // §7) and, stored before its part was made serial-tracked, once a row gives it a serial, as
        // checkTracking holds it: such an item of 60 refused every update, an attribute's too
        boolean serialized = record.serialNumber() != null || tracking == TrackingType.SERIAL
                && record.status() != InventoryStatus.ON_ORDER && !storedWithout(row, record, InventoryRecord::serialNumber);
        boolean zeroOrOne = quantity.compareTo(BigDecimal.ZERO) == 0 || quantity.compareTo(BigDecimal.ONE) == 0;
        if (!serialized || zeroOrOne || cells.failed(QUANTITY.name()) && !lineKeepsQuantity) {
            return;
        }
        if (record.status() == InventoryStatus.ON_ORDER && row.serialNumber() != null) {
            cells.fail(SERIAL_NUMBER.name(), cells.raw(SERIAL_NUMBER), ErrorCode.SERIAL_QUANTITY, "inventory " + record.id()
                    + " is On Order with quantity " + quantity.toPlainString() + ", which "
                    + owners.describe(record.purchaseOrderLine()) + " sets: inventory with a serial number has quantity 0 or 1");
        } else {
            // the cell as written (the review of 5 December 2026 found "0.5" for ".5"); where the row
            // gives no quantity, the serial it gives to a record of that quantity is what is wrong
            var column = cells.raw(QUANTITY).isEmpty() && !cells.raw(SERIAL_NUMBER).isEmpty() ? SERIAL_NUMBER : QUANTITY;
            cells.fail(column.name(), cells.raw(column), ErrorCode.SERIAL_QUANTITY,
                    "inventory with a serial number has quantity 0 or 1, got " + quantity.toPlainString());
        }
    }

    private void checkScrapped(RowCells cells, InventoryRecord record) {
        if (record.quantityScrapped().compareTo(record.quantity()) > 0
                && !cells.failed(QUANTITY.name()) && !cells.failed(QUANTITY_SCRAPPED.name())) {
            // the cell as written; where the row gives no quantity_scrapped, its quantity went below the stored one
            var column = cells.raw(QUANTITY_SCRAPPED).isEmpty() && !cells.raw(QUANTITY).isEmpty() ? QUANTITY : QUANTITY_SCRAPPED;
            cells.fail(column.name(), cells.raw(column), ErrorCode.SCRAPPED_EXCEEDS_QUANTITY,
                    "quantity_scrapped (" + record.quantityScrapped().toPlainString()
                            + ") may not exceed quantity (" + record.quantity().toPlainString() + ")");
        }
    }

    /**
     * A serial is unique per part number, across its revisions, among stored inventory and the
     * rows before this one, which apply in file order: a serial an earlier row took off a record
     * is free here, one an earlier row gave is taken.
     */
    private void checkSerialUnique(InventoryRow row, RowCells cells, InventoryRecord record) {
        var key = SerialKey.of(record);
        var column = (row.autogenerateSerial() ? AUTOGENERATE_SERIAL : SERIAL_NUMBER).name();
        if (!key.fitsClaimKeyOf(org)) { // not looked up: its claim could be neither read nor written
            if (KeyText.fits(key.serialNumber())) { // a serial too long alone fails on its own (RowCells.checkKeyLength)
                cells.fail(column, key.serialNumber(), ErrorCode.LIMIT_EXCEEDED, "the org, the part number and the serial"
                        + " make a claim key longer than DynamoDB's 2,048 bytes: give a shorter serial number");
            }
            return;
        }
        var holder = serials.holder(key);
        if (holder == null || holder.id() == record.id()) {
            serials.give(key, record.id(), row.row());
        } else if (holder.row() == 0 && serials.buildsOnUnfinishedClaim(key)) {
            serials.give(key, record.id(), row.row()); // as if free: the file is refused until that import has finished
        } else if (holder.row() == 0) {
            cells.fail(column, key.serialNumber(), ErrorCode.DUPLICATE_SERIAL, key
                    + " is already used by inventory " + holder.id());
        } else {
            cells.fail(column, key.serialNumber(), ErrorCode.DUPLICATE_SERIAL, key + " is also on row " + holder.row());
        }
    }

    /** The stock unit of a record's part, or null when the part is no longer in the catalog. */
    static String partUnit(Catalog catalog, InventoryRecord record) {
        return catalog.parts().find(record.part()).map(Part::unitOfMeasure).orElse(null);
    }
}
