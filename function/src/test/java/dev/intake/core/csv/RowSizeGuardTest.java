package dev.intake.core.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
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

    private static String readAll(Reader reader) throws IOException {
        var all = new StringBuilder();
        var buffer = new char[7];
        for (int n; (n = reader.read(buffer, 0, buffer.length)) >= 0; ) {
            all.append(buffer, 0, n);
        }
        return all.toString();
    }
}
