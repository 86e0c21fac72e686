package dev.intake.core.columns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.core.attributes.CustomValue;
import dev.intake.core.catalog.AttributeDef;
import dev.intake.core.catalog.AttributeEntity;
import dev.intake.core.catalog.AttributeType;
import dev.intake.core.catalog.NameIndex;
import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.Header;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RowCellsTest {

    private static final Set<String> STANDARD = Set.of("id", "note", "quantity", "flag", "location", "due");
    private static final NameIndex LOCATIONS = NameIndex.of(List.of("Stockroom A", "Receiving"));
    private static final Map<String, AttributeDef> ATTRIBUTES = attributeDefs();

    @Test
    void text_blank_isPresentNull() {
        var cells = cells("note", "");

        assertThat(cells.text("note")).isEqualTo(Cell.of(null));
    }

    @Test
    void text_value_isPresent() {
        assertThat(cells("note", "hello").text("note")).isEqualTo(Cell.of("hello"));
    }

    @Test
    void typedAccessors_columnAbsentFromHeader_absent() {
        var cells = cells("note", "x");

        assertThat(cells.text("location")).isEqualTo(Cell.absent());
        assertThat(cells.quantity("quantity")).isEqualTo(Cell.absent());
        assertThat(cells.flag("flag")).isEqualTo(Cell.absent());
        assertThat(cells.reference("location", LOCATIONS, "location")).isEqualTo(Cell.absent());
        assertThat(cells.date("due")).isEqualTo(Cell.absent());
        assertThat(cells.raw("location")).isEmpty();
        assertThat(cells.errors()).isEmpty();
    }

    @Test
    void quantity_blank_isZero() {
        assertThat(cells("quantity", "").quantity("quantity")).isEqualTo(Cell.of(BigDecimal.ZERO));
    }

    @Test
    void quantity_plainNumber_isParsed() {
        var cell = cells("quantity", "12.5").quantity("quantity");

        assertThat(cell.present()).isTrue();
        assertThat(cell.value()).isEqualByComparingTo("12.5");
    }

    @Test
    void quantity_notANumber_invalidNumberAndAbsent() {
        var cells = cells("quantity", "12 kg");

        assertThat(cells.quantity("quantity")).isEqualTo(Cell.absent());
        assertOnlyError(cells, 5, "quantity", "12 kg", ErrorCode.INVALID_NUMBER);
    }

    @Test
    void quantity_negative_negativeNumberAndAbsent() {
        var cells = cells("quantity", "-2");

        assertThat(cells.quantity("quantity")).isEqualTo(Cell.absent());
        assertOnlyError(cells, 5, "quantity", "-2", ErrorCode.NEGATIVE_NUMBER);
        assertThat(cells.errors().getFirst().message()).isEqualTo("quantity must be zero or more, got -2");
    }

    @Test
    void quantity_negativeZero_isZeroWithoutError() {
        var cells = cells("quantity", "-0");

        assertThat(cells.quantity("quantity")).isEqualTo(Cell.of(BigDecimal.ZERO));
        assertThat(cells.hasErrors()).isFalse();
    }

    @Test
    void flag_blank_isFalse() {
        assertThat(cells("flag", "").flag("flag")).isEqualTo(Cell.of(false));
    }

    @Test
    void flag_yes_isTrue() {
        assertThat(cells("flag", "YES").flag("flag")).isEqualTo(Cell.of(true));
    }

    @Test
    void flag_maybe_invalidBoolean() {
        var cells = cells("flag", "maybe");

        assertThat(cells.flag("flag")).isEqualTo(Cell.absent());
        assertOnlyError(cells, 5, "flag", "maybe", ErrorCode.INVALID_BOOLEAN);
    }

    @Test
    void reference_blank_isPresentUnset() {
        assertThat(cells("location", "").reference("location", LOCATIONS, "location")).isEqualTo(Cell.of(null));
    }

    @Test
    void reference_otherCase_returnsCatalogSpelling() {
        var cells = cells("location", "stockroom a");

        assertThat(cells.reference("location", LOCATIONS, "location")).isEqualTo(Cell.of("Stockroom A"));
        assertThat(cells.hasErrors()).isFalse();
    }

    @Test
    void reference_unknownName_unknownReference() {
        var cells = cells("location", "Attic");

        assertThat(cells.reference("location", LOCATIONS, "location")).isEqualTo(Cell.absent());
        assertOnlyError(cells, 5, "location", "Attic", ErrorCode.UNKNOWN_REFERENCE);
        assertThat(cells.errors().getFirst().message()).contains("location").contains("Attic");
    }

    @Test
    void date_blank_isPresentUnset() {
        assertThat(cells("due", "").date("due")).isEqualTo(Cell.of(null));
    }

    @Test
    void date_monthFirst_isParsed() {
        assertThat(cells("due", "1/31/2026").date("due")).isEqualTo(Cell.of(LocalDate.of(2026, 1, 31)));
    }

    @Test
    void date_unparseable_invalidDate() {
        var cells = cells("due", "soon");

        assertThat(cells.date("due")).isEqualTo(Cell.absent());
        assertOnlyError(cells, 5, "due", "soon", ErrorCode.INVALID_DATE);
    }

    @Test
    void lookupId_blank_isNullNotZero() {
        var cells = cells("id", "");

        assertThat(cells.lookupId("id")).isNull();
        assertThat(cells.hasErrors()).isFalse();
    }

    @Test
    void lookupId_absentColumn_isNull() {
        var cells = cells("note", "x");

        assertThat(cells.lookupId("id")).isNull();
        assertThat(cells.hasErrors()).isFalse();
    }

    @Test
    void lookupId_positive_isParsed() {
        assertThat(cells("id", "1001").lookupId("id")).isEqualTo(1001L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-4", "1.5", "abc"})
    void lookupId_notPositiveWholeNumber_invalidId(String text) {
        var cells = cells("id", text);

        assertThat(cells.lookupId("id")).isNull();
        assertOnlyError(cells, 5, "id", text, ErrorCode.INVALID_ID);
    }

    @Test
    void attributes_validTextOfEachType_typedValues() {
        var cells = attributeCells(3, "lot 7", "2.5", "y", "31-Jan-2026");

        assertThat(cells.attributes(ATTRIBUTES)).containsExactly(
                Map.entry("Batch", Cell.of(new CustomValue.Text("lot 7"))),
                Map.entry("Weight", Cell.of(new CustomValue.Number(new BigDecimal("2.5")))),
                Map.entry("Inspected", Cell.of(new CustomValue.Flag(true))),
                Map.entry("Expires", Cell.of(new CustomValue.Day(LocalDate.of(2026, 1, 31)))));
        assertThat(cells.hasErrors()).isFalse();
    }

    @Test
    void attributes_blankCells_emptyDefaultsAndUnsetDate() {
        var cells = attributeCells(3, "", "", "", "");

        assertThat(cells.attributes(ATTRIBUTES)).containsExactly(
                Map.entry("Batch", Cell.of(new CustomValue.Text(""))),
                Map.entry("Weight", Cell.of(new CustomValue.Number(BigDecimal.ZERO))),
                Map.entry("Inspected", Cell.of(new CustomValue.Flag(false))),
                Map.entry("Expires", Cell.of(null)));
    }

    @Test
    void attributes_invalidValues_errorCodePerTypeAndLeftOut() {
        var cells = attributeCells(6, "free text", "heavy", "maybe", "soon");

        assertThat(cells.attributes(ATTRIBUTES)).containsOnlyKeys("Batch");
        assertThat(cells.errors())
                .extracting(ImportError::row, ImportError::column, ImportError::value, ImportError::code)
                .containsExactly(
                        tuple(6, "Weight", "heavy", ErrorCode.INVALID_NUMBER),
                        tuple(6, "Inspected", "maybe", ErrorCode.INVALID_BOOLEAN),
                        tuple(6, "Expires", "soon", ErrorCode.INVALID_DATE));
    }

    @Test
    void attributes_columnsInOtherOrderThanFile_readByHeaderPosition() {
        var cells = new RowCells(new CsvRow(2, List.of("4", "B-9")),
                Header.match(List.of("Weight", "Batch"), STANDARD, new ArrayList<>()));
        var columns = new LinkedHashMap<String, AttributeDef>();
        columns.put("Batch", ATTRIBUTES.get("Batch"));
        columns.put("Weight", ATTRIBUTES.get("Weight"));

        assertThat(cells.attributes(columns)).containsExactly(
                Map.entry("Batch", Cell.of(new CustomValue.Text("B-9"))),
                Map.entry("Weight", Cell.of(new CustomValue.Number(new BigDecimal("4")))));
    }

    @Test
    void constructor_valueUnderBlankHeader_unknownColumn() {
        var cells = new RowCells(new CsvRow(4, List.of("x", "", "stray")),
                Header.match(List.of("note", "", ""), STANDARD, new ArrayList<>()));

        assertThat(cells.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN);
            assertThat(error.row()).isEqualTo(4);
            assertThat(error.column()).isNull();
            assertThat(error.value()).isEqualTo("stray");
            assertThat(error.message()).contains("column 3");
        });
    }

    @Test
    void errors_severalBadCells_allCollected() {
        var cells = new RowCells(new CsvRow(9, List.of("-1", "maybe", "Attic")),
                Header.match(List.of("quantity", "flag", "location"), STANDARD, new ArrayList<>()));

        cells.quantity("quantity");
        cells.flag("flag");
        cells.reference("location", LOCATIONS, "location");

        assertThat(cells.errors()).extracting(ImportError::code).containsExactly(
                ErrorCode.NEGATIVE_NUMBER, ErrorCode.INVALID_BOOLEAN, ErrorCode.UNKNOWN_REFERENCE);
        assertThat(cells.errors()).extracting(ImportError::row).containsOnly(9);
    }

    /** A row under the header Batch (text), Weight (number), Inspected (boolean), Expires (date). */
    private static RowCells attributeCells(int row, String... values) {
        return new RowCells(new CsvRow(row, List.of(values)),
                Header.match(List.copyOf(ATTRIBUTES.keySet()), STANDARD, new ArrayList<>()));
    }

    private static Map<String, AttributeDef> attributeDefs() {
        var defs = new LinkedHashMap<String, AttributeDef>();
        defs.put("Batch", new AttributeDef("Batch", AttributeEntity.INVENTORY, AttributeType.TEXT));
        defs.put("Weight", new AttributeDef("Weight", AttributeEntity.INVENTORY, AttributeType.NUMBER));
        defs.put("Inspected", new AttributeDef("Inspected", AttributeEntity.INVENTORY, AttributeType.BOOLEAN));
        defs.put("Expires", new AttributeDef("Expires", AttributeEntity.INVENTORY, AttributeType.DATE));
        return defs;
    }

    /** A row 5 whose header is {@code column}, holding {@code value}. */
    private static RowCells cells(String column, String value) {
        return new RowCells(new CsvRow(5, List.of(value)), Header.match(List.of(column), STANDARD, new ArrayList<>()));
    }

    private static void assertOnlyError(RowCells cells, int row, String column, String value, ErrorCode code) {
        assertThat(cells.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(code);
            assertThat(error.row()).isEqualTo(row);
            assertThat(error.column()).isEqualTo(column);
            assertThat(error.value()).isEqualTo(value);
        });
    }
}
