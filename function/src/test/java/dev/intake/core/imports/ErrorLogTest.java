package dev.intake.core.imports;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.csv.CsvRow;
import dev.intake.core.csv.FailedRowsCsv;
import dev.intake.core.report.ErrorCode;
import dev.intake.core.report.ImportError;
import dev.intake.core.report.ImportReport;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ErrorLogTest {

    private final StringWriter failedRows = new StringWriter();
    private final List<List<String>> openedWith = new ArrayList<>();
    private final ErrorLog log = new ErrorLog(header -> {
        openedWith.add(header);
        return new FailedRowsCsv(failedRows, header);
    });

    @Test
    void add_upToCap_keepsAllAndIsNotTruncated() {
        IntStream.range(0, ImportReport.MAX_ERRORS).forEach(i -> log.add(error(i + 2)));

        assertThat(log.total()).isEqualTo(ImportReport.MAX_ERRORS);
        assertThat(log.kept()).hasSize(ImportReport.MAX_ERRORS);
        assertThat(log.truncated()).isFalse();
    }

    @Test
    void add_pastCap_keepsFirstMaxCountsAllAndTruncates() {
        IntStream.range(0, ImportReport.MAX_ERRORS + 5).forEach(i -> log.add(error(i + 2)));

        assertThat(log.total()).isEqualTo(ImportReport.MAX_ERRORS + 5);
        assertThat(log.kept()).hasSize(ImportReport.MAX_ERRORS);
        assertThat(log.kept().getFirst().row()).isEqualTo(2);
        assertThat(log.kept().getLast().row()).isEqualTo(ImportReport.MAX_ERRORS + 1);
        assertThat(log.truncated()).isTrue();
    }

    /**
     * Found by review (5 Dec 2026): docs/errors.md says "All of a report's errors together name at
     * most 10,000 rows" and docs/report.md "at most 10,000 for all of a report's errors together";
     * ImportReport.MAX_ROWS_NAMED_IN_ALL's javadoc says "the most rows the errors' rows name
     * together". But past the budget ErrorLog.add keeps each error's first row in {@code rows}
     * (withFirstRows(max(1, …))): a full report of errors naming several rows names 10,990.
     */
    @Test
    void add_aFullReportOfErrorsNamingManyRows_rowsNamedInAllWithinTheDocumentedCap() {
        var thousandRows = IntStream.range(2, 2 + ImportError.MAX_ROWS_NAMED).boxed().toList();
        IntStream.range(0, ImportReport.MAX_ERRORS).forEach(i -> log.add(ImportError.rows(thousandRows, "supplier",
                ErrorCode.HEADER_CONFLICT, "PO-" + i + " has different values")));

        int named = log.kept().stream().mapToInt(error -> error.rows().size()).sum();

        assertThat(named).as("rows named by the report's errors together").isLessThanOrEqualTo(ImportReport.MAX_ROWS_NAMED_IN_ALL);
    }
    /** The rows the kept errors name together are capped: past the cap an error keeps its row, and names none. */
    @Test
    void add_errorsNamingManyRows_rowsCappedAcrossTheReport() {
        var thousandRows = IntStream.range(2, 2 + ImportError.MAX_ROWS_NAMED).boxed().toList();
        int full = ImportReport.MAX_ROWS_NAMED_IN_ALL / ImportError.MAX_ROWS_NAMED;
        IntStream.range(0, full + 2).forEach(i -> log.add(ImportError.rows(thousandRows, "supplier",
                ErrorCode.HEADER_CONFLICT, "PO-" + i + " has different values")));

        assertThat(log.kept()).hasSize(full + 2);
        assertThat(log.kept().subList(0, full)).allSatisfy(error -> assertThat(error.rows()).hasSize(ImportError.MAX_ROWS_NAMED));
        assertThat(log.kept().subList(full, full + 2)).allSatisfy(error -> {
            assertThat(error.rows()).isEmpty();
            assertThat(error.row()).isEqualTo(2);
        });
        assertThat(log.total()).isEqualTo(full + 2);
    }

    /** Errors past the report's room are counted without being built; none may be while there is room. */
    @Test
    void addUnkept_onlyOnceTheReportIsFull() {
        log.add(error(2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> log.addUnkept(3)).isInstanceOf(IllegalStateException.class);
        IntStream.range(1, ImportReport.MAX_ERRORS).forEach(i -> log.add(error(i + 2)));

        log.addUnkept(3);

        assertThat(log.room()).isZero();
        assertThat(log.total()).isEqualTo(ImportReport.MAX_ERRORS + 3);
        assertThat(log.truncated()).isTrue();
    }

    @Test
    void isEmpty_noErrors_trueAndNoFailedRowsFile() {
        assertThat(log.isEmpty()).isTrue();
        assertThat(log.closeFailedRows()).isFalse();
        assertThat(openedWith).isEmpty();
    }

    @Test
    void add_fileLevelError_countedButNoFailedRowsFile() {
        log.add(ImportError.file(ErrorCode.EMPTY_FILE, null, "empty"));

        assertThat(log.isEmpty()).isFalse();
        assertThat(log.closeFailedRows()).isFalse();
    }

    @Test
    void row_firstFailingRow_opensFailedRowsWithFileHeader() {
        log.repeatHeader(List.of("id", "quantity"));

        log.failedRow(new CsvRow(3, List.of("7", "x")), List.of(error(3)));
        log.failedRow(new CsvRow(5, List.of("8", "y")), List.of(error(5), error(5)));

        assertThat(openedWith).containsExactly(List.of("id", "quantity"));
        assertThat(log.total()).isEqualTo(3);
        assertThat(log.closeFailedRows()).isTrue();
        assertThat(failedRows.toString()).isEqualTo("""
                id,quantity,row,errors\r
                7,x,3,INVALID_NUMBER: bad\r
                8,y,5,INVALID_NUMBER: bad; INVALID_NUMBER: bad\r
                """);
    }

    @Test
    void row_pastCap_failedRowsStillHoldEveryRow() {
        log.repeatHeader(List.of("quantity"));

        IntStream.range(0, ImportReport.MAX_ERRORS + 10)
                .forEach(i -> log.failedRow(new CsvRow(i + 2, List.of("x")), List.of(error(i + 2))));
        log.closeFailedRows();

        assertThat(log.truncated()).isTrue();
        assertThat(log.total()).isEqualTo(ImportReport.MAX_ERRORS + 10);
        assertThat(failedRows.toString().lines()).hasSize(1 + ImportReport.MAX_ERRORS + 10);
    }

    private static ImportError error(int row) {
        return ImportError.row(row, "quantity", "x", ErrorCode.INVALID_NUMBER, "bad");
    }
}
