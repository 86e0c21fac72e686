package dev.intake.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImportErrorTest {

    @Test
    void row_longValue_shortenedTo100CharactersAndEllipsis() {
        var error = ImportError.row(2, "note", "x".repeat(250), ErrorCode.REQUIRED, "m");

        assertThat(error.value()).isEqualTo("x".repeat(100) + "…");
    }

    @Test
    void row_shortValue_keptWhole() {
        assertThat(ImportError.row(2, "note", "x".repeat(100), ErrorCode.REQUIRED, "m").value()).hasSize(100);
    }

    /** Mutation review: a message of exactly MAX_MESSAGE characters is kept whole; one longer is cut (neither was tested). */
    @Test
    void row_messageAtAndPastTheCap_keptWholeThenCut() {
        var atCap = "m".repeat(ImportError.MAX_MESSAGE);

        assertThat(ImportError.row(2, "note", null, ErrorCode.REQUIRED, atCap).message()).isEqualTo(atCap);
        assertThat(ImportError.row(2, "note", null, ErrorCode.REQUIRED, atCap + "m").message()).isEqualTo(atCap + "…");
    }

    @Test
    void row_longValueWithEmojiAtCut_keepsWholeCodePoints() {
        var error = ImportError.row(2, "note", "x".repeat(99) + "😀😀", ErrorCode.REQUIRED, "m");

        assertThat(error.value().codePoints()).noneMatch(cp -> Character.getType(cp) == Character.SURROGATE);
        assertThat(error.value()).startsWith("x".repeat(99)).endsWith("…");
    }

    @Test
    void file_noRowAndNoRows() {
        var error = ImportError.file(ErrorCode.UNKNOWN_COLUMN, "Colour", "m");

        assertThat(error.row()).isNull();
        assertThat(error.column()).isEqualTo("Colour");
        assertThat(error.rows()).isEmpty();
    }

    @Test
    void rows_severalRows_firstIsTheRow() {
        var error = ImportError.rows(List.of(4, 7), "supplier", ErrorCode.HEADER_CONFLICT, "m");

        assertThat(error.row()).isEqualTo(4);
        assertThat(error.rows()).containsExactly(4, 7);
    }

    /**
     * A duplicate is a value that matched another as written: its full-width digits are not why,
     * and the message does not say they are (found by review "scripts" on 6 December 2026). A
     * value that failed to match or parse still gets the note.
     */
    @Test
    void cell_duplicateWithLookAlikeCharacters_noNote() {
        var duplicate = ImportError.cell(3, "serial_number", "SN-\uFF10\uFF11", ErrorCode.DUPLICATE_SERIAL,
                "serial number SN-\uFF10\uFF11 of part PCB-410 is also on row 2");
        var unparsed = ImportError.cell(3, "quantity", "\uFF10\uFF11", ErrorCode.INVALID_NUMBER, "not a number");

        assertThat(duplicate.message()).isEqualTo("serial number SN-\uFF10\uFF11 of part PCB-410 is also on row 2");
        assertThat(unparsed.message()).contains("U+FF10 FULLWIDTH DIGIT ZERO");
    }
}
