package dev.intake.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class ReportTextTest {

    private static final String REPORT = """
            {"status": "SUCCEEDED", "source": {"key": "acme/part-inventory/receiving.csv"},
             "counts": {"rows": 12, "created": 12, "updated": 0, "errors": 0}}""";

    @Test
    void summary_namesTheFileItsStatusAndCounts() {
        var line = ReportText.summary(REPORT, "s3://intake-local/acme/part-inventory/receiving.csv.report.json",
                LocalTime.of(14, 5, 12, 903_000_000));

        assertThat(line).isEqualTo("14:05:12 acme/part-inventory/receiving.csv: SUCCEEDED, 12 rows (12 created, 0 updated,"
                + " 0 errors); report s3://intake-local/acme/part-inventory/receiving.csv.report.json\n");
    }

    /** Until 5 December 2026 the line said "1 rows" and "10000 rows", unlike the progress lines. */
    @Test
    void summary_oneRowAndThousands_writtenAsTheProgressLinesWriteThem() {
        var one = ReportText.summary(REPORT.replace("\"rows\": 12, \"created\": 12", "\"rows\": 1, \"created\": 1"), "r.json",
                LocalTime.of(6, 12));
        var many = ReportText.summary(REPORT.replace("\"rows\": 12, \"created\": 12", "\"rows\": 10000, \"created\": 10000"),
                "r.json", LocalTime.of(6, 12));

        assertThat(one).contains(": SUCCEEDED, 1 row (1 created, 0 updated, 0 errors)");
        assertThat(many).contains(": SUCCEEDED, 10,000 rows (10,000 created, 0 updated, 0 errors)");
    }

    @Test
    void summary_onTheMinute_stillShowsTheSeconds() {
        var line = ReportText.summary(REPORT, "s3://intake-local/r.json", LocalTime.of(6, 12));

        assertThat(line).startsWith("06:12:00 acme/part-inventory/receiving.csv: SUCCEEDED");
    }

    /**
     * Found by review (5 December 2026): serve's line for a dry run says "12 created, 3 updated"
     * though a dry run writes nothing: its counts are what a commit would do (docs/report.md,
     * "In a dry run: records a commit would create"), and the line should say so.
     */
    @Test
    void summary_ofADryRun_saysWhatItWouldCreateAndUpdateNotThatItDid() {
        var dryRun = """
                {"mode": "validate", "status": "VALIDATED", "source": {"key": "acme/part-inventory/validate/receiving.csv"},
                 "counts": {"rows": 15, "created": 12, "updated": 3, "errors": 0}}""";

        var line = ReportText.summary(dryRun, "r.json", LocalTime.of(6, 12));

        assertThat(line).contains(": VALIDATED, 15 rows (").doesNotContain("12 created").doesNotContain("3 updated")
                .contains("12", "3", "would");
    }
}
