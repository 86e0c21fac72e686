package dev.intake.core.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailedRowsCsvTest {

    private final StringWriter out = new StringWriter();

    /**
     * Found by review (5 Dec 2026): the formula guard looks at a cell's first character only. Excel
     * in the many locales whose list separator is {@code ;} (German, French, Spanish, Italian,
     * Dutch...) opens a {@code .CSV} by splitting each line at {@code ;}, not at commas. An uploaded
     * cell {@code PX;=1+1;} (a part number that fails, say) is written to the errors CSV unchanged,
     * and there the text after its {@code ;} opens a field of its own that starts with {@code =}: a
     * formula that Excel runs when the user opens the errors file, which docs/errors.md ("Formula
     * guard") says cannot happen ("A CSV from the outside could use that to run commands or leak
     * data when someone opens the errors file"). A formula character after a {@code ;} inside a
     * cell needs the guard too (or the file a {@code sep=,} line, or no {@code ;} left unguarded).
     */
    @Test
    void write_cellWithAFormulaAfterASemicolon_noFieldASemicolonLocaleSeesStartsAFormula() {
        var csv = new FailedRowsCsv(out, List.of("part_number", "quantity"));

        csv.write(new CsvRow(2, List.of("PX;=1+1;", "5")), List.of(
                ImportError.row(2, "part_number", "PX;=1+1;", ErrorCode.UNKNOWN_REFERENCE, "no such part")));
        csv.close();

        var dataLine = out.toString().split("\r\n")[1];
        assertThat(List.of(dataLine.split(";", -1)))
                .as("the fields Excel with list separator ';' reads from " + dataLine)
                .noneMatch(field -> !field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0);
    }

    /**
     * Left by review "reportscale" until 7 December 2026: a row failing in 300 columns joined some
     * 45,000 characters into its errors cell, and Excel keeps 32,767 of a cell, cutting the last
     * error off mid-word. Whole errors only, and how many more there are.
     */
    @Test
    void errorsCell_moreThanASpreadsheetCellHolds_wholeErrorsThenHowManyMore() {
        var errors = new java.util.ArrayList<ImportError>();
        for (int i = 1; i <= 300; i++) {
            errors.add(ImportError.row(2, "Attr" + i, "x", ErrorCode.INVALID_NUMBER,
                    "Attr" + i + " is a number attribute and must be a plain number such as 12 or 12.5, got \"x\" " + "-".repeat(80)));
        }

        var cell = FailedRowsCsv.errorsCell(errors);

        assertThat(cell.length()).isLessThanOrEqualTo(FailedRowsCsv.SPREADSHEET_CELL_CHARS);
        var listed = cell.split("; ");
        int whole = listed.length - 1;
        assertThat(whole).isBetween(150, 299);
        for (int i = 0; i < whole; i++) {
            assertThat(listed[i]).isEqualTo("INVALID_NUMBER: " + errors.get(i).message());
        }
        assertThat(listed[whole]).isEqualTo("and " + (300 - whole) + " more errors of this row (a spreadsheet cell holds no more)");
    }

    /**
     * Found by review "own54b" on 7 December 2026: errors joined to exactly 32,767 characters, the
     * last one short, lost their last two to "and 2 more errors of this row": room for that note
     * was kept before each error whether or not any would be left out.
     */
    @Test
    void errorsCell_errorsJoinedToExactlyTheCellLimit_allKept() {
        var errors = new java.util.ArrayList<ImportError>();
        for (int i = 0; i < 81; i++) {
            errors.add(ImportError.row(2, "Attr" + i, "x", ErrorCode.INVALID_NUMBER, "m".repeat(384))); // 400 with its code
        }
        errors.add(ImportError.row(2, "Filler", "x", ErrorCode.INVALID_NUMBER, "f".repeat(155)));
        errors.add(ImportError.row(2, "Last", "x", ErrorCode.INVALID_NUMBER, "short last error"));
        var whole = errors.stream().map(e -> e.code() + ": " + e.message()).collect(java.util.stream.Collectors.joining("; "));
        assertThat(whole).hasSize(FailedRowsCsv.SPREADSHEET_CELL_CHARS);

        assertThat(FailedRowsCsv.errorsCell(errors)).isEqualTo(whole);
        errors.add(ImportError.row(2, "Past", "x", ErrorCode.INVALID_NUMBER, "one too many"));
        var cut = FailedRowsCsv.errorsCell(errors);
        assertThat(cut).hasSizeLessThanOrEqualTo(FailedRowsCsv.SPREADSHEET_CELL_CHARS)
                .endsWith("; and 3 more errors of this row (a spreadsheet cell holds no more)");
    }

    /**
     * Found by review "own54c" on 7 December 2026: the errors cell was measured before the formula guard, which
     * SpreadsheetCsv applies to it as to every cell: each ";" in a message followed by "-", "=",
     * "+" or "@" (a value quoted in it, "1;-2") gets an apostrophe. Errors joined to the limit, or
     * cut to it, are written longer than the 32,767 characters a spreadsheet cell holds, and Excel
     * cuts the last error (or the "and N more" note) off mid-word, as before the fix.
     */
    @Test
    void write_errorsCellAtTheLimitWithFormulaCharactersAfterSemicolons_writtenWithinTheLimit() {
        var errors = new java.util.ArrayList<ImportError>();
        for (int i = 0; i < 81; i++) {
            errors.add(ImportError.row(2, "Attr" + i, "1;-2", ErrorCode.INVALID_NUMBER, "m".repeat(378) + "\"1;-2\"")); // 400 with its code
        }
        errors.add(ImportError.row(2, "Filler", "x", ErrorCode.INVALID_NUMBER, "f".repeat(155)));
        errors.add(ImportError.row(2, "Last", "x", ErrorCode.INVALID_NUMBER, "short last error"));
        var written = FormulaGuard.guard(FailedRowsCsv.errorsCell(errors)); // as SpreadsheetCsv writes every cell

        assertThat(written.length()).as("the errors cell as the CSV holds it")
                .isLessThanOrEqualTo(FailedRowsCsv.SPREADSHEET_CELL_CHARS);
        assertThat(written).endsWith(" more errors of this row (a spreadsheet cell holds no more)");
    }

    @Test
    void write_failingRow_repeatsCellsThenRowAndErrors() {
        var csv = new FailedRowsCsv(out, List.of("part_number", "quantity"));

        csv.write(new CsvRow(4, List.of("WIDGET-A", "-2")), List.of(
                ImportError.row(4, "quantity", "-2", ErrorCode.NEGATIVE_NUMBER, "quantity must be zero or more, got -2")));
        csv.close();

        assertThat(out.toString()).isEqualTo("""
                part_number,quantity,row,errors\r
                WIDGET-A,-2,4,"NEGATIVE_NUMBER: quantity must be zero or more, got -2"\r
                """);
        assertThat(csv.rows()).isEqualTo(1);
    }

    @Test
    void write_severalErrors_joinedInOneCell() {
        var csv = new FailedRowsCsv(out, List.of("quantity", "location"));

        csv.write(new CsvRow(2, List.of("x", "Attic")), List.of(
                ImportError.row(2, "quantity", "x", ErrorCode.INVALID_NUMBER, "bad number"),
                ImportError.row(2, "location", "Attic", ErrorCode.UNKNOWN_REFERENCE, "no location")));
        csv.close();

        assertThat(out.toString()).endsWith("x,Attic,2,INVALID_NUMBER: bad number; UNKNOWN_REFERENCE: no location\r\n");
    }

    @Test
    void write_rowShorterThanHeader_padsBlankCells() {
        var csv = new FailedRowsCsv(out, List.of("a", "b", "c"));

        csv.write(new CsvRow(7, List.of("1")), List.of(ImportError.row(7, "a", "1", ErrorCode.REQUIRED, "m")));
        csv.close();

        assertThat(out.toString()).endsWith("1,,,7,REQUIRED: m\r\n");
    }

    @Test
    void write_rowLongerThanHeader_keepsTheExtraCellsAfterRowAndErrors() {
        var csv = new FailedRowsCsv(out, List.of("a", "b"));

        csv.write(new CsvRow(4, List.of("1", "2", "3", "4")),
                List.of(ImportError.row(4, null, null, ErrorCode.MALFORMED_CSV, "m")));
        csv.close();

        assertThat(out.toString()).endsWith("a,b,row,errors\r\n1,2,4,MALFORMED_CSV: m,3,4\r\n");
    }

    @Test
    void write_cellsWithCommasAndQuotes_areQuoted() {
        var csv = new FailedRowsCsv(out, List.of("note"));

        csv.write(new CsvRow(2, List.of("say \"hi\", then go")), List.of(ImportError.row(2, null, null, ErrorCode.REQUIRED, "m")));
        csv.close();

        assertThat(out.toString()).endsWith("\"say \"\"hi\"\", then go\",2,REQUIRED: m\r\n");
    }

    @Test
    void write_formulaCell_madeInertWithApostrophe() {
        var csv = new FailedRowsCsv(out, List.of("part_number", "=HEADER()"));

        csv.write(new CsvRow(2, List.of("=HYPERLINK(\"http://x\")", "@SUM(A1)")),
                List.of(ImportError.row(2, "part_number", null, ErrorCode.UNKNOWN_REFERENCE, "m")));
        csv.close();

        assertThat(out.toString()).isEqualTo("""
                part_number,'=HEADER(),row,errors\r
                "'=HYPERLINK(""http://x"")",'@SUM(A1),2,UNKNOWN_REFERENCE: m\r
                """);
    }

    @Test
    void close_noRowsWritten_headerOnly() {
        var csv = new FailedRowsCsv(out, List.of("a"));

        csv.close();

        assertThat(out.toString()).isEqualTo("a,row,errors\r\n");
        assertThat(csv.rows()).isZero();
    }

    /** Written by review "own54c": the edges that hold (one over the limit, a count of several digits; a message is at most 400 characters, so no error alone is too long). */
    @Test
    void errorsCell_edges_hold() {
        var errors = new java.util.ArrayList<ImportError>();
        for (int i = 0; i < 81; i++) {
            errors.add(ImportError.row(2, "Attr" + i, "x", ErrorCode.INVALID_NUMBER, "m".repeat(384)));
        }
        errors.add(ImportError.row(2, "Filler", "x", ErrorCode.INVALID_NUMBER, "f".repeat(155)));
        errors.add(ImportError.row(2, "Last", "x", ErrorCode.INVALID_NUMBER, "short last errorX")); // one over
        var cut = FailedRowsCsv.errorsCell(errors);
        assertThat(cut.length()).isLessThanOrEqualTo(FailedRowsCsv.SPREADSHEET_CELL_CHARS);
        int shown = cut.split("; ").length - 1;
        assertThat(cut).endsWith("; and " + (errors.size() - shown) + " more errors of this row (a spreadsheet cell holds no more)");

        var many = new java.util.ArrayList<ImportError>();
        for (int i = 0; i < 10_000; i++) {
            many.add(ImportError.row(2, "A" + i, "x", ErrorCode.INVALID_NUMBER, "m".repeat(i % 97)));
        }
        var manyCut = FailedRowsCsv.errorsCell(many);
        assertThat(manyCut.length()).isLessThanOrEqualTo(FailedRowsCsv.SPREADSHEET_CELL_CHARS);
        int manyShown = manyCut.split("; ").length - 1;
        assertThat(manyCut).endsWith("; and " + (many.size() - manyShown) + " more errors of this row (a spreadsheet cell holds no more)");
    }
}
