package dev.intake.core.purchasing;

import static dev.intake.core.purchasing.PoColumns.CURRENCY;
import static dev.intake.core.purchasing.PoColumns.ORIGINAL_PO_NUMBER;
import static dev.intake.core.purchasing.PoColumns.SHIP_TO_LOCATION;
import static dev.intake.core.purchasing.PoColumns.SUPPLIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderConsistencyTest {

    /** The standard header columns plus one PO custom attribute, as PoLayout lists them. */
    private static final List<String> COLUMNS = columns();

    private final HeaderConsistency consistency = new HeaderConsistency(COLUMNS);

    /** One row's header cells: {@code row(po, rowNumber, column, value, …)}; unnamed columns are absent. */
    private record Row(String po, int row, List<String> cells) {}

    @Test
    void summary_identicalRows_noProblems() {
        var rows = List.of(
                row("PO-1", 2, SUPPLIER, "Acme Metals", CURRENCY, "USD"),
                row("PO-1", 3, SUPPLIER, "Acme Metals", CURRENCY, "USD"),
                row("PO-1", 4, SUPPLIER, "Acme Metals", CURRENCY, "USD"));

        var perRow = bothPasses(rows);

        assertThat(perRow).isEmpty();
        assertThat(consistency.summary()).isEmpty();
    }

    @Test
    void summary_conflict_oneErrorForThePoAndColumnWithAllItsRowsAndBothValues() {
        bothPasses(List.of(
                row("PO-1", 2, SUPPLIER, "Acme Metals"),
                row("PO-1", 3, SUPPLIER, "Polymer Co"),
                row("PO-1", 4, SUPPLIER, "Acme Metals")));

        assertThat(consistency.summary()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.HEADER_CONFLICT);
            assertThat(error.column()).isEqualTo(SUPPLIER);
            assertThat(error.row()).isEqualTo(2);
            assertThat(error.rows()).containsExactly(2, 3, 4);
            assertThat(error.message()).contains("PO-1").contains("\"Acme Metals\" on rows 2, 4")
                    .contains("\"Polymer Co\" on row 3");
        });
    }

    @Test
    void summary_severalPosAndColumns_allCollectedTogether() {
        bothPasses(List.of(
                row("PO-1", 2, SUPPLIER, "Acme Metals", CURRENCY, "USD"),
                row("PO-1", 3, SUPPLIER, "Polymer Co", CURRENCY, "EUR"),
                row("PO-2", 4, SUPPLIER, "Acme Metals", CURRENCY, "USD", "Incoterm", "FOB"),
                row("PO-2", 5, SUPPLIER, "Acme Metals", CURRENCY, "USD", "Incoterm", "CIF"),
                row("PO-3", 6, SUPPLIER, "Acme Metals", CURRENCY, "USD")));

        assertThat(consistency.summary())
                .extracting(ImportError::code, ImportError::column, ImportError::rows)
                .containsExactly(
                        tuple(ErrorCode.HEADER_CONFLICT, SUPPLIER, List.of(2, 3)),
                        tuple(ErrorCode.HEADER_CONFLICT, CURRENCY, List.of(2, 3)),
                        tuple(ErrorCode.HEADER_CONFLICT, "Incoterm", List.of(4, 5)));
        assertThat(consistency.summary()).extracting(ImportError::message)
                .allSatisfy(message -> assertThat(message).containsAnyOf("PO-1", "PO-2"));
    }

    @Test
    void summary_rowsOfAPoNotAdjacent_conflictNamesOnlyThatPosRows() {
        bothPasses(List.of(
                row("PO-1", 2, SUPPLIER, "Acme Metals"),
                row("PO-2", 3, SUPPLIER, "Polymer Co"),
                row("PO-2", 4, SUPPLIER, "Polymer Co"),
                row("PO-1", 5, SUPPLIER, "Polymer Co")));

        assertThat(consistency.summary()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.HEADER_CONFLICT);
            assertThat(error.rows()).containsExactly(2, 5);
            assertThat(error.message()).contains("PO-1").doesNotContain("PO-2");
        });
    }

    @Test
    void summary_blankCells_oneHeaderBlankPerPoAndColumnWithItsRows() {
        bothPasses(List.of(
                row("PO-1", 2, SUPPLIER, "", CURRENCY, "USD"),
                row("PO-1", 3, SUPPLIER, "Acme Metals", CURRENCY, "USD"),
                row("PO-1", 4, SUPPLIER, "", CURRENCY, ""),
                row("PO-2", 5, SUPPLIER, "", CURRENCY, "USD")));

        assertThat(consistency.summary())
                .extracting(ImportError::code, ImportError::column, ImportError::row, ImportError::rows)
                .containsExactly(
                        tuple(ErrorCode.HEADER_BLANK, SUPPLIER, 2, List.of(2, 4)),
                        tuple(ErrorCode.HEADER_BLANK, CURRENCY, 4, List.of(4)),
                        tuple(ErrorCode.HEADER_BLANK, SUPPLIER, 5, List.of(5)));
        assertThat(consistency.summary().getFirst().message()).contains("PO-1").contains("rows 2, 4");
    }

    @Test
    void summary_columnBlankOnEveryRowOfAPo_headerBlank() {
        bothPasses(List.of(
                row("PO-1", 2, SUPPLIER, ""),
                row("PO-1", 3, SUPPLIER, "")));

        assertThat(consistency.summary())
                .extracting(ImportError::code, ImportError::column, ImportError::rows)
                .containsExactly(tuple(ErrorCode.HEADER_BLANK, SUPPLIER, List.of(2, 3)));
    }

    @Test
    void summary_originalPoNumberBlankOnEveryRow_noProblem() {
        var perRow = bothPasses(List.of(
                row("PO-1", 2, ORIGINAL_PO_NUMBER, "", SUPPLIER, "Acme Metals"),
                row("PO-1", 3, ORIGINAL_PO_NUMBER, "", SUPPLIER, "Acme Metals")));

        assertThat(perRow).isEmpty();
        assertThat(consistency.summary()).isEmpty();
    }

    @Test
    void summary_originalPoNumberBlankOnOneRowOnly_conflict() {
        bothPasses(List.of(
                row("PO-9", 2, ORIGINAL_PO_NUMBER, "PO-1"),
                row("PO-9", 3, ORIGINAL_PO_NUMBER, "")));

        assertThat(consistency.summary()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(ErrorCode.HEADER_CONFLICT);
            assertThat(error.column()).isEqualTo(ORIGINAL_PO_NUMBER);
            assertThat(error.rows()).containsExactly(2, 3);
            assertThat(error.message()).contains("\"PO-1\" on row 2").contains("\"\" on row 3");
        });
    }

    @Test
    void check_conflictingAndBlankRows_perRowErrorsForTheErrorsCsv() {
        var rows = List.of(
                row("PO-1", 2, SUPPLIER, "Acme Metals", CURRENCY, "USD"),
                row("PO-1", 3, SUPPLIER, "Polymer Co", CURRENCY, "USD"),
                row("PO-1", 4, SUPPLIER, "Acme Metals", CURRENCY, ""));

        var perRow = bothPasses(rows);

        assertThat(perRow)
                .extracting(ImportError::row, ImportError::column, ImportError::value, ImportError::code)
                .containsExactly(
                        tuple(3, SUPPLIER, "Polymer Co", ErrorCode.HEADER_CONFLICT),
                        tuple(4, CURRENCY, null, ErrorCode.HEADER_BLANK));
        assertThat(perRow.getFirst().message()).contains("PO-1").contains("differs from row 2");
        assertThat(perRow.getFirst().rows()).isEmpty();
    }

    @Test
    void check_absentColumn_ignored() {
        var perRow = bothPasses(List.of(
                row("PO-1", 2, SUPPLIER, "Acme Metals"),
                row("PO-1", 3, SUPPLIER, "Acme Metals")));

        assertThat(perRow).isEmpty();
        assertThat(consistency.summary()).isEmpty();
        assertThat(COLUMNS).contains(SHIP_TO_LOCATION, CURRENCY);
    }

    @Test
    void check_sameValuesWithOtherPosDiffering_noProblemForTheConsistentPo() {
        var perRow = bothPasses(List.of(
                row("PO-1", 2, SUPPLIER, "Acme Metals"),
                row("PO-2", 3, SUPPLIER, "Polymer Co"),
                row("PO-1", 4, SUPPLIER, "Acme Metals")));

        assertThat(perRow).isEmpty();
        assertThat(consistency.summary()).isEmpty();
    }

    /** Pass 1 (fingerprints) over every row, then pass 2 (checks); returns the per-row problems. */
    private List<ImportError> bothPasses(List<Row> rows) {
        rows.forEach(r -> consistency.fingerprint(r.po(), r.cells()));
        var problems = new ArrayList<ImportError>();
        rows.forEach(r -> problems.addAll(consistency.check(r.po(), r.row(), r.cells())));
        return problems;
    }

    private static Row row(String po, int row, String... columnsAndValues) {
        var values = new LinkedHashMap<String, String>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return new Row(po, row, cells(values));
    }

    /** Cells aligned with {@link #COLUMNS}: null for a column the file does not have. */
    private static List<String> cells(Map<String, String> values) {
        var cells = new ArrayList<String>();
        COLUMNS.forEach(column -> cells.add(values.get(column)));
        return cells;
    }

    private static List<String> columns() {
        var columns = new ArrayList<>(PoColumns.HEADER);
        columns.add("Incoterm");
        return List.copyOf(columns);
    }
}
