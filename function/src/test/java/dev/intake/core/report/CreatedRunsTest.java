package dev.intake.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CreatedRunsTest {

    @Test
    void summary_consecutiveRowsAndIds_oneRun() {
        var runs = new CreatedRuns();
        for (int row = 2; row < 1_000_002; row++) {
            runs.add(row, 5_000L + row - 2);
        }

        var summary = runs.summary();

        assertThat(summary.runs()).containsExactly(new CreatedRun(2, 5_000L, 1_000_000));
        assertThat(summary.total()).isEqualTo(1_000_000);
        assertThat(summary.truncated()).isFalse();
    }

    @Test
    void summary_rowSkippedByAnUpdateOrBlankLine_endsTheRun() {
        var runs = new CreatedRuns();
        runs.add(2, 10L);
        runs.add(3, 11L);
        runs.add(5, 12L);
        runs.add(6, 13L);

        assertThat(runs.summary().runs()).containsExactly(new CreatedRun(2, 10L, 2), new CreatedRun(5, 12L, 2));
    }

    @Test
    void summary_idsNotConsecutive_separateRuns() {
        var runs = new CreatedRuns();
        runs.add(2, 10L);
        runs.add(3, 20L);

        assertThat(runs.summary().runs()).containsExactly(new CreatedRun(2, 10L, 1), new CreatedRun(3, 20L, 1));
    }

    @Test
    void summary_textIds_aRunOfOneEach() {
        var runs = new CreatedRuns();
        runs.add(2, "PO-1");
        runs.add(3, "PO-2");

        assertThat(runs.summary().runs()).containsExactly(new CreatedRun(2, "PO-1", 1), new CreatedRun(3, "PO-2", 1));
    }

    @Test
    void summary_moreRunsThanTheCap_keepsTheFirstCountsAllAndSaysTruncated() {
        var runs = new CreatedRuns();
        for (int i = 0; i < CreatedRuns.MAX_RUNS + 5; i++) {
            runs.add(2 + 2 * i, (long) i * 10);
        }

        var summary = runs.summary();

        assertThat(summary.runs()).hasSize(CreatedRuns.MAX_RUNS);
        assertThat(summary.total()).isEqualTo(CreatedRuns.MAX_RUNS + 5);
        assertThat(summary.truncated()).isTrue();
    }
}
