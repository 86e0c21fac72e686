package dev.intake.core.columns;

import dev.intake.core.attributes.Attributed;
import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.Catalog;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** A record for the column model's tests, with a column of each kind. */
record Thing(String note, BigDecimal quantity, boolean flag, String location, LocalDate due, Map<String, CustomValue> attributes)
        implements Attributed<Thing> {

    static final Column<Thing, Long> ID = Column.of("id", Column.Level.ITEM, CellTypes.ID);
    static final Column<Thing, String> NOTE = Column.<Thing, String>of("note", Column.Level.ITEM, CellTypes.TEXT)
            .field(Thing::note, (thing, value) -> new Thing(value, thing.quantity, thing.flag, thing.location, thing.due, thing.attributes));
    static final Column<Thing, BigDecimal> QUANTITY = Column.<Thing, BigDecimal>of("quantity", Column.Level.ITEM, CellTypes.QUANTITY)
            .field(Thing::quantity, (thing, value) -> new Thing(thing.note, value, thing.flag, thing.location, thing.due, thing.attributes))
            .frozenWhenSettled();
    static final Column<Thing, Boolean> FLAG = Column.<Thing, Boolean>of("flag", Column.Level.ITEM, CellTypes.FLAG)
            .field(Thing::flag, (thing, value) -> new Thing(thing.note, thing.quantity, value, thing.location, thing.due, thing.attributes));
    static final Column<Thing, String> LOCATION = Column.<Thing, String>of("location", Column.Level.ITEM,
                    CellTypes.reference(Catalog::locations, "location"))
            .field(Thing::location, (thing, value) -> new Thing(thing.note, thing.quantity, thing.flag, value, thing.due, thing.attributes));
    static final Column<Thing, LocalDate> DUE = Column.<Thing, LocalDate>of("due", Column.Level.ITEM, CellTypes.DATE)
            .field(Thing::due, (thing, value) -> new Thing(thing.note, thing.quantity, thing.flag, thing.location, value, thing.attributes));
    /** The same text column at the PO level: blank there is not given. */
    static final Column<Thing, String> HEADER_NOTE = Column.<Thing, String>of("header_note", Column.Level.PO, CellTypes.TEXT)
            .field(Thing::note, NOTE.set());
    static final Column<Thing, List<String>> LABELS = Column.of("labels", Column.Level.ITEM, CellTypes.LABELS);

    static final List<Column<Thing, ?>> STANDARD = List.of(ID, NOTE, QUANTITY, FLAG, LOCATION, DUE, HEADER_NOTE, LABELS);

    static final Thing EMPTY = new Thing(null, BigDecimal.ZERO, false, null, null, Map.of());

    @Override
    public Thing withAttributes(Map<String, CustomValue> value) {
        return new Thing(note, quantity, flag, location, due, value);
    }
}
