package dev.intake.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HeaderTest {

    private static final Set<String> STANDARD = Set.of("id", "part_number", "quantity");

    private final List<ImportError> errors = new ArrayList<>();

    @Test
    void match_standardColumnsInAnyCase_matchedByLowerCaseName() {
        var header = Header.match(List.of("ID", "Part_Number", "quantity"), STANDARD, errors);

        assertThat(errors).isEmpty();
        assertThat(header.standard()).isEqualTo(Map.of("id", 0, "part_number", 1, "quantity", 2));
        assertThat(header.has("part_number")).isTrue();
        assertThat(header.indexOf("quantity")).isEqualTo(2);
        assertThat(header.others()).isEmpty();
    }

    @Test
    void match_missingStandardColumn_indexIsMinusOne() {
        var header = Header.match(List.of("id"), STANDARD, errors);

        assertThat(header.has("quantity")).isFalse();
        assertThat(header.indexOf("quantity")).isEqualTo(-1);
    }

    @Test
    void match_customColumns_keptWithExactSpellingInFileOrder() {
        var header = Header.match(List.of("BatchID", "id", "batchid", "Colour Code"), STANDARD, errors);

        assertThat(errors).isEmpty();
        assertThat(header.others()).containsExactly(
                Map.entry("BatchID", 0), Map.entry("batchid", 2), Map.entry("Colour Code", 3));
        assertThat(header.has("batchid")).isFalse();
    }

    @Test
    void match_sameStandardColumnTwice_duplicateColumn() {
        Header.match(List.of("id", "quantity", "quantity"), STANDARD, errors);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.DUPLICATE_COLUMN);
            assertThat(error.row()).isNull();
            assertThat(error.column()).isEqualTo("quantity");
            assertThat(error.message()).contains("columns 2 and 3");
        });
    }

    @Test
    void match_caseVariantOfStandardColumn_duplicateColumn() {
        var header = Header.match(List.of("Quantity", "id", "QUANTITY"), STANDARD, errors);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.DUPLICATE_COLUMN);
            assertThat(error.column()).isEqualTo("QUANTITY");
            assertThat(error.message()).contains("columns 1 and 3");
        });
        assertThat(header.indexOf("quantity")).isEqualTo(0);
    }

    @Test
    void match_sameCustomColumnTwice_duplicateColumn() {
        Header.match(List.of("BatchID", "BatchID"), STANDARD, errors);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.DUPLICATE_COLUMN);
            assertThat(error.column()).isEqualTo("BatchID");
        });
    }

    @Test
    void match_blankHeaderCells_ignoredButReportedAsUnnamed() {
        var header = Header.match(List.of("id", "", "quantity", ""), STANDARD, errors);

        assertThat(errors).isEmpty();
        assertThat(header.standard()).isEqualTo(Map.of("id", 0, "quantity", 2));
        assertThat(header.others()).isEmpty();
        assertThat(header.unnamed()).containsExactly(1, 3);
    }

    /**
     * Found by review (6 Dec 2026): headers as people type them got only "neither a column nor an
     * attribute"; the message asks whether the standard column was meant, and only where one was.
     */
    @ParameterizedTest
    @CsvSource(nullValues = "none", value = {"Part Number, part_number", "PART-NUMBER, part_number", "Serial #, serial_number",
            "Qty, quantity", "PO No, po_number", "po num, po_number", "Lot, lot_number", "Colour, none", "Partnumber, none"})
    void unknownColumn_writtenAsPeopleTypeHeaders_asksWhetherTheStandardColumnWasMeant(String column, String meant) {
        var standard = Set.of("part_number", "serial_number", "lot_number", "quantity", "po_number");

        var error = Header.unknownColumn(column, standard, "a column nor an attribute");

        assertThat(error.code()).isEqualTo(ErrorCode.UNKNOWN_COLUMN);
        assertThat(error.column()).isEqualTo(column);
        if (meant == null) {
            assertThat(error.message()).doesNotContain("did you mean");
        } else {
            assertThat(error.message()).endsWith("; did you mean " + meant + "?");
        }
    }

    /**
     * A Turkish user's upper case of "quantity" is "QUANT\u0130TY" (dotted capital I: Excel's
     * UPPER() and Caps Lock on a Turkish keyboard), and the lower case of "ID" "\u0131d" (dotless
     * i): unknown columns that ask "did you mean quantity?" (found by review "scripts" on 6
     * December 2026: nothing said which column was meant). Not matched as the column: an org may
     * have an attribute keyed "QUANT\u0130TY", which such a header fills (review "upgrade").
     */
    @Test
    void match_turkishUpperAndLowerCaseOfAStandardColumn_notTheColumnButSuggestIt() {
        var header = Header.match(List.of("PART_NUMBER", "QUANT\u0130TY", "\u0131d"), STANDARD, errors);

        assertThat(errors).isEmpty();
        assertThat(header.standard()).isEqualTo(Map.of("part_number", 0));
        assertThat(header.others()).containsOnlyKeys("QUANT\u0130TY", "\u0131d");
        assertThat(Header.unknownColumn("QUANT\u0130TY", STANDARD, "a column").message()).endsWith("; did you mean quantity?");
    }

    @Test
    void meant_turkishCapitalIInAHeaderAsPeopleTypeIt_suggestsTheColumn() {
        assertThat(Header.meant("\u0130D #", STANDARD)).isEqualTo("id");
    }

    /**
     * An attribute header copied from macOS, "Pru\u0308fdatum" (u and a combining diaeresis), is
     * the catalog's "Prüfdatum": found where it is, and a second spelling of it is a duplicate
     * column (found by review "scripts" on 6 December 2026: it was an unknown column whose message
     * quoted what looked like the attribute's key).
     */
    @Test
    void otherIndex_decomposedHeaderCell_foundByItsComposedName() {
        var header = Header.match(List.of("part_number", "Pru\u0308fdatum"), STANDARD, errors);

        assertThat(errors).isEmpty();
        assertThat(header.otherIndex("Pr\u00FCfdatum")).isEqualTo(1);
        assertThat(header.otherIndex("Pru\u0308fdatum")).isEqualTo(1);
    }

    @Test
    void match_attributeHeaderInBothUnicodeForms_duplicateColumn() {
        Header.match(List.of("Pr\u00FCfdatum", "Pru\u0308fdatum"), STANDARD, errors);

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.DUPLICATE_COLUMN);
            assertThat(error.message()).contains("appears twice (columns 1 and 2)");
        });
    }
}
