package dev.intake.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;

class RowSizeGuardTest {

    @Test
    void read_commasInQuotesAndCrLfRows_notCounted() throws IOException {
        var csv = "\"a,b,c,d\",1\r\n1,2,3\r\n\"x\"\"y\",2\n";

        assertThat(readAll(new RowSizeGuard(new StringReader(csv), 3, 100))).isEqualTo(csv);
    }

    /** A quote inside an unquoted cell is a character (an inch mark), as the parser reads it: it opens nothing. */
    @Test
    void read_inchMarksInUnquotedCells_eachRowCountedOnItsOwn() throws IOException {
        var csv = "part,description\n" + "BOLT-M3,5\" bolt\n".repeat(1_000);

        assertThat(readAll(new RowSizeGuard(new StringReader(csv), 3, 20))).isEqualTo(csv);
    }

    @Test
    void read_rowPastTheCells_earlierCharactersDeliveredFirstThenRefused() {
        var guard = new RowSizeGuard(new StringReader("a,b\n1,2,3,4\n"), 3, 100);
        var delivered = new StringBuilder();

        assertThatThrownBy(() -> {
            var buffer = new char[64];
            for (int n; (n = guard.read(buffer, 0, buffer.length)) >= 0; ) {
                delivered.append(buffer, 0, n);
            }
        }).isInstanceOf(RowSizeGuard.RowTooLargeException.class).hasMessageContaining("more than 3 cells");
        assertThat(delivered).hasToString("a,b\n1,2,3");
    }

    @Test
    void read_rowPastTheCharacters_refusedWhateverItsQuotes() {
        var guard = new RowSizeGuard(new StringReader("a\n\"" + "x\n".repeat(30) + "\"\n"), 10, 40);

        assertThatThrownBy(() -> readAll(guard)).isInstanceOf(RowSizeGuard.RowTooLargeException.class)
                .hasMessageContaining("more than 40 characters");
    }

    /**
     * A quote inside an unquoted cell (an inch mark: {@code Pipe 3/4" x 10}) is a plain character
     * to the parser, and to the guard: it used to toggle its quoting on it, count every later line
     * break and comma as inside quotes, and refuse a legal file once that passed the row bound
     * (found by review).
     */
    @Test
    void read_quoteInsideAnUnquotedCell_laterRowsStillCountedApart() throws IOException {
        var csv = "part_number,description\nP1,Pipe 3/4\" x 10\n" + "P1,Washer\n".repeat(20);
        assertThat(CSVFormat.RFC4180.parse(new StringReader(csv)).getRecords())
                .as("the parser reads every row of the file").hasSize(22);

        assertThat(readAll(new RowSizeGuard(new StringReader(csv), 10, 40))).isEqualTo(csv);
    }

    private static String readAll(Reader reader) throws IOException {
        var all = new StringBuilder();
        var buffer = new char[7];
        for (int n; (n = reader.read(buffer, 0, buffer.length)) >= 0; ) {
            all.append(buffer, 0, n);
        }
        return all.toString();
    }
}
