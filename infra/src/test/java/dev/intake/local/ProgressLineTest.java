package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.intake.core.imports.ImportProgress;
import dev.intake.core.imports.ImportProgress.Phase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressLineTest {

    @Test
    void text_eachPhase_saysRowsReadValidatedAndWrittenAndTheRate() {
        assertThat(ProgressLine.text(progress(Phase.SCANNING, 40_000, 0)))
                .isEqualTo("acme/part-inventory/big.csv: read 40,000 rows (20,000 rows/s, 6 s)");
        assertThat(ProgressLine.text(progress(Phase.SCANNING, 1, 0))).startsWith("acme/part-inventory/big.csv: read 1 row (");
        assertThat(ProgressLine.text(progress(Phase.VALIDATING, 45_120, 100_000)))
                .isEqualTo("acme/part-inventory/big.csv: read 100,000 rows, validated 45,120, written 0 (20,000 rows/s, 6 s)");
        assertThat(ProgressLine.text(progress(Phase.COMMITTING, 3_000, 100_000)))
                .isEqualTo("acme/part-inventory/big.csv: read 100,000 rows, validated 100,000, written 3,000 (20,000 rows/s, 6 s)");
    }

    /**
     * Found by review (5 Dec 2026): since this change an undo reports its progress (DynamoUndo's
     * Tally), counting items (the ids the import created and the items it journaled), not rows:
     * docs/operations.md says "the three count items, not rows". The CLI's line still says "rows
     * undone" and "rows/s": an undo of a 1,000-row Purchase Orders file (its POs, their On Order
     * items, the PO numbers and serials it journaled) shows e.g. "rolling back: 2,400 of 4,800 rows
     * undone" for a file of 1,000 rows.
     */
    @Test
    void text_rollingBack_countsItemsNotRows() {
        var text = ProgressLine.text(progress(Phase.ROLLING_BACK, 2_400, 4_800));

        assertThat(text).contains("2,400 of 4,800").doesNotContain("rows undone").doesNotContain("rows/s");
    }

    /** An import waiting for an earlier upload of its key says so, with what it read and no rate. */
    @Test
    void text_waiting_saysWhatItWaitsFor() {
        var text = ProgressLine.text(new ImportProgress("i-1", "acme", "part-inventory", "acme/part-inventory/big.csv",
                Phase.WAITING, 0, 100_000, 0, Duration.ofSeconds(12)));

        assertThat(text).isEqualTo("acme/part-inventory/big.csv: read 100,000 rows, validated; waiting for an earlier"
                + " upload of this key to finish (12 s)");
    }

    /**
     * Found by review (5 Dec 2026): the line names the upload's key, and is rewritten in place
     * with print, which TerminalText leaves alone: a key holding ESC sequences (S3 takes them, and
     * serve now lists them) reached the operator's terminal raw.
     */
    @Test
    void text_keyHoldingControlCharacters_showsThemEscaped() {
        var hostile = new ImportProgress("id", "acme", "part-inventory", "acme/part-inventory/t\u001b]0;x\u0007.csv",
                Phase.COMMITTING, 1, 30, 0, Duration.ofSeconds(5));

        assertThat(ProgressLine.text(hostile)).startsWith("acme/part-inventory/t\\u001b]0;x\\u0007.csv: ")
                .doesNotContain("\u001b").doesNotContain("\u0007");
    }

    /** A phase's first row has no rate yet: the line shows none rather than a made-up one. */
    @Test
    void text_noRateMeasuredYet_showsNone() {
        var first = new ImportProgress("id", "acme", "part-inventory", "acme/part-inventory/small.csv", Phase.COMMITTING, 1, 30, 0,
                Duration.ofSeconds(5));

        assertThat(ProgressLine.text(first)).isEqualTo("acme/part-inventory/small.csv: read 30 rows, validated 30, written 1 (5 s)");
    }

    @Test
    void progress_onATerminal_rewritesOneLineAndWipesItWhenDone() {
        var err = new ByteArrayOutputStream();
        var line = new ProgressLine(new PrintStream(err, true, StandardCharsets.UTF_8), true);

        line.progress(progress(Phase.SCANNING, 1, 0));
        line.progress(progress(Phase.SCANNING, 2, 0));
        line.done();

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("\r\u001b[K" + ProgressLine.text(progress(Phase.SCANNING, 1, 0))
                + "\r\u001b[K" + ProgressLine.text(progress(Phase.SCANNING, 2, 0)) + "\r\u001b[K");
        assertThat(line.interval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void progress_notATerminal_printsPlainLinesEveryTwoSeconds() {
        var err = new ByteArrayOutputStream();
        var line = new ProgressLine(new PrintStream(err, true, StandardCharsets.UTF_8), false);

        line.progress(progress(Phase.SCANNING, 1, 0));
        line.done();

        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(ProgressLine.text(progress(Phase.SCANNING, 1, 0)) + "\n");
        assertThat(line.interval()).isEqualTo(Duration.ofSeconds(2));
    }

    private static ImportProgress progress(Phase phase, long done, long total) {
        return new ImportProgress("i-1", "acme", "part-inventory", "acme/part-inventory/big.csv", phase, done, total,
                20_000.4, Duration.ofMillis(6_400));
    }
}
