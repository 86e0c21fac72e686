package dev.intake.core.columns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.AttributeDef;
import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.AttributeType;
import dev.intake.core.catalog.Catalog;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.Header;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class RowValuesTest {

    private static final Column<Thing, CustomValue> BATCH = attribute("Batch", AttributeType.TEXT);
    private static final Column<Thing, CustomValue> WEIGHT = attribute("Weight", AttributeType.NUMBER);
    private static final Column<Thing, CustomValue> EXPIRES = attribute("Expires", AttributeType.DATE);

    @Test
    void applyTo_presentColumns_setTheirFieldsAndLeaveTheOthers() {
        var thing = new Thing("old", BigDecimal.TEN, true, null, null, Map.of());

        var after = values("note,quantity", "new,4").applyTo(thing);

        assertThat(after).isEqualTo(new Thing("new", new BigDecimal("4"), true, null, null, Map.of()));
    }

    @Test
    void applyTo_blankAttributeCellsOnARecordWithoutTheAttributes_noChange() {
        var after = values("Batch,Weight,Expires", ",,").applyTo(Thing.EMPTY);

        assertThat(after).isSameAs(Thing.EMPTY);
    }

    @Test
    void applyTo_blankAttributeCellsOnARecordWithValues_emptyDefaultsAndADateUnset() {
        var thing = Thing.EMPTY.withAttributes(Map.of("Batch", new CustomValue.Text("B-7"),
                "Weight", new CustomValue.Number(new BigDecimal("2.5")),
                "Expires", new CustomValue.Day(java.time.LocalDate.of(2027, 6, 30))));

        var after = values("Batch,Weight,Expires", ",,").applyTo(thing);

        assertThat(after.attributes()).isEqualTo(Map.of("Batch", new CustomValue.Text(""),
                "Weight", new CustomValue.Number(BigDecimal.ZERO)));
    }

    @Test
    void applyTo_sameValueWrittenOtherwise_noChange() {
        var thing = Thing.EMPTY.withAttributes(Map.of("Weight", new CustomValue.Number(new BigDecimal("2.50"))));

        assertThat(values("quantity,Weight", "0.0,2.5").applyTo(thing)).isSameAs(thing);
    }

    @Test
    void frozenChanges_frozenColumnChangedAndOpenOneToo_onlyTheFrozenOne() {
        var thing = new Thing("old", BigDecimal.ONE, false, null, null, Map.of());
        var values = values("note,quantity,flag", "new,2,yes");

        assertThat(values.frozenChanges(thing, values.applyTo(thing))).containsExactly(Thing.QUANTITY);
    }

    @Test
    void frozenChanges_frozenColumnWithTheStoredValue_none() {
        var thing = new Thing(null, BigDecimal.ONE, false, null, null, Map.of());
        var values = values("quantity", "1.0");

        assertThat(values.frozenChanges(thing, values.applyTo(thing))).isEmpty();
    }

    @Test
    void cellOf_valuesOfEachType_writtenAsTheyRead() {
        var thing = new Thing("a, b", new BigDecimal("1E+3"), true, "Dock", java.time.LocalDate.of(2027, 1, 31),
                Map.of("Weight", new CustomValue.Number(new BigDecimal("2.50"))));

        assertThat(Stream.of(Thing.NOTE, Thing.QUANTITY, Thing.FLAG, Thing.LOCATION, Thing.DUE, WEIGHT, BATCH, EXPIRES)
                .map(column -> column.cellOf(thing)))
                .containsExactly("a, b", "1000", "true", "Dock", "2027-01-31", "2.5", "", ""); // as DynamoDB gives 2.50 back
        assertThat(BATCH.cellOrNull(thing)).isEqualTo("");
        assertThat(EXPIRES.cellOrNull(thing)).isNull();
    }

    /** How a refusal quotes the value a cell must hold: a long one shortened as a cell is, so the message's advice fits. */
    @Test
    void quotedIn_storedValues_quotedShortenedOrBlank() {
        var thing = new Thing("x".repeat(300), BigDecimal.ONE, false, null, null, Map.of());

        assertThat(Thing.QUANTITY.quotedIn(thing)).isEqualTo("\"1\"");
        assertThat(Thing.LOCATION.quotedIn(thing)).isEqualTo("blank");
        assertThat(Thing.NOTE.quotedIn(thing)).hasSize(103).endsWith("x…\"");
    }

    private static Column<Thing, CustomValue> attribute(String key, AttributeType type) {
        return AttributeColumns.of(new AttributeDef(key, AttributeEntity.INVENTORY, type), Column.Level.ITEM);
    }

    /** The values of one row of a file with {@code header}, all of its cells in {@code row}. */
    private static RowValues<Thing> values(String header, String row) {
        var names = List.of(header.split(",", -1));
        var standard = Thing.STANDARD.stream().map(Column::name).collect(Collectors.toSet());
        var custom = Stream.of(BATCH, WEIGHT, EXPIRES).filter(column -> names.contains(column.name())).toList();
        var layout = Layout.of(Header.match(names, standard, new ArrayList<>()), Thing.STANDARD, custom);
        var cells = new RowCells(new CsvRow(2, List.of(row.split(",", -1))), layout, new Lookups(Catalog.empty("acme")));
        var columns = Stream.concat(Thing.STANDARD.stream(), custom.stream()).filter(Column::isField).toList();
        return RowValues.read(cells, columns);
    }
}
