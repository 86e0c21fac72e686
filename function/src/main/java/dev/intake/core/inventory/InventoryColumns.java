package dev.intake.core.inventory;

import java.util.Set;

/** The standard columns of a Part Inventory file (seed page, SPEC §6). */
final class InventoryColumns {

    static final String ID = "id";
    static final String PART_NUMBER = "part_number";
    static final String REVISION = "revision";
    static final String SERIAL_NUMBER = "serial_number";
    static final String LOT_NUMBER = "lot_number";
    static final String QUANTITY = "quantity";
    static final String QUANTITY_SCRAPPED = "quantity_scrapped";
    static final String LOCATION = "location";
    static final String SUPPLIER = "supplier";
    static final String UNIT_OF_MEASURE = "unit_of_measure";
    static final String INTENT_OPTION = "intent_option";
    static final String AUTOGENERATE_SERIAL = "autogenerate_serial";
    static final String AUTOGENERATE_LOT = "autogenerate_lot";

    static final Set<String> ALL = Set.of(ID, PART_NUMBER, REVISION, SERIAL_NUMBER, LOT_NUMBER, QUANTITY,
            QUANTITY_SCRAPPED, LOCATION, SUPPLIER, UNIT_OF_MEASURE, INTENT_OPTION, AUTOGENERATE_SERIAL, AUTOGENERATE_LOT);

    private InventoryColumns() {}
}
